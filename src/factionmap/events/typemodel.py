"""The learned event-type model: MiniLM-L6 (int8 ONNX) features and a softmax head.

For a sentence and the character spans of its candidate predicates (verbs and
event nouns), :class:`EventTypeModel` returns, per candidate, a probability for
each PLOVER type and for ``none``.  The features of a candidate are the means of
the encoder's 4th-layer and last-layer hidden states over the candidate's word
pieces, joined with the last layer's mean over the whole sentence; the head is a multinomial logistic
regression fitted on the project's corpus (:mod:`factionmap.training`).

The artefacts live in ``factionmap/data/models/`` (or a directory given by the
caller): ``minilm-l6.int8.onnx`` (the encoder), ``tokenizer.json`` and
``event_typer.npz`` (head weights, feature scaling, class names, confidence
model).  Nothing is read until the first prediction; only ``onnxruntime``,
``tokenizers`` and ``numpy`` are needed.
"""

from __future__ import annotations

import json
import threading
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

__all__ = [
    "ENCODER_FILE",
    "HEAD_FILE",
    "NONE",
    "TOKENIZER_FILE",
    "EventTypeModel",
    "Head",
    "ModelNotTrained",
    "SentenceEncoder",
    "bundled_model_dir",
    "pool_features",
]

ENCODER_FILE = "minilm-l6.int8.onnx"
TOKENIZER_FILE = "tokenizer.json"
HEAD_FILE = "event_typer.npz"
#: The class of a candidate that states no event.
NONE = "none"
MAX_PIECES = 128


class ModelNotTrained(FileNotFoundError):
    """The model directory lacks an artefact (run ``make model`` / ``factionmap train``)."""


def bundled_model_dir() -> Path:
    """``factionmap/data/models`` inside the installed package."""
    return Path(str(resources.files("factionmap.data").joinpath("models")))


@dataclass
class SentenceEncoder:
    """MiniLM-L6 under onnxruntime: word-piece hidden states and offsets for a batch of texts.

    The last ``cache_size`` texts encoded are kept (a wire story or boilerplate sentence met again
    in another document is not encoded twice; about 100 kB a sentence).
    """

    directory: Path
    threads: int = 1
    cache_size: int = 256
    _session: Any = field(default=None, init=False, repr=False)
    _tokenizer: Any = field(default=None, init=False, repr=False)
    _cache: OrderedDict[str, tuple[np.ndarray, np.ndarray]] = field(default_factory=OrderedDict, init=False,
                                                                     repr=False)
    _lock: Any = field(default_factory=threading.Lock, init=False, repr=False)

    def load(self) -> None:
        """Read the encoder and the tokenizer now, if not yet done (else the first :meth:`encode` does)."""
        if self._session is None:
            self._load()

    def _load(self) -> None:
        import onnxruntime as ort
        from tokenizers import Tokenizer

        for name in (ENCODER_FILE, TOKENIZER_FILE):
            if not (self.directory / name).is_file():
                raise ModelNotTrained(f"{self.directory / name}: encoder artefact missing (run `make model`)")
        options = ort.SessionOptions()
        if self.threads:
            options.intra_op_num_threads = self.threads
        options.inter_op_num_threads = 1
        self._session = ort.InferenceSession(str(self.directory / ENCODER_FILE), options,
                                             providers=["CPUExecutionProvider"])
        tokenizer = Tokenizer.from_file(str(self.directory / TOKENIZER_FILE))
        tokenizer.enable_truncation(MAX_PIECES)
        tokenizer.no_padding()
        self._tokenizer = tokenizer

    def encode(self, texts: Sequence[str]) -> list[tuple[np.ndarray, np.ndarray]]:
        """``(hidden [layers, pieces, 384], offsets [pieces, 2])`` per text (layers: the 4th and the last).

        Each text runs alone: the int8 graph quantises activations per tensor, so
        a padded batch would make a sentence's reading depend on its neighbours.
        A text given twice, here or among the last ``cache_size``, is encoded once (both get the
        same, read-only arrays).
        """
        if not texts:
            return []
        if self._session is None:
            self._load()
        done = self._cached(texts)
        todo = [text for text in dict.fromkeys(texts) if text not in done]
        for text, enc in zip(todo, self._tokenizer.encode_batch(todo) if todo else ()):
            ids = np.array([enc.ids], dtype=np.int64)
            layers = self._session.run(None, {"input_ids": ids, "attention_mask": np.ones_like(ids)})
            hidden = np.stack([layer[0] for layer in layers])
            offsets = np.array(enc.offsets, dtype=np.int64).reshape(len(enc.ids), 2)
            hidden.flags.writeable = offsets.flags.writeable = False
            done[text] = (hidden, offsets)
        self._remember({text: done[text] for text in todo})
        return [done[text] for text in texts]

    def _cached(self, texts: Sequence[str]) -> dict[str, tuple[np.ndarray, np.ndarray]]:
        with self._lock:
            found = {text: self._cache[text] for text in dict.fromkeys(texts) if text in self._cache}
            for text in found:
                self._cache.move_to_end(text)
        return found

    def _remember(self, encoded: dict[str, tuple[np.ndarray, np.ndarray]]) -> None:
        if self.cache_size <= 0:
            return
        with self._lock:
            self._cache.update(encoded)
            while len(self._cache) > self.cache_size:
                self._cache.popitem(last=False)


