"""Near-duplicate detection across the store: MinHash signatures with LSH bands in SQLite.

A republished wire story differs from its first copy by a headline, a dateline
or a sentence; its word 5-shingles still overlap heavily.  Each stored
document's MinHash signature (128 permutations) is cut into 16 bands of 8
rows; band hashes live in ``minhash_bands`` so candidates are found with an
indexed query, not an in-memory index, and then confirmed by the estimated
Jaccard similarity of the signatures.
"""

from __future__ import annotations

import functools
import hashlib
import re
import sqlite3
from typing import TYPE_CHECKING

from factionmap.model import Document

if TYPE_CHECKING:  # numpy and datasketch load on first use: query commands start fast
    import numpy as np

__all__ = ["NUM_PERM", "BANDS", "THRESHOLD", "MIN_WORDS", "dedupe_text", "signature", "band_keys",
           "find_near_duplicate", "remember"]

NUM_PERM = 128
BANDS = 16
THRESHOLD = 0.8  # estimated Jaccard of 5-shingles that counts as the same story
MIN_WORDS = 40  # shorter texts are too small to compare by shingles (exact hashing still applies)
SHINGLE = 5
_WORD = re.compile(r"\w+", re.UNICODE)


def dedupe_text(document: Document) -> str:
    """The text compared: title and body sections (not comments or boilerplate); all text if none."""
    parts = [document.text[s.start : s.end] for s in document.sections if s.kind in ("title", "body")]
    return "\n".join(parts) if parts else document.text


def signature(text: str) -> np.ndarray | None:
    """MinHash signature of the text's lower-cased word 5-shingles; None when too short."""
    import numpy as np
    from datasketch import MinHash

    words = _WORD.findall(text.lower())
    if len(words) < MIN_WORDS:
        return None
    minhash = MinHash(num_perm=NUM_PERM, seed=1, permutations=_permutations(), scheme=_SCHEME)
    shingles = {" ".join(words[i : i + SHINGLE]).encode("utf-8") for i in range(len(words) - SHINGLE + 1)}
    minhash.update_batch(list(shingles))
    return minhash.hashvalues.astype(np.uint64)


_SCHEME = "affine32"  # datasketch 2's default scheme: what the stored signatures were made with


@functools.cache
def _permutations() -> np.ndarray:
    """The 128 hash permutations of seed 1, made once per process (0.5 ms each time otherwise),
    read-only so the cache cannot be changed by a caller."""
    from datasketch import MinHash

    made = MinHash(num_perm=NUM_PERM, seed=1, scheme=_SCHEME).permutations.copy()
    made.setflags(write=False)
    return made


def band_keys(sig: np.ndarray) -> list[str]:
    """One short hash per band of the signature."""
    rows = NUM_PERM // BANDS
    return [hashlib.blake2b(sig[b * rows : (b + 1) * rows].tobytes(), digest_size=8).hexdigest() for b in range(BANDS)]


def find_near_duplicate(conn: sqlite3.Connection, sig: np.ndarray) -> str | None:
    """The first stored document (by insertion) whose signature is within :data:`THRESHOLD`."""
    import numpy as np

    keys = band_keys(sig)
    rows = conn.execute(
        "SELECT DISTINCT m.document, m.signature, d.rowid AS r, d.duplicate_of FROM minhash_bands b"
        " JOIN minhashes m ON m.document = b.document JOIN documents d ON d.id = m.document"
        f" WHERE {' OR '.join('(b.band = ? AND b.key = ?)' for _ in keys)} ORDER BY r",
        [v for pair in enumerate(keys) for v in pair],
    ).fetchall()
    for document, blob, _, duplicate_of in rows:
        other = np.frombuffer(blob, dtype=np.uint64)
        if float(np.mean(other == sig)) >= THRESHOLD:
            return duplicate_of or document
    return None


def remember(conn: sqlite3.Connection, document_id: str, sig: np.ndarray) -> None:
    """Store a document's signature and band keys (inside the caller's transaction)."""
    conn.execute("INSERT OR REPLACE INTO minhashes (document, signature) VALUES (?, ?)", (document_id, sig.tobytes()))
    conn.executemany(
        "INSERT OR IGNORE INTO minhash_bands (band, key, document) VALUES (?, ?, ?)",
        [(band, key, document_id) for band, key in enumerate(band_keys(sig))],
    )
