"""Store commands: ``ingest`` (inputs → database), ``events``, ``actors``, ``show``."""

from __future__ import annotations

import contextlib
import json
import sys
from pathlib import Path
from collections.abc import Iterator
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import (
    BarColumn, Progress, ProgressColumn, SpinnerColumn, Task, TextColumn, TimeElapsedColumn, TimeRemainingColumn,
)
from rich.table import Table
from rich.text import Text

from factionmap.cli.scale import (
    ActorCpusOption, AddressOption, Engine, EngineOption, NumWorkersOption, OutParquetOption, ScaleFlags,
)
from factionmap.cli.inputs import (
    ActorsOption, AllowPrivateOption, AuthorField, DateField, EncodingOption, FetchLinksOption, HtmlField, IdField,
    InputFlags, LemmasOption, LexiconOption, MaxBytesOption, ModelOption, OutletOption, PageUrlOption, SourceField, TextField,
    TimeoutOption, TitleField, UrlField,
)
from factionmap.cli.render import check_list_format, make_console, write_csv, write_json_lines
from factionmap.cli.analyze import (
    FormatOption, event_flags, event_line, excerpt, load_analyzer_or_exit, print_analysis,
    print_event, report_failure,
)
from factionmap.model import NEGATIVE_TYPES, POSITIVE_TYPES, IngestFailure
from factionmap.scale.options import RayOptions
from factionmap.store import (
    DEFAULT_DB, IngestSummary, Store, StoreCounts, StoreError, actor_counts, list_events, store_counts,
)

__all__ = ["register"]

DbOption = Annotated[Path, typer.Option("--db", help="SQLite database file.", envvar="FACTIONMAP_DB")]
ListFormatOption = Annotated[str, typer.Option("--format", "-f", help="table, json / jsonl (JSON Lines) or csv")]
WideOption = Annotated[bool, typer.Option("--wide", help="Never shorten columns (default: fit the terminal).")]


def _check_format(format: str) -> str:  # noqa: A002
    if format.lower() not in ("table", "json"):
        raise typer.BadParameter(f"unknown format {format!r} (use table or json)", param_hint="--format")
    return format.lower()


def _open(db: Path, must_exist: bool = True) -> Store:
    if must_exist and not db.exists():
        Console(stderr=True).print(f"[red]error:[/red] no database at {escape(str(db))} (run `factionmap ingest` first)")
        raise typer.Exit(2)
    try:
        return Store(db).open()
    except StoreError as exc:
        Console(stderr=True).print(f"[red]error:[/red] {escape(str(exc))}")
        raise typer.Exit(2) from exc


def _resolve_or_exit(store: Store, prefix: str, db: Path) -> str:
    """The document id a prefix names; exits listing the matches when it names several (or none)."""
    from factionmap.store.documents import AmbiguousId, UnknownId, resolve_document

    try:
        return resolve_document(store, prefix)
    except UnknownId:
        Console(stderr=True).print(f"[red]error:[/red] no document {escape(prefix)!s} in {escape(str(db))}")
        raise typer.Exit(1) from None
    except AmbiguousId as exc:
        err = Console(stderr=True)
        err.print(f"[red]error:[/red] {escape(prefix)!s} is ambiguous: {len(exc.matches)} documents start with it")
        for match in exc.matches:
            err.print(f"  {escape(match)}")
        raise typer.Exit(1) from None


def _write_list(fmt: str, records: Iterator[dict[str, Any]]) -> None:
    (write_csv if fmt == "csv" else write_json_lines)(records)


def _sign(event_type: str) -> int:
    return 1 if event_type in POSITIVE_TYPES else -1 if event_type in NEGATIVE_TYPES else 0


