"""Article body extraction: factionmap's body vs trafilatura's default ``extract()``.

Usage: ``python bench/extraction.py [BENCHMARK_DIR] [--worst N]``; the default
folder is ``../shared/eval/article-extraction-dev``.  Prints the mean F1 over
word 4-gram shingles (the scrapinghub benchmark's metric) of both, measured
in the same run on the same pages, and their time.
"""

from __future__ import annotations

import argparse
import logging
from pathlib import Path

from factionmap.document.quality import evaluate_extraction

DEFAULT_DIR = Path(__file__).resolve().parents[1].parent / "shared" / "eval" / "article-extraction-dev"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directory", nargs="?", type=Path, default=DEFAULT_DIR)
    parser.add_argument("--worst", type=int, default=0, help="also list the N pages where ours scores lowest")
    args = parser.parse_args()
    if not (args.directory / "ground-truth.json").is_file():
        raise SystemExit(f"{args.directory}: no ground-truth.json (benchmark folder not found)")
    logging.disable(logging.WARNING)
    report = evaluate_extraction(args.directory)
    print(f"pages: {report.pages}")
    print(f"factionmap body F1 (4-gram shingles): {report.ours:.4f}  ({report.ours_seconds:.1f} s)")
    print(f"trafilatura extract() F1:             {report.trafilatura:.4f}  ({report.trafilatura_seconds:.1f} s)")
    print(f"difference: {report.ours - report.trafilatura:+.4f}")
    for page_id, ours, base in sorted(report.per_page, key=lambda r: r[1])[: args.worst]:
        print(f"  {page_id[:16]}  ours={ours:.3f}  trafilatura={base:.3f}")


if __name__ == "__main__":
    main()
