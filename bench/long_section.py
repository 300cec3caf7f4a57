"""Long sections cost linear time and bounded memory (issue 15, item 1).

Prints, for one paragraph of N characters: wall and CPU seconds (CPU time is the
fair measure on a shared machine), CPU seconds per 100k characters, and the
process's peak RSS after it.  ``python bench/long_section.py [--varied] 100000 400000 1000000``
(default: the issue's one sentence repeated; ``--varied``: many different statements).
"""

from __future__ import annotations

import resource
import sys
import time

from factionmap.document import build_document
from factionmap.model import RawInput
from factionmap.pipeline import Analyzer, build_nlp

SENTENCE = "Russia accused Ukraine of shelling the city of Kharkiv on Monday, officials said. "
_A = ["Russia", "Turkey", "Egypt", "Iran", "Qatar", "France", "China", "Sudan", "Chad", "Mali", "Niger"]
_VERB = ["accused {b} of shelling", "condemned {b} for attacking", "sent weapons to {b} near", "met {b} in"]
_CITY = ["Kharkiv", "Afrin", "Sirte", "Aleppo", "Goma", "Tripoli", "Gao", "Mosul", "Homs", "Derna"]


def varied(size: int) -> str:
    """Prose with many different statements (the repeated SENTENCE states one event thousands of times)."""
    out, i = [], 0
    while sum(map(len, out)) < size:
        a, b = _A[i % 11], _A[(i * 7 + 3) % 11]
        verb = _VERB[(i // 11) % 4].format(b=b if b != a else "rebels")
        out.append(f"{a} {verb} {_CITY[(i // 3) % 10]} on day {i}, officials said. ")
        i += 1
    return "".join(out)[:size]


def main(sizes: list[int], kind: str) -> None:
    analyzer = Analyzer(build_nlp())
    print(f"max_section_chars={analyzer.options.max_section_chars:,} text={kind}")
    for size in sizes:
        text = varied(size) if kind == "varied" else (SENTENCE * (size // len(SENTENCE) + 1))[:size]
        doc = build_document(RawInput(name=f"{size}.txt", content=text, fmt="text"))
        start, cpu = time.perf_counter(), time.process_time()
        analysis = analyzer.analyze_one(doc)
        took, cpu = time.perf_counter() - start, time.process_time() - cpu
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"{size:>10,} chars  wall {took:7.1f} s  cpu {cpu:7.1f} s  {cpu / size * 1e5:5.2f} cpu-s/100k  "
              f"events={len(analysis.events)}  peak RSS {peak:,.0f} MB", flush=True)


if __name__ == "__main__":
    args = sys.argv[1:]
    kind = "varied" if "--varied" in args else "repeated"
    main([int(a) for a in args if a.isdigit()] or [100_000, 400_000, 1_000_000], kind)
