"""A generated news-like corpus for the scale tests and benchmarks (fixed seed, no data files).

Not a test module (no ``test_`` prefix): imported by ``tests/test_scale_*.py``
and ``bench/*.py``.
"""

from __future__ import annotations

import json
import random
import sqlite3
from pathlib import Path

__all__ = ["TABLES", "dump_store", "write_corpus"]

ACTORS = ["Russia", "Turkey", "Egypt", "Qatar", "France", "the United States", "the United Nations",
          "the African Union", "the European Union", "Khalifa Haftar", "the Libyan National Army",
          "Sudan's army", "the Rapid Support Forces", "Ethiopia", "Iran", "Hezbollah", "NATO", "China"]
PLACES = ["Tripoli", "Benghazi", "Sirte", "Khartoum", "Omdurman", "Aleppo", "Idlib", "the border"]
DAYS = ["on Monday", "on Tuesday", "on Friday", "late on Sunday", "last week"]
SENTENCES = [
    "{a} said {d} it would send more weapons to {b}.",
    "{a} accused {b} of shelling residential areas of {p} {d}.",
    "Forces loyal to {a} attacked positions held by {b} near {p} {d}, killing at least {n} people.",
    "{a} called on {b} to agree to an immediate ceasefire.",
    "Officials from {a} met representatives of {b} in {p} {d} to discuss a truce.",
    "{a} threatened to impose sanctions on {b} if the fighting around {p} did not stop.",
    "More than {n} people have been displaced from {p} since the offensive began.",
    "{a} denied claims that it had provided military support to {b}.",
    "{a} and {b} signed an agreement {d} to cooperate on security.",
    "{a} pledged {n} million dollars in humanitarian aid for people fleeing {p}.",
]


def _paragraph(rng: random.Random) -> str:
    def fill(template: str) -> str:
        a, b = rng.sample(ACTORS, 2)
        text = template.format(a=a, b=b, p=rng.choice(PLACES), d=rng.choice(DAYS), n=rng.choice([12, 40, 300, 5000]))
        return text[0].upper() + text[1:]

    return " ".join(fill(t) for t in rng.sample(SENTENCES, rng.randint(3, 5)))


def write_corpus(path: Path, documents: int, seed: int = 11, start: int = 0) -> Path:
    """``documents`` JSONL records (ids ``gen-N``, URLs, dates) at ``path``."""
    rng = random.Random(seed + start)
    with path.open("w", encoding="utf-8") as fh:
        for n in range(start, start + documents):
            fh.write(json.dumps({"id": f"gen-{n}", "url": f"https://news.example.org/{n}", "title": f"Report {n}",
                                 "published": f"2024-03-{1 + n % 28:02d}", "source": "gen",
                                 "text": _paragraph(rng)}) + "\n")
    return path


#: Tables compared between engines, with the columns that differ by run (times) left out.
TABLES: dict[str, str] = {
    "documents": "id, name, url, title, author, published, source, language, text, content_hash, duplicate_of,"
                 " skipped, errors",
    "sections": 'document, idx, kind, start, "end", author, published',
    "actors": "id, name, country, sector, code, kind, known, affiliations",
    "document_actors": "document, actor, position",
    "mentions": 'document, actor, section, start, "end", text, rule, confidence',
    "events": "id, document, idx, type, mode, context, negated, hedged, hypothetical, section, asserted_by,"
              " trigger_start, trigger_end, trigger_text, sentence_start, sentence_end, confidence, evidence",
    "event_actors": "event, actor, role, position",
    "quotes": 'document, idx, section, speaker, speaker_text, text, start, "end", direct',
    "figures": 'document, idx, section, kind, value, value_max, qualifier, subject, actor, start, "end"',
    "errors": "input, stage, message",
}


def dump_store(db: Path) -> dict[str, list[tuple]]:
    """Every row of every compared table, sorted (order of insertion left out)."""
    with sqlite3.connect(db) as conn:
        return {table: sorted(conn.execute(f"SELECT {columns} FROM {table}").fetchall(), key=repr)
                for table, columns in TABLES.items()}
