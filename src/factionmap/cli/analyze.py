"""``factionmap analyze``: read inputs and print who backs, attacks, pressures and quotes whom.

No database is involved.  Rendering helpers here (:func:`event_line`,
:func:`print_analysis`, :func:`report_failure`) are reused by the store commands.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

from factionmap.cli.inputs import (
    ActorsOption, AllowPrivateOption, AuthorField, DateField, EncodingOption, FetchLinksOption, HtmlField, IdField,
    InputFlags, LemmasOption, LexiconOption, MaxBytesOption, ModelOption, OutletOption, PageUrlOption, SourceField, TextField,
    TimeoutOption, TitleField, UrlField,
)
from factionmap.model import DocumentAnalysis, Event, IngestFailure

__all__ = [
    "FormatOption", "event_flags", "event_line", "evidence_markup", "excerpt",
    "load_analyzer_or_exit",
    "print_analysis", "print_event", "register", "report_failure",
]

ARROWS = {1: "green", -1: "red", 0: "yellow"}


def load_analyzer_or_exit(options, err: Console):  # noqa: ANN001, ANN201
    """Build the pipeline once; a missing model is a clear message and exit code 2."""
    from factionmap.nlp import ModelNotFound
    from factionmap.pipeline import Analyzer, build_nlp

    try:
        return Analyzer(build_nlp(options.analyze), options.analyze)
    except (ModelNotFound, OSError, ValueError) as exc:
        err.print(f"[red]error:[/red] cannot build the pipeline: {escape(str(exc))}")
        raise typer.Exit(2) from exc


def report_failure(err: Console, failure: IngestFailure) -> None:
    """One failure on stderr, naming the input."""
    err.print(f"[red]failed[/red] {escape(failure.name)} [dim]({failure.stage})[/dim]: {escape(failure.message)}")


def excerpt(text: str, limit: int = 160) -> str:
    """``text`` on one line, cut to ``limit`` characters."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def event_flags(event: Event | object, name: Callable[[str], str] = str) -> list[str]:
    """Readable flags: negated, hedged, hypothetical, section, reported speech (``per`` speaker), mode."""
    flags = [flag for flag in ("negated", "hedged", "hypothetical") if getattr(event, flag, False)]
    section = getattr(event, "section", "body")
    if section not in ("body", None):
        flags.append(f"in {section}")
    asserted = getattr(event, "asserted_by", "author")
    if asserted not in ("author", "commenter"):
        flags.append(f"per {name(asserted)}")
    mode = getattr(event, "mode", None)
    if mode:
        flags.append(mode)
    return flags


def event_line(event_type: str, sources: Iterable[str], targets: Iterable[str], sign: int = 0) -> str:
    """``Russia —SUPPORT→ Khalifa Haftar`` as rich markup."""
    colour = ARROWS.get(sign, "yellow")
    left = escape(", ".join(sources) or "?")
    right = escape(", ".join(targets) or "?")
    return f"[bold]{left}[/bold] [{colour}]—{event_type}→[/{colour}] [bold]{right}[/bold]"


