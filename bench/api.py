"""HTTP API latency on a generated 20,000-event database: network, events page, document endpoints.

The database is synthetic, written by this script with a fixed seed into a
temporary directory (no model is run; records are stored as the pipeline would
store them): 4,000 documents across 12 outlets and six years, 240 actors in 12
theatres (local forces, outside backers), five events per document.  The script
then starts ``factionmap serve`` on a free port of 127.0.0.1 and sends requests
one after another from one client:

- ``first request``: the first ``/api/network`` after start, which reads and
  weighs every event into the server's in-memory index (once per database state);
- ``network (new window)``: ``/api/network`` (the strongest 300 edges) for a
  random time-slider window (3 to 24 months) and a different ``min_confidence``
  each time, so none is served from the response cache; ``network (all, new
  conf.)``: every event, a new confidence floor each time; ``camps``: the same
  for ``/api/camps`` (the web app asks for both at once and colours the nodes
  when the camps arrive);
- ``network (cached)``: the same request repeated;
- ``events page``: ``/api/events?limit=50`` pages walked by cursor, and filtered
  by actor and type;
- ``document``: ``/api/documents/ID`` for random documents.

    python bench/api.py [--events 20000] [--requests 40] [--keep DIR]

Acceptance (issue 12): p95 ≤ 300 ms for the network and ≤ 100 ms for an events page.
"""

from __future__ import annotations

import argparse
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

from factionmap.model import (
    PLOVER_TYPES, Actor, ActorProfile, Document, DocumentAnalysis, Event, Mention, Section, TextSpan,
)
from factionmap.store import Store

THEATRES = ["LBY", "SDN", "SYR", "YEM", "MLI", "ETH", "UKR", "MMR", "SOM", "COD", "IRQ", "AFG"]
BACKERS = ["RUS", "TUR", "EGY", "ARE", "QAT", "USA", "FRA", "IRN", "SAU", "CHN", "GBR", "DEU"]
OUTLETS = [f"Outlet {c}" for c in "ABCDEFGHIJKL"]


def _actors(rng: random.Random) -> dict[str, list[ActorProfile]]:
    """Per theatre: 18 local actors (two sides) and the outside backers."""
    by_theatre = {}
    for country in THEATRES:
        local = [ActorProfile(f"{country}-{side}{i}", f"{country} {'ABCDEFGHIJKLMNOPQR'[i]} force {side}",
                              country, "MIL" if i % 2 else "GOV") for side in "xy" for i in range(9)]
        by_theatre[country] = local
    return by_theatre


def _document(n: int, rng: random.Random, theatres: dict[str, list[ActorProfile]], per_doc: int) -> DocumentAnalysis:
    country = rng.choice(THEATRES)
    local = theatres[country]
    backers = [ActorProfile(c, f"Country {c}", c, "GOV", kind="country") for c in rng.sample(BACKERS, 3)]
    parts, events, used = [], [], {}
    offset = 0
    for _ in range(per_doc):
        a, b = rng.sample(local + backers, 2)
        kind = rng.choice(PLOVER_TYPES)
        sentence = f"{a.name} was said to {kind.lower()} {b.name} near the front. "
        start = offset
        trig = start + sentence.index(kind.lower())
        events.append(Event(kind, (a.id,), (b.id,), TextSpan(trig, trig + len(kind), kind.lower()),
                            TextSpan(start, start + len(sentence) - 1, sentence[:-1]),
                            hedged=rng.random() < 0.2, confidence=round(rng.uniform(0.3, 0.95), 3)))
        for who, at in ((a, start), (b, start + sentence.index(b.name))):
            used.setdefault(who.id, (who, []))[1].append(Mention(at, at + len(who.name), who.name, who.id))
        parts.append(sentence)
        offset += len(sentence)
    text = "".join(parts)
    day = f"{rng.randint(2019, 2024)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    doc = Document(id=f"doc-bench{n:06d}", text=text, sections=(Section("body", 0, len(text)),),
                   name=f"bench-{n}", title=f"Report {n} from {country}", published=day, source=rng.choice(OUTLETS))
    actors = tuple(Actor(p, tuple(m)) for p, m in used.values())
    return DocumentAnalysis(doc, actors, tuple(events))


