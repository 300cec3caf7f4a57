"""Helpers shared by the query, API and browser tests: a database built from the bundled sample."""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "examples" / "sample"
SEED = REPO.parent / "shared" / "corpus" / "seed-oped-libya-2019.txt"


def sample_paths() -> list[str]:
    return sorted(str(p) for p in SAMPLE.iterdir() if p.suffix in (".html", ".txt", ".jsonl"))


def build_db(path: Path, analyzer, extra: list[str] = ()) -> Path:  # type: ignore[assignment]
    from factionmap.store import Store
    from factionmap.store.runner import ingest_sources

    with Store(path) as store:
        ingest_sources(store, [*sample_paths(), *extra], analyzer=analyzer)
    return path