def evidence_markup(sentence: str, trigger: tuple[int, int] | None = None, limit: int = 220) -> str:
    """The evidence sentence as rich markup, the trigger in bold, cut to a window around it."""
    if trigger is None or not (0 <= trigger[0] < trigger[1] <= len(sentence)):
        return escape(excerpt(sentence, limit))
    start, end = trigger
    left, word, right = sentence[:start], sentence[start:end], sentence[end:]
    left, right = " ".join(left.split()), " ".join(right.split())
    room = max(limit - len(word), 20)
    if len(left) + len(right) + 2 > room:
        keep_left = min(len(left), room // 2)
        keep_right = min(len(right), room - keep_left)
        keep_left = min(len(left), room - keep_right)
        if keep_left < len(left):
            cut = left[len(left) - keep_left :]
            left = "…" + (cut.split(" ", 1)[1] if " " in cut else cut)
        if keep_right < len(right):
            cut = right[:keep_right]
            right = (cut.rsplit(" ", 1)[0] if " " in cut else cut) + "…"
    gap_l = " " if left and sentence[start - 1 : start].isspace() else ""
    gap_r = " " if right and sentence[end : end + 1].isspace() else ""
    return f"{escape(left)}{gap_l}[bold not dim]{escape(word)}[/bold not dim]{gap_r}{escape(right)}"


def print_event(console: Console, line: str, flags: Iterable[str], evidence: str, where: str | None = None,
                trigger: tuple[int, int] | None = None) -> None:
    """An event as two lines: ``A —TYPE→ B  [flags]``, then the evidence sentence (and document), dimmed.

    ``trigger`` is the trigger's span relative to ``evidence``; it is shown in bold.
    """
    flags = list(flags)
    flag_text = f"  [yellow]\\[{escape(', '.join(flags))}][/yellow]" if flags else ""
    console.print(f"  {line}{flag_text}")
    where_text = f" ({escape(where)})" if where else ""
    console.print(f"      [dim]“{evidence_markup(evidence, trigger)}”{where_text}[/dim]")


def print_analysis(console: Console, analysis: DocumentAnalysis) -> None:
    """The table view of one analysis: events, quotes, figures."""
    doc = analysis.document
    names: Mapping[str, str] = {a.id: a.profile.name for a in analysis.actors}
    name = lambda i: names.get(i, i)  # noqa: E731
    heading = doc.title or doc.name or doc.id
    console.rule(f"[bold]{escape(heading)}[/bold] [dim]{escape(doc.id)}[/dim]")
    if analysis.skipped:
        console.print(f"[yellow]not parsed:[/yellow] {escape(analysis.skipped)}")
    console.print(f"[bold]{len(analysis.events)} event(s)[/bold]" if analysis.events else "[dim]no events found[/dim]")
    for event in analysis.events:
        line = event_line(event.type, map(name, event.source), map(name, event.target), event.sign)
        evidence = doc.text[event.sentence.start : event.sentence.end] or event.sentence.text
        trigger = (event.trigger.start - event.sentence.start, event.trigger.end - event.sentence.start)
        print_event(console, line, event_flags(event, name), evidence, trigger=trigger)
    for quote in analysis.quotes:
        who = name(quote.speaker) if quote.speaker else quote.speaker_text
        kind = "said" if quote.direct else "said (indirect)"
        console.print(f"[cyan]quote[/cyan] [bold]{escape(who or '?')}[/bold] {kind}: “{escape(excerpt(quote.text))}”")
    for fig in analysis.figures:
        value = f"{fig.value:,}" if fig.value is not None else "an unknown number"
        qualifier = (fig.qualifier or "").replace("_", " ")
        subject = f" {fig.subject}" if fig.subject else ""
        console.print(f"[magenta]figure[/magenta] {fig.kind}: {qualifier} {value}{escape(subject)}".replace("  ", " "))
    for error in analysis.errors:
        console.print(f"[yellow]component error[/yellow] {escape(error)}")


FormatOption = Annotated[str, typer.Option("--format", "-f", help="table or json", case_sensitive=False)]


def analyze_command(
    paths: Annotated[list[str], typer.Argument(help="Files, directories, JSONL, URLs, or - for stdin.")],
    format: FormatOption = "table",  # noqa: A002
    model: ModelOption = None,
    actors: ActorsOption = None,
    lexicon: LexiconOption = None,
    lemmas: LemmasOption = None,
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
) -> None:
    """Print who backs, attacks, pressures and quotes whom in each input (no database)."""
    flags = InputFlags.from_params(locals())
    if format.lower() not in ("table", "json"):
        raise typer.BadParameter(f"unknown format {format!r} (use table or json)", param_hint="--format")
    from factionmap.batch import analyze_inputs

    options = flags.batch_options()
    err = Console(stderr=True)
    out = Console()
    analyzer = load_analyzer_or_exit(options, err)
    documents = failures = 0
    for result in analyze_inputs(paths, options, analyzer):
        if isinstance(result, IngestFailure):
            failures += 1
            report_failure(err, result)
        elif format.lower() == "json":
            documents += 1
            sys.stdout.write(json.dumps(result.to_record(), ensure_ascii=False) + "\n")
            sys.stdout.flush()
        else:
            documents += 1
            print_analysis(out, result)
    if documents == 0 and failures:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    """Add ``analyze`` to the app."""
    app.command("analyze")(analyze_command)
