"""Training the learned event-type model on the project's corpus (``training/events``).

- :mod:`.corpus` — the one reader of the corpus format (typed records, errors naming file and line);
- :mod:`.dataset` — corpus sentences → examples (candidates, gold classes) through the real pipeline;
- :mod:`.fit` — softmax head, logistic confidence model, folds (numpy + scipy);
- :mod:`.train` — ``factionmap train``: k-fold figures, confidence model, the shipped head;
- :mod:`.export` — the int8 ONNX MiniLM encoder (train time only: torch + transformers).
"""

from __future__ import annotations

from factionmap.training.corpus import (
    CorpusError,
    CorpusEvent,
    CorpusSentence,
    CorpusSpan,
    corpus_files,
    parse_line,
    read_corpus,
    type_counts,
)

__all__ = [
    "CorpusError",
    "CorpusEvent",
    "CorpusSentence",
    "CorpusSpan",
    "corpus_files",
    "parse_line",
    "read_corpus",
    "type_counts",
]
