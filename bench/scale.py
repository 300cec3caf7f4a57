"""How cost grows with the store: synthetic stores of 1k, 10k (and 100k) documents.

Each store is written by this script without the NLP pipeline: generated
documents (five to eight news-like sentences over 60 actors) with their actors,
mentions and events, added through :meth:`Store.add` (one transaction each,
content hash and near-duplicate signature included), in a child process whose
peak RSS is read with ``wait4``.  Then ``factionmap network``, ``camps`` and
``export --format parquet`` run as whole processes on it.  Printed per size:
writer docs/s and seconds per 1,000 documents, then peak RSS and seconds per
command, and the ratios between the largest size and the one before.

    python bench/scale.py [--sizes 1000,10000[,100000]] [--keep DIR [--reuse]] [--ingest-only]

With ``--keep DIR --reuse`` a store written by an earlier run (with its writer figures beside it)
is measured again without being rewritten.  Last, camps are solved on a generated 5,000-actor
signed network (``--camp-actors``) by the heuristic solver, and its seconds printed.

Acceptance (issue 14): at 100k, peak RSS of network and export within 1.5x of 10k's;
per-document ingest time within 1.2x of 1k's.  Figures are from a machine shared
with other work: read them with the printed load average.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

EXE = Path(sys.executable).with_name("factionmap")
VERBS = [("SUPPORT", "backed"), ("ASSAULT", "attacked"), ("ACCUSE", "accused"), ("CONSULT", "met"),
         ("THREATEN", "threatened"), ("AID", "sent aid to"), ("REJECT", "rejected"), ("AGREE", "agreed with")]
COUNTRIES = ["RUS", "TUR", "EGY", "QAT", "FRA", "USA", "SDN", "ETH", "IRN", "CHN", "LBY", "SYR"]
SECTORS = ["GOV", "MIL", "REB", None, "IGO"]
#: A pseudo-vocabulary, so that texts differ as news does (near-duplicate bands rarely collide).
WORDS = ["".join(random.Random(i).choices("bdfgklmnprstvz", k=2) + random.Random(-i).choices("aeiou", k=2))
         + str(i % 97) for i in range(5000)]


def _actors(count: int = 60) -> list:
    from factionmap.model import ActorProfile

    rng = random.Random(3)
    return [ActorProfile(id=f"syn-{i}", name=f"Faction {i}", country=rng.choice(COUNTRIES),
                         sector=rng.choice(SECTORS)) for i in range(count)]


def synthetic(n: int, rng: random.Random, profiles: list):  # noqa: ANN201 - DocumentAnalysis
    """One generated document with its actors, mentions and events (offsets consistent)."""
    from factionmap.model import Actor, Document, DocumentAnalysis, Event, Mention, Section, TextSpan, content_id

    parts, events, mentions = [], [], {}
    offset = 0
    for _ in range(rng.randint(5, 8)):
        a, b = rng.sample(profiles, 2)
        kind, verb = rng.choice(VERBS)
        where, said = " ".join(rng.choices(WORDS, k=2)), " ".join(rng.choices(WORDS, k=3))
        sentence = f"{a.name} {verb} {b.name} near {where} on day {rng.randint(1, 28)}, {said} said. "
        start = offset
        mentions.setdefault(a.id, []).append(Mention(start, start + len(a.name), a.name, a.id))
        b_at = start + len(a.name) + len(verb) + 2
        mentions.setdefault(b.id, []).append(Mention(b_at, b_at + len(b.name), b.name, b.id))
        trigger = TextSpan(start + len(a.name) + 1, start + len(a.name) + 1 + len(verb), verb)
        events.append(Event(kind, (a.id,), (b.id,), trigger, TextSpan(start, start + len(sentence) - 1, sentence[:-1]),
                            confidence=0.8))
        parts.append(sentence)
        offset += len(sentence)
    text = "".join(parts).strip()
    document = Document(id=content_id(f"{n}|{text}"), text=text, sections=(Section("body", 0, len(text)),),
                        name=f"synthetic-{n}", url=f"https://synthetic.example.org/{n}",
                        published=f"2024-{1 + n % 12:02d}-{1 + n % 28:02d}", source=f"outlet{n % 20}")
    by_id = {p.id: p for p in profiles}
    actors = tuple(Actor(by_id[i], tuple(ms)) for i, ms in mentions.items())
    return DocumentAnalysis(document, actors=actors, events=tuple(events))


def write_store(db: Path, size: int) -> None:
    """Child process: write ``size`` synthetic documents; prints the seconds it took."""
    from factionmap.store import Store

    rng, profiles = random.Random(size), _actors()
    start = time.perf_counter()
    with Store(db) as store:
        for n in range(size):
            store.add(synthetic(n, rng, profiles))
    print(time.perf_counter() - start)


def camps_graph(actors: int) -> None:
    """Child process: camps of a generated signed network of ``actors`` actors in a few planted blocs
    (about 4 ties each, one in ten against its bloc's sign), by the heuristic solver; prints the seconds."""
    import networkx as nx

    from factionmap.analysis import CampOptions, SignedNetwork, find_camps
    from factionmap.model import ActorProfile

    rng, graph = random.Random(7), nx.DiGraph()
    bloc = {f"a{i}": rng.randrange(4) for i in range(actors)}
    for node in bloc:
        graph.add_node(node, name=node, country=None, sector=None, kind="organisation", code=None)
    nodes = list(bloc)
    for node in nodes:
        for other in rng.sample(nodes, 4):
            if other == node:
                continue
            sign = 1 if bloc[node] == bloc[other] else -1
            weight = float(sign * (-1 if rng.random() < 0.1 else 1) * rng.randint(1, 5))
            graph.add_edge(node, other, weight=weight, sign=(weight > 0) - (weight < 0), count=1)
    network = SignedNetwork(graph, {n: ActorProfile(id=n, name=n) for n in nodes})
    start = time.perf_counter()
    result = find_camps(network, CampOptions(k=4))
    seconds = time.perf_counter() - start
    print(f"{seconds:.2f} s ({graph.number_of_edges()} edges, {len(result.camps)} camps,"
          f" {'exact' if result.exact else 'heuristic'}, frustration {result.frustration:.1f})")


def measured(args: list[str]) -> tuple[float, float, str]:
    """Wall seconds, peak RSS (MB, from ``wait4``) and stdout of one child process."""
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        start = time.perf_counter()
        proc = subprocess.Popen(args, stdout=out, stderr=err, text=True)
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        elapsed = time.perf_counter() - start
        out.seek(0)
        err.seek(0)
        if proc.returncode != 0:
            raise SystemExit(f"{' '.join(args)} failed ({proc.returncode}): {err.read()[-1500:]}")
        return elapsed, usage.ru_maxrss / 1024, out.read()


def ingest(db: Path, size: int, reuse: bool) -> tuple[float, float, bool]:
    """Writer seconds and peak RSS for a store of ``size`` documents; with ``reuse`` a store written
    before (its figures kept next to it in ``scale-N.ingest.json``) is measured again, not rewritten."""
    sidecar = db.with_suffix(".ingest.json")
    if reuse and db.exists() and sidecar.exists():
        seen = json.loads(sidecar.read_text())
        return seen["seconds"], seen["rss_mb"], True
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    sidecar.unlink(missing_ok=True)
    _, rss, out = measured([sys.executable, __file__, "--write", str(db), str(size)])
    seconds = float(out.strip().splitlines()[-1])
    sidecar.write_text(json.dumps({"seconds": seconds, "rss_mb": rss, "load": os.getloadavg()[0]}))
    return seconds, rss, False


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--keep", type=Path, default=None, help="Write the stores here and leave them.")
    parser.add_argument("--reuse", action="store_true", help="With --keep: measure kept stores again, unwritten.")
    parser.add_argument("--ingest-only", action="store_true", help="Write the stores; run no command.")
    parser.add_argument("--camp-actors", type=int, default=5000, help="Actors of the camps graph (0: skip).")
    parser.add_argument("--write", nargs=2, metavar=("DB", "SIZE"), help=argparse.SUPPRESS)
    parser.add_argument("--camps-graph", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.write:
        write_store(Path(args.write[0]), int(args.write[1]))
        return
    if args.camps_graph:
        camps_graph(args.camps_graph)
        return
    sizes = [int(s) for s in args.sizes.split(",")]
    with tempfile.TemporaryDirectory() as tmp:
        where = args.keep or Path(tmp)
        where.mkdir(parents=True, exist_ok=True)
        print(f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f}")
        figures: dict[int, dict[str, tuple[float, float]]] = {}
        for size in sizes:
            db = where / f"scale-{size}.db"
            write_s, rss, reused = ingest(db, size, args.reuse and args.keep is not None)
            row = {"ingest": (write_s, rss)}
            print(f"{size:>7} docs: ingest (writer) {size / write_s:7.1f} docs/s, {1000 * write_s / size:6.2f} s/1k docs,"
                  f" peak {rss:7.1f} MB{' (kept store, figures of its writing)' if reused else ''}", flush=True)
            commands = {} if args.ingest_only else {
                "network": ["network"], "camps": ["camps"],
                "export parquet": ["export", "--format", "parquet", "--out", str(where / f"out-{size}")]}
            for name, command in commands.items():
                seconds, rss, _ = measured([str(EXE), *command, "--db", str(db)])
                row[name] = (seconds, rss)
                print(f"{'':>13}{name:15s} {seconds:7.2f} s  peak {rss:7.1f} MB", flush=True)
            figures[size] = row
        if len(sizes) >= 2 and not args.ingest_only:
            big, before, small = sizes[-1], sizes[-2], sizes[0]
            for name in ("network", "export parquet"):
                print(f"peak RSS of {name}: {big} / {before} = {figures[big][name][1] / figures[before][name][1]:.2f}x"
                      " (target <= 1.5x at 100k/10k)")
        if len(sizes) >= 2:
            big, small = sizes[-1], sizes[0]
            per_doc = (figures[big]["ingest"][0] / big) / (figures[small]["ingest"][0] / small)
            print(f"per-document ingest time: {big} / {small} = {per_doc:.2f}x (target <= 1.2x)")
        if args.camp_actors and not args.ingest_only:
            seconds, rss, out = measured([sys.executable, __file__, "--camps-graph", str(args.camp_actors)])
            print(f"camps on a {args.camp_actors}-actor graph: {out.strip()}; whole process {seconds:.2f} s,"
                  f" peak {rss:.1f} MB")
        print(f"load average now {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
