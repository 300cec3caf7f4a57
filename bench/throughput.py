"""Throughput of ``factionmap analyze`` against raw ``nlp.pipe`` of the same spaCy model.

Each measurement runs in a fresh subprocess, model load included ("whole
processes compared"); the child also reports its steady-state rate (after the
model is loaded).  Texts: FA-KES dev texts from ``../shared/eval/fakes-dev.jsonl``
when present, else the bundled sample.  The analyze side is the full product
path: page structure (``build_document``) plus :class:`Analyzer` with all of
factionmap's components; the raw side is ``nlp.pipe`` over the same texts.
Ratios are printed by wall clock, by process CPU time (fair on a loaded machine) and
by the analyze process's main-thread CPU time (the event typer encodes in a second
thread: on an idle machine with two or more cores, the wall-clock ratio approaches it).

    python bench/throughput.py [--limit N] [--repeat R] [--model NAME]
    python bench/throughput.py --ingest-workers 2 [--lines 2000]   # = python bench/workers.py
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
FAKES = REPO.parent / "shared" / "eval" / "fakes-dev.jsonl"
SAMPLE = REPO / "examples" / "sample"


def load_inputs(limit: int | None):  # noqa: ANN201 - RawInput list, imported lazily
    """RawInputs from FA-KES dev (when present) or the bundled sample; and the corpus name."""
    from factionmap.model import RawInput

    if FAKES.exists():
        inputs = []
        with FAKES.open(encoding="utf-8") as fh:
            for n, line in enumerate(fh):
                record = json.loads(line)
                if record.get("text"):
                    inputs.append(RawInput(name=f"{FAKES.name}:{n + 1}", content=record["text"],
                                           title=record.get("title")))
        corpus = "FA-KES dev"
    else:
        from factionmap.batch import documents_from  # noqa: F401 - same import cost on both paths
        from factionmap.ingest import iter_inputs

        inputs = [r for r in iter_inputs(sorted(str(p) for p in SAMPLE.iterdir() if p.suffix in
                                                  (".txt", ".html", ".jsonl"))) if isinstance(r, RawInput)]
        corpus = "bundled sample"
    return (inputs[:limit] if limit else inputs), corpus


def child(mode: str, limit: int | None, model: str | None) -> None:
    """Run one measurement in this process and print a JSON line."""
    t0, c0 = time.perf_counter(), time.process_time()
    inputs, corpus = load_inputs(limit)
    if mode == "analyze":
        from factionmap.batch import documents_from
        from factionmap.model import Document
        from factionmap.pipeline import AnalyzeOptions, Analyzer, build_nlp

        options = AnalyzeOptions(model=model)
        analyzer = Analyzer(build_nlp(options), options)
        t1, c1 = time.perf_counter(), time.process_time()
        docs = [d for d in documents_from(inputs) if isinstance(d, Document)]
        results = list(analyzer.analyze(docs))
        words = sum(len(d.text.split()) for d in docs)
        count = len(results)
    else:
        from factionmap.batch import documents_from
        from factionmap.model import Document
        from factionmap.nlp import load_spacy

        # the same texts the analyzer reads (extracted before timing: raw has no page structure)
        texts = [d.text for d in documents_from(inputs) if isinstance(d, Document)]
        nlp = load_spacy(model)
        t1, c1 = time.perf_counter(), time.process_time()
        count = sum(1 for _ in nlp.pipe(texts, batch_size=32))
        words = sum(len(t.split()) for t in texts)
    t2, c2 = time.perf_counter(), time.process_time()
    main_cpu = _thread_cpu()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB
    print(json.dumps({"mode": mode, "corpus": corpus, "docs": count, "words": words,
                      "load_s": t1 - t0, "work_s": t2 - t1, "cpu_total_s": c2 - c0, "cpu_work_s": c2 - c1,
                      "main_cpu_s": main_cpu, "peak_rss_mb": peak_mb}))


def _thread_cpu() -> float:
    """CPU seconds of the calling (main) thread alone; on an idle machine with a second core, the
    analyzer's encoder thread runs beside it, so this is its critical path (process CPU where the
    platform has no per-thread figure)."""
    if hasattr(resource, "RUSAGE_THREAD"):
        usage = resource.getrusage(resource.RUSAGE_THREAD)
        return usage.ru_utime + usage.ru_stime
    return time.process_time()


def measure(mode: str, limit: int | None, model: str | None) -> dict:
    """One whole-process measurement (interpreter start and model load included)."""
    cmd = [sys.executable, __file__, "--child", mode]
    if limit:
        cmd += ["--limit", str(limit)]
    if model:
        cmd += ["--model", model]
    start = time.perf_counter()
    out = subprocess.run(cmd, check=True, capture_output=True, text=True, cwd=REPO).stdout
    record = json.loads(out.strip().splitlines()[-1])
    record["total_s"] = time.perf_counter() - start
    return record


def ingest_rate(workers: int, lines: int) -> None:
    """``factionmap ingest`` with 1 and ``workers`` processes: delegated to ``bench/workers.py``."""
    subprocess.run([sys.executable, str(Path(__file__).with_name("workers.py")), "--workers", str(workers),
                    "--lines", str(lines)], check=True, cwd=REPO)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--limit", type=int, default=200, help="documents (0 = all)")
    parser.add_argument("--repeat", type=int, default=1, help="runs per side (median reported)")
    parser.add_argument("--model", default=None)
    parser.add_argument("--ingest-workers", type=int, default=0, help="compare ingest with 1 and N workers")
    parser.add_argument("--lines", type=int, default=2000, help="JSONL lines for --ingest-workers")
    parser.add_argument("--child", choices=("analyze", "raw"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.ingest_workers:
        ingest_rate(args.ingest_workers, args.lines)
        return
    if args.child:
        child(args.child, args.limit or None, args.model)
        return
    runs: dict[str, list[dict]] = {"raw": [], "analyze": []}
    for _ in range(args.repeat):
        for mode in ("raw", "analyze"):  # interleaved, so load on the machine hits both alike
            runs[mode].append(measure(mode, args.limit or None, args.model))
    keys = ("total_s", "work_s", "load_s", "cpu_total_s", "cpu_work_s", "main_cpu_s", "peak_rss_mb")
    med = {m: rs[0] | {k: statistics.median(r[k] for r in rs) for k in keys} for m, rs in runs.items()}
    first = med["raw"]
    print(f"corpus: {first['corpus']}, {first['docs']} documents, {first['words']:,} words; "
          f"median of {args.repeat} run(s) per side")
    print(f"{'':10}{'whole docs/s':>14}{'whole words/s':>15}{'steady docs/s':>15}{'steady words/s':>16}{'load s':>8}"
          f"{'peak MB':>9}")
    for mode in ("raw", "analyze"):
        r = med[mode]
        print(f"{mode:10}{r['docs'] / r['total_s']:>14.1f}{r['words'] / r['total_s']:>15,.0f}"
              f"{r['docs'] / r['work_s']:>15.1f}{r['words'] / r['work_s']:>16,.0f}{r['load_s']:>8.1f}"
              f"{r['peak_rss_mb']:>9,.0f}")
    whole = (med["analyze"]["words"] / med["analyze"]["total_s"]) / (med["raw"]["words"] / med["raw"]["total_s"])
    steady = (med["analyze"]["words"] / med["analyze"]["work_s"]) / (med["raw"]["words"] / med["raw"]["work_s"])
    print(f"ratio analyze/raw (words/s): whole process {whole:.2f}, steady state {steady:.2f} (target >= 0.60)")
    cpu_whole = med["raw"]["cpu_total_s"] / med["analyze"]["cpu_total_s"]
    cpu_steady = med["raw"]["cpu_work_s"] / med["analyze"]["cpu_work_s"]
    print(f"ratio by CPU time (less sensitive to other load on the machine): whole process {cpu_whole:.2f}, "
          f"steady state {cpu_steady:.2f}")
    main = med["raw"]["cpu_total_s"] / med["analyze"]["main_cpu_s"]
    print(f"ratio by main-thread CPU (the typer's encoder runs in a second thread; on an idle machine with "
          f"2+ cores the whole-process ratio approaches this): {main:.2f}")
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"peak memory per process: analyze {med['analyze']['peak_rss_mb']:,.0f} MB (target < 1,500), "
          f"raw {med['raw']['peak_rss_mb']:,.0f} MB; load average {load:.1f} on {os.cpu_count()} CPUs")


if __name__ == "__main__":
    main()