@contextlib.contextmanager
def _ingest_errors(progress: Any, err: Console) -> Iterator[None]:
    """An interrupted or failed ingest ends with its message and exit code (130 or 2); every
    document stored before it stays committed."""
    from factionmap.nlp import ModelNotFound
    from factionmap.scale import RayEngineError

    try:
        yield
    except KeyboardInterrupt:
        progress.stop()
        err.print("[yellow]interrupted[/yellow]: every document read so far is committed; re-run to resume.")
        raise typer.Exit(130) from None
    except ModelNotFound as exc:  # raised by a worker process building its pipeline
        progress.stop()
        err.print(f"[red]error:[/red] cannot build the pipeline: {escape(str(exc))}")
        raise typer.Exit(2) from exc
    except StoreError as exc:  # e.g. a full disk: no later document could be stored either
        progress.stop()
        err.print(f"[red]error:[/red] {escape(str(exc))}; every document before it is committed.")
        raise typer.Exit(2) from exc
    except RayEngineError as exc:  # Ray missing, cluster unreachable, stdin given
        progress.stop()
        err.print(f"[red]error:[/red] {escape(str(exc))}")
        raise typer.Exit(2) from exc


def ingest_command(
    paths: Annotated[list[str], typer.Argument(metavar="PATH...", help="Files, directories, JSONL, URLs, or -.")],
    db: DbOption = Path(DEFAULT_DB),
    model: ModelOption = None,
    actors: ActorsOption = None,
    lexicon: LexiconOption = None,
    lemmas: LemmasOption = None,
    workers: Annotated[int, typer.Option(min=1, help="Analysis processes (model loaded once per worker).")] = 1,
    min_confidence: Annotated[float, typer.Option(min=0.0, max=1.0, help="Drop events below this.")] = 0.0,
    text_field: TextField = "text",
    html_field: HtmlField = "html",
    id_field: IdField = "id",
    url_field: UrlField = "url",
    title_field: TitleField = "title",
    date_field: DateField = "published",
    source_field: SourceField = "source",
    author_field: AuthorField = "author",
    encoding: EncodingOption = None,
    max_bytes: MaxBytesOption = 10_000_000,
    fetch_links: FetchLinksOption = False,
    source: OutletOption = None,
    url: PageUrlOption = None,
    timeout: TimeoutOption = 60.0,
    allow_private_urls: AllowPrivateOption = False,
    engine: EngineOption = Engine.LOCAL,
    address: AddressOption = None,
    num_workers: NumWorkersOption = 2,
    out_parquet: OutParquetOption = None,
    actor_cpus: ActorCpusOption = RayOptions.actor_cpus,
) -> None:
    """Analyse inputs and store documents and findings; already stored items are skipped."""
    flags, scale = InputFlags.from_params(locals()), ScaleFlags.from_params(locals())
    if (done := scale.stored_already(db, paths, flags)) is not None:  # nothing new: no model loaded
        with _open(db) as store:
            _print_summary(Console(), done, db, store_counts(store), 0)
        return
    options = flags.batch_options()
    err = Console(stderr=True)
    analyzer = load_analyzer_or_exit(options, err) if workers == 1 and scale.local else None
    with _open(db, must_exist=False) as store, _progress(err) as progress:
        actors_before = store_counts(store).actors
        task = progress.add_task("ingesting", total=_known_total(paths))

        def tick(result: object, is_new: bool) -> None:
            if isinstance(result, IngestFailure):
                progress.console.print(f"[red]failed[/red] {escape(result.name)}: {escape(result.message)}")
            progress.advance(task)

        with _ingest_errors(progress, err):
            summary = scale.ingest(store, paths, options, analyzer=analyzer, workers=workers, on_result=tick)
        totals = store_counts(store)
    _print_summary(Console(), summary, db, totals, totals.actors - actors_before)
    if summary.all_failed:
        raise typer.Exit(1)


class _RateColumn(ProgressColumn):
    """Items per second."""

    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text(f"{speed:.1f} docs/s" if speed else "", style="dim")


def _known_total(paths: list[str]) -> int | None:
    """The number of items when every input is a single-document file (else unknown: no ETA)."""
    single = (".txt", ".html", ".htm", ".text")
    if all(Path(p).is_file() and Path(p).suffix.lower() in single for p in paths):
        return len(paths)
    return None


