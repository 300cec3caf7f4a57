"""Long sections cost linear time and bounded memory (issue 15, item 1).

Prints, for one paragraph of N characters: seconds, seconds per 100k characters,
and the process's peak RSS after it.  ``python bench/long_section.py 100000 400000 1000000``
"""

from __future__ import annotations

import resource
import sys
import time

from factionmap.document import build_document
from factionmap.model import RawInput
from factionmap.pipeline import Analyzer, build_nlp

SENTENCE = "Russia accused Ukraine of shelling the city of Kharkiv on Monday, officials said. "


def main(sizes: list[int]) -> None:
    analyzer = Analyzer(build_nlp())
    print(f"max_section_chars={analyzer.options.max_section_chars:,}")
    for size in sizes:
        text = (SENTENCE * (size // len(SENTENCE) + 1))[:size]
        doc = build_document(RawInput(name=f"{size}.txt", content=text, fmt="text"))
        start = time.perf_counter()
        analysis = analyzer.analyze_one(doc)
        took = time.perf_counter() - start
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"{size:>10,} chars  {took:7.1f} s  {took / size * 1e5:5.2f} s/100k  "
              f"events={len(analysis.events)}  peak RSS {peak:,.0f} MB", flush=True)


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [100_000, 400_000, 1_000_000])
