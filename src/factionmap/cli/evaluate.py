"""``factionmap evaluate GOLD`` — score the pipeline against a gold file."""

from __future__ import annotations

import json
from dataclasses import asdict
from enum import Enum
from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

__all__ = ["register"]


class OutputFormat(str, Enum):
    table = "table"
    json = "json"


def evaluate_command(
    gold: Path = typer.Argument(..., help="Gold file: PLOVER/PLV/re3d/FA-KES JSONL, or seed-expected.json."),
    output: OutputFormat = typer.Option(OutputFormat.table, "--format", help="table or json."),
    misses: int = typer.Option(20, "--misses", help="How many misses to list (0: none, -1: all)."),
    miss_kind: str = typer.Option(None, "--miss-kind", help="Only misses of this kind (e.g. missed_event)."),
    limit: int = typer.Option(None, "--limit", help="Only the first N records."),
    model: str = typer.Option(None, "--model", help="spaCy model package or path."),
) -> None:
    """Run the pipeline on a gold file and report precision, recall and accuracy."""
    from factionmap.evaluate import EvaluationError, detect_dataset, evaluate_file, load_gold, report_dict
    from factionmap.pipeline import AnalyzeOptions, Analyzer, build_nlp

    options = AnalyzeOptions(model=model)
    try:
        detect_dataset(load_gold(gold))  # fail fast, before the model loads
        report = evaluate_file(gold, Analyzer(build_nlp(options), options), limit=limit)
    except EvaluationError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from exc
    pool = [m for m in report.misses if miss_kind is None or m.kind == miss_kind]
    shown = pool if misses < 0 else pool[:misses]
    if output is OutputFormat.json:
        data = report_dict(report)
        data["misses"] = [asdict(m) for m in shown]
        typer.echo(json.dumps(data, ensure_ascii=False, default=str))
        return
    _print_table(report, shown)


def _print_table(report, shown) -> None:
    console = Console()
    summary = Table(title=f"{report.dataset}: {report.records} records in {report.seconds:.1f}s")
    summary.add_column("measure")
    summary.add_column("value", justify="right")
    for name, value in report.metrics().items():
        summary.add_row(name, f"{value:.3f}")
    console.print(summary)
    _print_details(console, report)
    if shown:
        table = Table(title=f"misses ({len(shown)} of {len(report.misses)})", show_lines=False)
        for column in ("record", "kind", "detail"):
            table.add_column(column, overflow="fold")
        for miss in shown:
            table.add_row(miss.record, miss.kind, miss.detail)
        console.print(table)


def _print_details(console: Console, report) -> None:
    from factionmap.evaluate import PloverReport, PlvReport, Re3dReport, SeedReport

    if isinstance(report, (PloverReport, PlvReport)):
        table = Table(title="per type")
        for column in ("type", "gold", "type found", "matched", "predicted", "predicted ok"):
            table.add_column(column, justify="right" if column != "type" else "left")
        for row in report.per_type:
            table.add_row(row.type, *(str(v) for v in (row.gold, row.type_found, row.matched, row.predicted, row.predicted_matched)))
        console.print(table)
    elif isinstance(report, Re3dReport):
        table = Table(title="entities by type (overlap)")
        for column in ("type", "precision", "recall", "f1", "gold"):
            table.add_column(column)
        for etype, score in report.per_type:
            table.add_row(etype, f"{score.precision:.3f}", f"{score.recall:.3f}", f"{score.f1:.3f}", str(score.gold))
        console.print(table)
    elif isinstance(report, SeedReport):
        table = Table(title="seed checks")
        for column in ("kind", "ok", "expected", "detail"):
            table.add_column(column, overflow="fold")
        for check in report.checks:
            table.add_row(check.kind, "yes" if check.ok else "NO", check.expected, check.detail)
        console.print(table)


def register(app: typer.Typer) -> None:
    """Add ``evaluate`` to the app."""
    app.command("evaluate")(evaluate_command)