def _progress(console: Console) -> Progress:
    return Progress(
        SpinnerColumn(), TextColumn("{task.description}"), BarColumn(),
        TextColumn("{task.completed} items"), _RateColumn(), TimeElapsedColumn(), TimeRemainingColumn(),
        console=console, transient=True,
    )


def _print_summary(console: Console, summary: IngestSummary, db: Path, totals: StoreCounts, new_actors: int) -> None:
    console.print(
        f"[bold]{summary.new}[/bold] new document(s), [bold]{summary.already_stored}[/bold] already stored"
        f"{f' ({summary.duplicates} linked to an earlier copy)' if summary.duplicates else ''}"
        f" → {escape(str(db))}"
    )
    console.print(
        f"added {summary.events} event(s), {summary.quotes} quote(s), {summary.figures} figure(s); "
        f"{new_actors} new actor(s)"
    )
    console.print(
        f"[dim]database now holds {totals.documents} document(s), {totals.actors} actor(s), "
        f"{totals.events} event(s), {totals.errors} recorded failure(s)[/dim]"
    )
    if summary.versions:
        console.print(f"[yellow]{len(summary.versions)} stored as a new version[/yellow] (same id or URL, other text):")
        for line in summary.versions:
            console.print(f"  {escape(line)}")
    for reason, count in summary.skip_reasons.items():
        console.print(f"[yellow]{count} not parsed[/yellow]: {escape(reason)}")
    if summary.failures:
        console.print(f"[red]{len(summary.failures)} failure(s)[/red]:")
        for failure in summary.failures:
            console.print(f"  {escape(failure.name)} [dim]({failure.stage})[/dim]: {escape(failure.message)}")


def events_command(
    db: DbOption = Path(DEFAULT_DB),
    actor: Annotated[str | None, typer.Option(help="Actor name or id (as source or target).")] = None,
    type: Annotated[str | None, typer.Option("--type", help="PLOVER type, e.g. SUPPORT.")] = None,  # noqa: A002
    document: Annotated[str | None, typer.Option(help="Document id (or a unique prefix).")] = None,
    limit: Annotated[int | None, typer.Option(min=1)] = None,
    format: ListFormatOption = "table",  # noqa: A002
    wide: WideOption = False,
    country: Annotated[str | None, typer.Option(help="ISO-3 country of the event's location, e.g. SYR.")] = None,
    near: Annotated[str | None, typer.Option(help="Events located near a place name or LAT,LON.")] = None,
    radius: Annotated[float, typer.Option(min=0.0, help="Kilometres around --near.")] = 50.0,
) -> None:
    """List stored events: who does what to whom, with the evidence sentence."""
    fmt = check_list_format(format)
    centre = _near_or_exit(near, radius)
    with _open(db) as store:
        if document:
            document = _resolve_or_exit(store, document, db)
        rows = list_events(store, actor=actor, type=type, document=document, limit=limit, country=country,
                           near=centre)
    if fmt != "table":
        return _write_list(fmt, (row.to_record() for row in rows))
    console = make_console(wide)
    console.print(f"[bold]{len(rows)} event(s)[/bold]" + (" [dim](use --limit to see more)[/dim]" if limit and len(rows) == limit else ""))
    current = None
    for row in rows:
        if row.document != current:
            current = row.document
            console.print(f"[bold cyan]{escape(row.document_title or row.document)}[/bold cyan] [dim]{escape(row.document)}[/dim]")
        line = event_line(row.type, row.source_names, row.target_names, _sign(row.type))
        names = dict(zip(row.source + row.target, row.source_names + row.target_names))
        if row.asserted_by_name:
            names[row.asserted_by] = row.asserted_by_name
        trigger = None
        if row.trigger_start is not None and row.trigger_end is not None:
            trigger = (row.trigger_start - row.sentence_start, row.trigger_end - row.sentence_start)
        print_event(console, line, event_flags(row, lambda i: names.get(i, i)), row.sentence, trigger=trigger)