def pool_features(hidden: np.ndarray, offsets: np.ndarray, spans: Sequence[tuple[int, int]]) -> np.ndarray:
    """Per span: [its word pieces' mean in each layer, the last layer's sentence mean].

    ``hidden`` is ``[layers, pieces, dim]`` (or ``[pieces, dim]`` for one layer); a span
    that no word piece overlaps takes the sentence means.
    """
    if hidden.ndim == 2:
        hidden = hidden[None]
    sentence = hidden.mean(axis=1)
    real = offsets[:, 1] > offsets[:, 0]  # [CLS]/[SEP] have empty offsets
    rows = []
    for start, end in spans:
        inside = real & (offsets[:, 0] < end) & (offsets[:, 1] > start)
        tokens = hidden[:, inside].mean(axis=1) if inside.any() else sentence
        rows.append(np.concatenate([*tokens, sentence[-1]]))
    width = (hidden.shape[0] + 1) * hidden.shape[2]
    return np.stack(rows) if rows else np.zeros((0, width), dtype=np.float32)


@dataclass(frozen=True)
class Head:
    """A fitted softmax head with its feature scaling and the confidence model."""

    classes: tuple[str, ...]
    weights: np.ndarray  # [features, classes]
    bias: np.ndarray  # [classes]
    mean: np.ndarray
    scale: np.ndarray
    confidence: np.ndarray  # logistic weights over :func:`factionmap.events.typer.confidence_features`
    meta: dict[str, Any]

    def probabilities(self, features: np.ndarray) -> np.ndarray:
        logits = ((features - self.mean) / self.scale) @ self.weights + self.bias
        logits -= logits.max(axis=1, keepdims=True)
        exp = np.exp(logits)
        return exp / exp.sum(axis=1, keepdims=True)

    def save(self, path: Path) -> None:
        np.savez_compressed(
            path, weights=self.weights.astype(np.float32), bias=self.bias.astype(np.float32),
            mean=self.mean.astype(np.float32), scale=self.scale.astype(np.float32),
            confidence=self.confidence.astype(np.float64),
            classes=np.array(self.classes), meta=np.array(json.dumps(self.meta, sort_keys=True)),
        )

    @classmethod
    def load(cls, path: Path) -> Head:
        if not path.is_file():
            raise ModelNotTrained(f"{path}: event-type head missing (run `make model`)")
        with np.load(path, allow_pickle=False) as data:
            return cls(
                classes=tuple(str(c) for c in data["classes"]), weights=data["weights"], bias=data["bias"],
                mean=data["mean"], scale=data["scale"], confidence=data["confidence"],
                meta=json.loads(str(data["meta"])),
            )


@dataclass
class EventTypeModel:
    """Encoder + head, loaded on first use; :meth:`predict` is batched over sentences."""

    directory: Path | None = None
    threads: int = 1
    batch_size: int = 32
    _encoder: SentenceEncoder | None = field(default=None, init=False, repr=False)
    _head: Head | None = field(default=None, init=False, repr=False)

    @property
    def head(self) -> Head:
        if self._head is None:
            self._head = Head.load(self._dir() / HEAD_FILE)
        return self._head

    @property
    def encoder(self) -> SentenceEncoder:
        if self._encoder is None:
            self._encoder = SentenceEncoder(self._dir(), self.threads)
        return self._encoder

    def _dir(self) -> Path:
        return Path(self.directory) if self.directory else bundled_model_dir()

    def features(self, items: Sequence[tuple[str, Sequence[tuple[int, int]]]]) -> list[np.ndarray]:
        """Candidate features for ``(text, candidate spans)`` items (spans are character offsets)."""
        out: list[np.ndarray] = []
        for begin in range(0, len(items), self.batch_size):
            chunk = items[begin : begin + self.batch_size]
            encoded = self.encoder.encode([text for text, _ in chunk])
            out.extend(pool_features(h, o, spans) for (h, o), (_, spans) in zip(encoded, chunk))
        return out

    def predict(self, items: Sequence[tuple[str, Sequence[tuple[int, int]]]]) -> list[np.ndarray]:
        """Per item, a ``[candidates, classes]`` probability matrix (columns: :attr:`Head.classes`)."""
        head = self.head
        return [head.probabilities(f) if len(f) else np.zeros((0, len(head.classes))) for f in self.features(items)]