def generate(path: Path, events: int, per_doc: int = 5, seed: int = 12) -> None:
    rng = random.Random(seed)
    theatres = _actors(rng)
    with Store(path) as store:
        for n in range(events // per_doc):
            store.add(_document(n, rng, theatres, per_doc))


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _cpu(pid: int) -> float:
    """Seconds of CPU the server process has used (user + system), from /proc."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return float("nan")


def _timed(client: httpx.Client, pid: int, urls: list[str]) -> tuple[list[float], list[float]]:
    """Wall-clock latency and server CPU time of each request."""
    times, cpu = [], []
    for url in urls:
        before, start = _cpu(pid), time.perf_counter()
        response = client.get(url)
        times.append(time.perf_counter() - start)
        cpu.append(_cpu(pid) - before)
        response.raise_for_status()
    return times, cpu


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(0.95 * len(ordered) + 0.5)) - 1)]


def _report(name: str, measured: tuple[list[float], list[float]]) -> None:
    times, cpu = measured
    print(f"{name:27s} {len(times):3d} req {len(times) / sum(times):7.1f} req/s  "
          f"p50 {statistics.median(times) * 1000:7.1f} ms  p95 {_p95(times) * 1000:7.1f} ms  "
          f"| server CPU p50 {statistics.median(cpu) * 1000:6.0f} ms  p95 {_p95(cpu) * 1000:6.0f} ms")


def _window(rng: random.Random, i: int) -> str:
    """A time-slider position: a random window of 3 to 24 months, and a confidence floor."""
    start = rng.randrange(2019 * 12, 2024 * 12)
    end = min(start + rng.randint(3, 24), 2024 * 12 + 11)
    return (f"since={start // 12}-{start % 12 + 1:02d}&until={end // 12}-{end % 12 + 1:02d}"
            f"&min_confidence={i / 1000:.3f}")


def _serve(db: Path, port: int) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if k != "FACTIONMAP_TOKEN"}
    proc = subprocess.Popen([sys.executable, "-m", "factionmap.cli", "serve", "--db", str(db), "--port", str(port)],
                            env=env, stderr=subprocess.DEVNULL)
    for _ in range(150):
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/health", timeout=1).status_code == 200:
                return proc
        except httpx.HTTPError:
            time.sleep(0.2)
    proc.terminate()
    raise SystemExit("the server did not start")


def run(db: Path, requests: int) -> None:
    port = _port()
    proc = _serve(db, port)
    pid = proc.pid
    rng = random.Random(3)
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=60) as client:
            health = client.get("/api/health").json()
            print(f"database: {health['documents']:,} documents, {health['actors']:,} actors, {health['events']:,} events")
            _report("first request (index)", _timed(client, pid, ["/api/network?min_confidence=0.999"]))
            windows = [_window(rng, i) for i in range(requests)]
            _report("network (new window)", _timed(client, pid, [f"/api/network?{w}" for w in windows]))
            _report("network (all, new conf.)", _timed(client, pid, [f"/api/network?min_confidence={i / 1000:.3f}" for i in range(requests)]))
            _report("camps (new window)", _timed(client, pid, [f"/api/camps?{w}" for w in windows]))
            _report("camps (all, new conf.)", _timed(client, pid, [f"/api/camps?min_confidence={i / 1000:.3f}" for i in range(requests)]))
            _report("network (cached)", _timed(client, pid, ["/api/network"] * requests))
            _report("network theatre LBY", _timed(client, pid, [f"/api/network?country=LBY&min_confidence={i / 1000:.3f}" for i in range(requests)]))
            cursors: list[str | None] = [None]
            for _ in range(requests):
                page = client.get("/api/events", params={"limit": 50, **({"cursor": cursors[-1]} if cursors[-1] else {})}).json()
                cursors.append(page["next_cursor"])
            urls = [f"/api/events?limit=50&cursor={c}" if c else "/api/events?limit=50" for c in cursors[:requests]]
            _report("events page (walk)", _timed(client, pid, urls))
            actors = [f"{rng.choice(THEATRES)}-x{rng.randint(0, 8)}" for _ in range(requests)]
            _report("events page (actor+type)", _timed(client, pid, [f"/api/events?limit=50&actor={a}&type=ASSAULT,SUPPORT" for a in actors]))
            _report("events page (since 2023)", _timed(client, pid, [f"/api/events?limit=50&since=2023-{m:02d}" for m in range(1, 13)] * (requests // 12 or 1)))
            docs = [f"/api/documents/doc-bench{rng.randrange(health['documents']):06d}" for _ in range(requests)]
            _report("document", _timed(client, pid, docs))
            _report("documents list (search)", _timed(client, pid, [f"/api/documents?q=force+{c}&limit=50" for c in "ABCDEFGHIJ" * (requests // 10 or 1)]))
    finally:
        print(f"load average {os.getloadavg()[0]:.2f} at the end (wall-clock figures include waiting for a core; "
              "server CPU is counted in 1/100 s ticks)")
        proc.terminate()
        proc.wait()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--events", type=int, default=20_000)
    parser.add_argument("--requests", type=int, default=40)
    parser.add_argument("--keep", type=Path, help="Write the database here (reused when it exists).")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = args.keep or Path(tmp) / "bench.db"
        if not db.exists():
            start = time.perf_counter()
            generate(db, args.events)
            print(f"generated {args.events:,} events in {time.perf_counter() - start:.1f} s → {db}")
        print(f"load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
        run(db, args.requests)


if __name__ == "__main__":
    main()
