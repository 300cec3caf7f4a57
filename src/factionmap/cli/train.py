"""``factionmap train`` — fit the learned event-type model on the corpus (fixed seed)."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path

import typer

__all__ = ["register"]


def train_command(
    corpus: list[Path] = typer.Argument(None, help="Corpus files or directories (default: training/events)."),
    out_dir: Path = typer.Option(None, "--out", help="Model directory (default: the package's data/models)."),
    folds: int = typer.Option(5, "--folds", help="Folds of the k-fold figures and the confidence model."),
    seed: int = typer.Option(13, "--seed", help="Seed of the fold split."),
    export: bool = typer.Option(False, "--export-encoder", help="First export the int8 ONNX encoder (needs torch)."),
    dry_run: bool = typer.Option(False, "--dry-run", help="Report the k-fold figures; write nothing."),
    finetune: bool = typer.Option(False, "--finetune", help="First fine-tune MiniLM on the corpus and export it (needs torch; slow)."),
    epochs: float = typer.Option(3.0, "--epochs", help="Fine-tuning epochs (with --finetune)."),
    threads: int = typer.Option(1, "--threads", help="Torch CPU threads when fine-tuning."),
    train_layers: int = typer.Option(None, "--train-layers", min=1, max=6, show_default=False,
                                     help="Top encoder layers fine-tuned (with --finetune; default: "
                                          "FinetuneOptions.train_layers, all 6)."),
    keep_floor: float = typer.Option(None, "--keep-floor", help="Pin the typer's keep_floor (default: fitted)."),
    add_beside: float = typer.Option(None, "--add-beside", help="Pin the typer's add_beside (default: fitted)."),
) -> None:
    """Train the event-type head and the confidence model; print the k-fold figures as JSON."""
    from factionmap.events.typemodel import bundled_model_dir
    from factionmap.training.corpus import CorpusError
    from factionmap.training.train import TrainOptions, train

    target = out_dir or bundled_model_dir()
    if export:
        from factionmap.training.export import ExportError, export_encoder

        try:
            export_encoder(target)
        except ExportError as exc:
            typer.echo(f"error: {exc}", err=True)
            raise typer.Exit(2) from exc
    tune = None
    if finetune:
        from factionmap.training.finetune import FinetuneOptions

        layers = {} if train_layers is None else {"train_layers": train_layers}
        tune = FinetuneOptions(epochs=epochs, seed=seed, threads=threads, **layers)
    options = TrainOptions(corpus=tuple(corpus or (Path("training/events"),)), out_dir=target,
                           folds=folds, seed=seed, write=not dry_run, finetune=tune,
                           keep_floor=keep_floor, add_beside=add_beside)
    try:
        report = train(options)
    except ImportError as exc:
        typer.echo(f"error: --finetune needs torch==2.13.0 and transformers (make finetune installs them): {exc}", err=True)
        raise typer.Exit(2) from exc
    except CorpusError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from exc
    typer.echo(json.dumps(asdict(report), default=str, indent=1))


def register(app: typer.Typer) -> None:
    """Add ``train`` to the app."""
    app.command("train")(train_command)
