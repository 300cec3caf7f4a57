"""Gazetteer load time and memory, and place resolution throughput (prints figures).

    python bench/geo.py
"""

from __future__ import annotations

import resource
import time

from factionmap.geo import GeoContext, Gazetteer, rank

NAMES = ("Aleppo", "Goma", "Georgia", "the Red Sea", "Raqqa", "Khartoum", "Kharkiv", "Mosul", "Tripoli", "Gaza")


def main() -> None:
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    gazetteer = Gazetteer.load()
    loaded = time.perf_counter() - started
    grown = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    print(f"gazetteer: {len(gazetteer.places)} places loaded in {loaded:.2f} s, +{grown:.0f} MB")
    context = GeoContext.of(["SYR", "UKR", "COD"])
    started = time.perf_counter()
    rounds = 2000
    for _ in range(rounds):
        for name in NAMES:
            rank(gazetteer, name, context)
    seconds = time.perf_counter() - started
    print(f"rank: {rounds * len(NAMES) / seconds:,.0f} names/s")


if __name__ == "__main__":
    main()
