"""``factionmap ingest --workers N`` throughput: a generated 2,000-line JSONL, 1 worker vs N.

Each line is a news-like paragraph assembled from templates (actors, places,
figures, quotes, hedges), generated with a fixed seed in a temporary directory;
no data is read from or written into the repository.  Each run is a whole
``factionmap ingest`` process into a fresh database (interpreter start, model
load and the final commit included); runs are interleaved (1, N, 1, N, ...) so
other load on the machine hits both sides alike, and the median is reported
together with the load average.

    python bench/workers.py [--lines 2000] [--workers 2] [--repeat 1] [--keep DIR]

Acceptance (issue 5): ``--workers 2`` ingests at 1.6x or more the rate of one worker.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

ACTORS = [
    "Russia", "Turkey", "Egypt", "the United Arab Emirates", "Qatar", "France", "Italy", "the United States",
    "the United Nations", "the African Union", "the European Union", "Khalifa Haftar", "the Libyan National Army",
    "the Government of National Accord", "Fayez al-Sarraj", "Sudan's army", "the Rapid Support Forces",
    "Abdel Fattah al-Burhan", "Mohamed Hamdan Dagalo", "Ethiopia", "Saudi Arabia", "Iran", "Hezbollah",
    "the Syrian government", "Bashar al-Assad", "the Kurdish-led Syrian Democratic Forces", "NATO",
    "the Wagner Group", "Chad", "Algeria", "Tunisia", "the Arab League", "Germany", "Britain", "China",
]
PLACES = ["Tripoli", "Benghazi", "Sirte", "Misrata", "Khartoum", "Omdurman", "El Fasher", "Darfur", "Aleppo",
          "Idlib", "Raqqa", "Deir ez-Zor", "the border", "the capital", "the southern outskirts", "the coast"]
SPEAKERS = ["a spokesman", "the foreign minister", "a senior official", "the envoy", "a military source",
            "the interior ministry", "a diplomat who asked not to be named", "the commander"]
DAYS = ["on Monday", "on Tuesday", "on Wednesday", "on Thursday", "on Friday", "on Saturday", "on Sunday",
        "late on Sunday", "early on Thursday", "last week", "this month"]
SENTENCES = [
    "{a} said {d} it would send more weapons to {b}, according to {s}.",
    "{a} accused {b} of shelling residential areas of {p} {d}.",
    "Forces loyal to {a} attacked positions held by {b} near {p} {d}, killing at least {n} people.",
    "{a} reportedly supplied drones and armoured vehicles to {b} in recent months.",
    "{a} called on {b} to agree to an immediate ceasefire and to return to talks.",
    "Officials from {a} met representatives of {b} in {p} {d} to discuss a truce.",
    "{a} threatened to impose sanctions on {b} if the fighting around {p} did not stop.",
    "More than {n} people have been displaced from {p} since the offensive began, {s} said.",
    "\"We will not accept any foreign interference,\" {s} of {a} told reporters {d}.",
    "{a} denied claims that it had provided military support to {b}.",
    "{a} condemned the air strikes on {p} and demanded an independent investigation.",
    "{a} announced {d} that it had deployed {n} troops to {p}.",
    "{a} and {b} signed an agreement {d} to cooperate on security along {p}.",
    "{a} rejected a proposal by {b} for a political settlement.",
    "Aid agencies said {n} civilians were wounded in {p} {d} and urged {a} to open safe corridors.",
    "{a} appears to have withdrawn its fighters from {p}, {s} said.",
    "Protesters gathered outside the embassy of {a} in {p} {d} to denounce its backing of {b}.",
    "{a} pledged {n} million dollars in humanitarian aid for people fleeing {p}.",
    "{a} arrested dozens of people suspected of links to {b} {d}.",
    "{s} said {a} was prepared to mediate between {b} and its rivals.",
    "Analysts say the involvement of {a} has prolonged the conflict and emboldened {b}.",
    "The statement from {a} did not mention {b} by name, but diplomats said the message was clear.",
]
TITLES = ["{a} steps up pressure on {b}", "Fighting flares near {p}", "{a} and {b} hold talks in {p}",
          "Ceasefire in doubt as {a} accuses {b}", "Thousands flee {p} as clashes spread"]


def paragraph(rng: random.Random) -> tuple[str, str]:
    """A news-like title and paragraph of five to eight sentences."""
    def fill(template: str) -> str:
        a, b = rng.sample(ACTORS, 2)
        text = template.format(a=a, b=b, p=rng.choice(PLACES), s=rng.choice(SPEAKERS), d=rng.choice(DAYS),
                               n=rng.choice([12, 25, 40, 73, 150, 300, 1200, 5000, 20000]))
        return text[0].upper() + text[1:]

    sentences = [fill(t) for t in rng.sample(SENTENCES, rng.randint(5, 8))]
    return fill(rng.choice(TITLES)), " ".join(sentences)


def write_corpus(path: Path, lines: int, seed: int = 7) -> int:
    """Write ``lines`` JSONL records; return the number of words."""
    rng = random.Random(seed)
    words = 0
    with path.open("w", encoding="utf-8") as fh:
        for n in range(lines):
            title, text = paragraph(rng)
            words += len(text.split())
            day = 1 + n % 28
            fh.write(json.dumps({"id": f"bench-{n}", "url": f"https://news.example.org/{n}", "title": title,
                                 "published": f"2019-04-{day:02d}", "source": "bench", "text": text}) + "\n")
    return words


def run_ingest(jsonl: Path, db: Path, workers: int) -> tuple[float, float]:
    """Wall and CPU seconds of one whole ``factionmap ingest`` into a fresh database.

    CPU is the sum over the ingest process and every process below it (workers forked by a fork
    server are not its children, so rusage would miss them) of their last ``/proc`` reading, taken
    every 0.25 s (Linux only; elsewhere 0).
    """
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    exe = Path(sys.executable).with_name("factionmap")
    start = time.perf_counter()
    proc = subprocess.Popen([str(exe), "ingest", str(jsonl), "--db", str(db), "--workers", str(workers)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, cwd=REPO)
    cpu: dict[int, float] = {}
    while proc.poll() is None:
        cpu.update(_tree_cpu(proc.pid))
        time.sleep(0.25)
    elapsed = time.perf_counter() - start
    stderr = proc.stderr.read() if proc.stderr else ""
    if proc.returncode != 0:
        raise SystemExit(f"ingest --workers {workers} failed ({proc.returncode}):\n{stderr[-2000:]}")
    return elapsed, sum(cpu.values())


def _tree_cpu(root: int) -> dict[int, float]:
    """CPU seconds so far of ``root`` and every process below it, by pid."""
    tick = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
    parents: dict[int, int] = {}
    cpu: dict[int, float] = {}
    for entry in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = entry.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        pid = int(entry.parent.name)
        parents[pid] = int(fields[1])
        cpu[pid] = (int(fields[11]) + int(fields[12])) / tick
    below: dict[int, float] = {}
    for pid in cpu:
        ancestor: int | None = pid
        while ancestor and ancestor != root:
            ancestor = parents.get(ancestor)
        if ancestor == root:
            below[pid] = cpu[pid]
    return below


def stored_documents(db: Path) -> int:
    import sqlite3

    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT count(*) FROM documents").fetchone()[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--lines", type=int, default=2000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=1, help="runs per side (median reported)")
    parser.add_argument("--keep", type=Path, default=None, help="write the corpus and databases here")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        where = args.keep or Path(tmp)
        where.mkdir(parents=True, exist_ok=True)
        jsonl = where / "workers-bench.jsonl"
        words = write_corpus(jsonl, args.lines)
        print(f"corpus: {args.lines} generated JSONL lines, {words:,} words; {os.cpu_count()} CPUs; "
              f"{args.repeat} run(s) per side, interleaved")
        times: dict[int, list[float]] = {1: [], args.workers: []}
        cpus: dict[int, list[float]] = {1: [], args.workers: []}
        for _ in range(args.repeat):
            for count in times:
                load = os.getloadavg()[0]
                db = where / f"w{count}.db"
                elapsed, cpu = run_ingest(jsonl, db, count)
                stored = stored_documents(db)
                times[count].append(elapsed)
                cpus[count].append(cpu)
                print(f"  --workers {count}: {elapsed:7.1f} s  {args.lines / elapsed:6.1f} docs/s  "
                      f"{words / elapsed:8,.0f} words/s  CPU {cpu:6.1f} s ({stored} stored; load before {load:.2f}, "
                      f"after {os.getloadavg()[0]:.2f})", flush=True)
        rate = {count: args.lines / statistics.median(ts) for count, ts in times.items()}
        for count, value in rate.items():
            print(f"median --workers {count}: {value:.1f} docs/s")
        overhead = statistics.median(cpus[args.workers]) / statistics.median(cpus[1])
        print(f"CPU seconds with {args.workers} workers / with 1: {overhead:.2f} (extra model loads, IPC); "
              f"on {args.workers} otherwise idle cores the speed-up could reach at most about {args.workers / overhead:.2f}x")
        print(f"speed-up with {args.workers} workers: {rate[args.workers] / rate[1]:.2f}x "
              f"(target >= 1.6x for 2 workers); load average now {os.getloadavg()}")


if __name__ == "__main__":
    main()
