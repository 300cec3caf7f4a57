"""Language identification (offline, with py3langid's bundled model)."""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["detect_language", "MIN_LETTERS"]

#: Fewer letters than this and the language is not guessed.
MIN_LETTERS = 40
_SAMPLE = 5_000
_LETTER_RE = re.compile(r"[^\W\d_]", re.UNICODE)


@lru_cache(maxsize=1)
def _identifier():  # type: ignore[no-untyped-def]
    """py3langid's identifier with normalised probabilities (loaded once, on first use)."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str, min_probability: float = 0.5) -> str | None:
    """ISO 639-1 code of ``text``'s language; None when too short or too unsure to tell."""
    sample = text[:_SAMPLE]
    if len(_LETTER_RE.findall(sample)) < MIN_LETTERS:
        return None
    code, probability = _identifier().classify(sample)
    return str(code) if probability >= min_probability else None