def _near_or_exit(near: str | None, radius: float) -> tuple[float, float, float] | None:
    if near is None:
        return None
    from factionmap.geo import default_gazetteer, place_point

    try:
        lat, lon = place_point(near, default_gazetteer())
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--near") from exc
    return lat, lon, radius


def actors_command(
    db: DbOption = Path(DEFAULT_DB),
    limit: Annotated[int | None, typer.Option(min=1)] = None,
    unresolved: Annotated[bool, typer.Option(help="Only names not found in any actor file.")] = False,
    format: ListFormatOption = "table",  # noqa: A002
    wide: WideOption = False,
) -> None:
    """List stored actors with their codes and how often they appear."""
    if unresolved and format.lower() == "jsonl":  # stub entries in the actor-file format, ready to edit
        from factionmap.actors.unresolved import unresolved_stubs

        with _open(db) as store:
            return write_json_lines(unresolved_stubs(store, limit=limit))
    fmt = check_list_format(format)
    with _open(db) as store:
        rows = actor_counts(store, limit=limit, unresolved=unresolved)
    if fmt != "table":
        return _write_list(fmt, (row.to_record() for row in rows))
    table = Table(title=f"{len(rows)} {'unresolved ' if unresolved else ''}actor(s)",
                  caption="code ? = not in any actor file (see --unresolved)")
    table.add_column("actor", min_width=16)
    table.add_column("code", no_wrap=True)
    for header in ("docs", "mentions", "events"):
        table.add_column(header, justify="right", no_wrap=True)
    table.add_column("id", no_wrap=True, overflow="fold")
    for row in rows:
        code = escape(row.code or "") if row.known else "[dim]?[/dim]"
        table.add_row(escape(row.name), code, str(row.documents), str(row.mentions), str(row.events),
                      f"[dim]{escape(row.id)}[/dim]")
    make_console(wide).print(table)


def show_command(
    doc_id: Annotated[str, typer.Argument(metavar="DOC_ID", help="Document id (or a unique prefix).")],
    db: DbOption = Path(DEFAULT_DB),
    format: FormatOption = "table",  # noqa: A002
) -> None:
    """Show one stored document: its sections (kind and excerpt), then its findings."""
    fmt = _check_format(format)
    with _open(db) as store:
        resolved = _resolve_or_exit(store, doc_id, db)
        analysis = next(iter(store.iter_analyses(documents=[resolved])))
    if fmt == "json":
        sys.stdout.write(json.dumps(analysis.to_record(), ensure_ascii=False) + "\n")
        return
    console, doc = make_console(), analysis.document
    meta = [f"{k}: {escape(str(v))}" for k, v in (("url", doc.url), ("author", doc.author),
            ("published", doc.published), ("source", doc.source), ("language", doc.language),
            ("duplicate of", doc.duplicate_of)) if v]
    console.print(f"[bold]{escape(doc.title or doc.name or doc.id)}[/bold]  [dim]{escape(doc.id)}[/dim]")
    for line in meta:
        console.print(f"  {line}")
    sections = Table(title="sections", expand=True)
    sections.add_column("kind", no_wrap=True)
    sections.add_column("span", no_wrap=True)
    sections.add_column("by", max_width=18)
    sections.add_column("text", ratio=1)
    for s in doc.sections:
        by = " ".join(x for x in (s.author, (s.published or "")[:10]) if x)
        sections.add_row(s.kind, f"{s.start}–{s.end}", escape(by), escape(excerpt(doc.text[s.start:s.end], 100)))
    console.print(sections)
    print_analysis(console, analysis)


def register(app: typer.Typer) -> None:
    """Add ``ingest``, ``events``, ``actors`` and ``show`` to the app."""
    app.command("ingest")(ingest_command)
    app.command("events")(events_command)
    app.command("actors")(actors_command)
    app.command("show")(show_command)
