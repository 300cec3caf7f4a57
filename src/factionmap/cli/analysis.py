"""Analysis commands: ``network``, ``camps``, ``contradictions``, ``timeline``, ``sources``, ``export``.

Each reads stored analyses (``--db``) through :meth:`Store.iter_analyses` and
calls :mod:`factionmap.analysis`; ``--format json`` prints the library's records.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from factionmap.analysis import (
    EXPORT_FORMATS,
    CampOptions,
    CampResult,
    ContradictionOptions,
    ExportError,
    ExportOptions,
    NetworkOptions,
    SignedNetwork,
    TimelineOptions,
    compare_sources,
    export,
    find_camps,
    find_contradictions,
    timeline,
)
from factionmap.analysis.network import collect_profiles, match_actors
from factionmap.analysis.pieces import PiecedCamps, camps_by_piece
from factionmap.analysis.scope import Scope, ScopeError, scope_network
from factionmap.analysis.timeline import PERIODS
from factionmap.cli.render import make_console, write_csv
from factionmap.model import DocumentAnalysis

if TYPE_CHECKING:
    from factionmap.analysis.sql import StoredAnalyses
    from factionmap.store import Store

__all__ = ["register"]

DbOption = Annotated[Path, typer.Option("--db", help="SQLite database file.", envvar="FACTIONMAP_DB")]
FormatOption = Annotated[str, typer.Option("--format", "-f", help="table or json", case_sensitive=False)]
SinceOption = Annotated[str | None, typer.Option(help="Only documents published on or after (YYYY[-MM[-DD]]).")]
UntilOption = Annotated[str | None, typer.Option(help="Only documents published on or before (YYYY[-MM[-DD]]).")]
CommentsOption = Annotated[bool, typer.Option("--include-comments", help="Count claims made in reader comments.")]
RollUpOption = Annotated[bool, typer.Option("--roll-up", help="Merge people into the organisation they lead.")]
PeriodOption = Annotated[str, typer.Option(help="day, week, month or all.")]
ConfidenceOption = Annotated[float, typer.Option(min=0.0, max=1.0, help="Ignore events below this confidence.")]
CampsOption = Annotated[int, typer.Option("--camps", "-k", min=1, max=8, help="Number of camps.")]
AffiliationOption = Annotated[float, typer.Option(
    "--affiliation-weight", min=0.0,
    help="Tie a person to the organisation it leads when finding camps: share of the weaker one's tie strength (0: off).",
)]

ActorScopeOption = Annotated[str | None, typer.Option("--actor", help="Only this actor's theatre (conflict).")]
HopsOption = Annotated[int | None, typer.Option(min=0, help="With --actor: the ego network, N ties deep.")]
CountryScopeOption = Annotated[str | None, typer.Option("--country", help="Only this country's theatre (ISO-3).")]

#: Formats of the commands that print a list (JSON Lines or CSV for programs).
LIST_FORMATS: tuple[str, ...] = ("table", "json", "csv")

_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


@dataclass(frozen=True)
class _Common:
    db: Path
    since: str | None
    until: str | None
    include_comments: bool
    roll_up: bool
    min_confidence: float = 0.0

    @property
    def network(self) -> NetworkOptions:
        return NetworkOptions(
            include_comments=self.include_comments, roll_up=self.roll_up, min_confidence=self.min_confidence,
            since=_bound(self.since, first=True), until=_bound(self.until, first=False),
        )


def _bound(value: str | None, first: bool) -> date | None:
    """``2019`` / ``2019-04`` / ``2019-04-10`` → the first (or last) day it covers; events are
    windowed by their own date (documents are still selected by publication)."""
    if value is None or not _DATE.match(value):
        return None
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 3:
        return date(*parts)
    if len(parts) == 2:
        start = date(parts[0], parts[1], 1)
        return start if first else (start.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
    return date(parts[0], 1, 1) if first else date(parts[0], 12, 31)


def _fail(message: str, code: int = 2) -> typer.Exit:
    Console(stderr=True).print(f"[red]error:[/red] {escape(message)}")
    return typer.Exit(code)


def _check(common: _Common, fmt: str, formats: tuple[str, ...] = ("table", "json")) -> str:
    for name, value in (("--since", common.since), ("--until", common.until)):
        if value is not None and not _DATE.match(value):
            raise typer.BadParameter(f"{value!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)", param_hint=name)
    from factionmap.ingest.published import DateBoundError, check_date_window

    try:
        check_date_window(common.since, common.until)
    except DateBoundError as exc:
        raise typer.BadParameter(str(exc)) from None
    fmt = "json" if fmt.lower() == "jsonl" and "json" in formats else fmt.lower()
    if fmt not in formats:
        raise typer.BadParameter(f"unknown format {fmt!r} (use {', '.join(formats)})", param_hint="--format")
    return fmt


@contextmanager
def _opened(common: _Common) -> Iterator[Store]:
    """The open store; exits with a clear message when the database is missing or unusable.

    Analyses are read from it as they are needed (:mod:`factionmap.analysis.sql`), never all at once:
    documents by publication from --since on (events precede their reports); --until is applied to
    each event's own date (NetworkOptions), so earlier events of later pages count."""
    from factionmap.store import Store, StoreError

    if not common.db.exists():
        raise _fail(f"no database at {common.db} (run `factionmap ingest` first)")
    try:
        with Store(common.db) as store:
            yield store
    except StoreError as exc:
        raise _fail(str(exc)) from exc


def _analyses(store: Store, common: _Common, full: bool = False) -> StoredAnalyses:
    """The window's analyses, streamed from ``store`` (``full``: every record, for the exports)."""
    from factionmap.analysis.sql import StoredAnalyses

    return StoredAnalyses(store, since=common.since, full=full)


def _network(store: Store, common: _Common, evidence: bool = False) -> SignedNetwork:
    """The window's network, aggregated from the store one pair at a time; evidence read when used."""
    from factionmap.analysis.sql import stored_network

    return stored_network(store, common.network, since=common.since, evidence=evidence)


def _json_lines(records: Iterator[Any] | list[Any]) -> None:
    for record in records:
        sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")


def _name(network: SignedNetwork, actor_id: str) -> str:
    profile = network.profiles.get(actor_id)
    return profile.name if profile else actor_id


def network_command(
    db: DbOption = Path("factionmap.db"), since: SinceOption = None, until: UntilOption = None,
    include_comments: CommentsOption = False, roll_up: RollUpOption = False,
    min_confidence: ConfidenceOption = 0.0,
    limit: Annotated[int | None, typer.Option(min=1, help="Strongest edges only.")] = None,
    actor: ActorScopeOption = None,
    hops: HopsOption = None,
    country: CountryScopeOption = None,
    format: FormatOption = "table",  # noqa: A002
) -> None:
    """The signed alignment network: one edge per ordered pair, strongest first (scoped with --actor/--country)."""
    common = _Common(db, since, until, include_comments, roll_up, min_confidence)
    fmt = _check(common, format)
    with _opened(common) as store:
        network = _scoped(_network(store, common), actor, hops, country)
    edges = sorted(network.graph.edges(data=True), key=lambda e: (-abs(e[2]["weight"]), e[0], e[1]))[:limit]
    if fmt == "json":
        nodes = [{"id": n, **d} for n, d in network.graph.nodes(data=True)]
        _json_lines([{"nodes": nodes, "edges": [{"source": u, "target": v, **d} for u, v, d in edges]}])
        return
    table = Table(title=f"{network.graph.number_of_nodes()} actors, {network.graph.number_of_edges()} edges")
    for header in ("source", "target", "sign", "weight", "events", "docs", "stories", "outlets", "types"):
        table.add_column(header)
    for u, v, d in edges:
        sign = {1: "[green]+[/green]", -1: "[red]−[/red]"}.get(d["sign"], "0")
        types = ", ".join(f"{k}×{n}" for k, n in d["types"].items())
        table.add_row(escape(_name(network, u)), escape(_name(network, v)), sign, f"{d['weight']:.2f}",
                      str(d["count"]), str(d["documents"]), str(d["stories"]), str(d["outlets"]), types)
    make_console().print(table)


def _print_camps(result: CampResult, console: Console | None = None, indent: str = "") -> None:
    console = console or make_console()

    def names(ids: tuple[str, ...]) -> str:
        return ", ".join(escape(result.profiles[a].name if a in result.profiles else a) for a in ids)

    for index, camp in enumerate(result.camps, 1):
        console.print(f"{indent}[bold]camp {index}[/bold] ({len(camp)}): {names(camp)}")
    console.print(f"{indent}[bold]unassigned[/bold] ({len(result.unassigned)}): {names(result.unassigned) or '-'}")
    exact = "exact: proved optimal" if result.exact else "heuristic: best found, not proved optimal"
    console.print(f"{indent}frustration {result.frustration:.2f} ({exact}); {len(result.violations)} violating edge(s)")
    for v in result.violations:
        console.print(f"{indent}  {v.kind}: {names((v.source, v.target))} (weight {v.weight:.2f})")
        for e in v.evidence[:2]:
            console.print(f"{indent}    [dim]{escape(e.document)}[/dim] {escape(' '.join(e.text.split())[:160])}")


def _print_pieces(result: PiecedCamps) -> None:
    console = make_console()
    shown = len(result.solved)
    console.print(f"[bold]{result.pieces}[/bold] unconnected piece(s) in the network; camps found in each of "
                  f"{shown} on its own (pieces of one actor are left out; --global solves all at once)")
    for piece in result.solved:
        console.print(f"[bold cyan]piece {piece.index}[/bold cyan] ({piece.actors} actors)")
        _print_camps(piece.result, console, indent="  ")


def camps_command(
    db: DbOption = Path("factionmap.db"), since: SinceOption = None, until: UntilOption = None,
    include_comments: CommentsOption = False, roll_up: RollUpOption = False,
    min_confidence: ConfidenceOption = 0.0, camps: CampsOption = 2,
    min_strength: Annotated[
        float, typer.Option(min=0.0, help="Actors with less total tie weight stay unassigned.")
    ] = 0.0,
    affiliation_weight: AffiliationOption = CampOptions.affiliation_weight,
    actor: ActorScopeOption = None,
    hops: HopsOption = None,
    country: CountryScopeOption = None,
    global_: Annotated[bool, typer.Option("--global", help="One solution over every piece at once.")] = False,
    format: FormatOption = "table",  # noqa: A002
) -> None:
    """Camps by structural balance, solved in each unconnected piece of the network on its own.

    Outside powers often join several wars into one piece: --actor X keeps X's theatre (the actors of
    X's country tied to X, with their direct outside partners), --country C a country's theatre, and
    --actor X --hops N the ego network.

    Frustration is the weight of alliances across camps plus enmities within them. "exact" means branch
    and bound proved the camps optimal (small pieces); "heuristic" means a spectral start plus local
    moves found them (large pieces): the best found, not proved optimal.
    """
    common = _Common(db, since, until, include_comments, roll_up, min_confidence)
    fmt = _check(common, format)
    options = CampOptions(k=camps, min_strength=min_strength, affiliation_weight=affiliation_weight)
    with _opened(common) as store:  # open while the violations' evidence is read
        network = _network(store, common, evidence=True)
        scoped = _scoped(network, actor, hops, country)
        if global_ or scoped is not network:
            result = find_camps(scoped, options)
            return _json_lines([result.to_record()]) if fmt == "json" else _print_camps(result)
        pieced = camps_by_piece(network, options)
        return _json_lines([pieced.to_record()]) if fmt == "json" else _print_pieces(pieced)


def _scoped(network: SignedNetwork, actor: str | None, hops: int | None, country: str | None) -> SignedNetwork:
    """The network scoped by ``--actor`` / ``--hops`` / ``--country`` (itself when none is given)."""
    if not actor and not country:
        if hops is not None:
            raise typer.BadParameter("--hops needs --actor (the centre of the ego network)", param_hint="--hops")
        return network
    centre = _resolve_profiles(network.profiles, actor) if actor else None
    try:
        return scope_network(network, Scope(actor=centre, hops=hops, country=country))
    except ScopeError as exc:
        raise _fail(str(exc), 1) from exc


def contradictions_command(
    db: DbOption = Path("factionmap.db"), since: SinceOption = None, until: UntilOption = None,
    include_comments: CommentsOption = False, roll_up: RollUpOption = False,
    min_confidence: ConfidenceOption = 0.0, camps: CampsOption = 2,
    affiliation_weight: AffiliationOption = CampOptions.affiliation_weight,
    period: PeriodOption = "month", format: FormatOption = "table",  # noqa: A002
) -> None:
    """Contradictions: mixed signals from one voice, one actor backing both sides, outlets disagreeing."""
    common = _Common(db, since, until, include_comments, roll_up, min_confidence)
    fmt = _check(common, format, LIST_FORMATS)
    _check_period(period)
    with _opened(common) as store:
        analyses = _analyses(store, common)
        network = _network(store, common)
        result = find_camps(network, CampOptions(k=camps, affiliation_weight=affiliation_weight))
        found = find_contradictions(analyses, ContradictionOptions(common.network, period), camps=result,
                                    network=network)
    if fmt in ("json", "csv"):
        return (write_csv if fmt == "csv" else _json_lines)([c.to_record() for c in found])
    console = make_console()
    console.print(f"[bold]{len(found)} contradiction(s)[/bold]")
    for c in found:
        console.print(f"[yellow]{c.kind}[/yellow]: {escape(', '.join(_name(network, a) for a in c.actors))}")
        for e in c.evidence[:3]:
            where = f"{escape(e.document)} {e.start}–{e.end}"
            console.print(f"    [dim]{where}[/dim] {escape(' '.join(e.text.split())[:160])}")


def _check_period(period: str) -> None:
    if period not in PERIODS:
        raise typer.BadParameter(f"unknown period {period!r} (use {', '.join(PERIODS)})", param_hint="--period")


def _resolve(analyses: Iterable[DocumentAnalysis], query: str) -> str:
    return _resolve_profiles(collect_profiles(analyses), query)


def _resolve_profiles(profiles: dict, query: str) -> str:
    ids = match_actors(profiles, query)
    if not ids:
        raise _fail(f"no actor matches {query!r}", 1)
    if len(ids) > 1:
        raise _fail(f"{query!r} matches several actors: {', '.join(ids[:10])}; give an id", 1)
    return ids[0]


def timeline_command(
    actor: Annotated[str, typer.Argument(help="Actor id or name.")],
    other: Annotated[str | None, typer.Argument(help="A second actor: the pair's events only.")] = None,
    db: DbOption = Path("factionmap.db"), since: SinceOption = None, until: UntilOption = None,
    include_comments: CommentsOption = False, roll_up: RollUpOption = False,
    min_confidence: ConfidenceOption = 0.0,
    period: PeriodOption = "month", format: FormatOption = "table",  # noqa: A002
) -> None:
    """Events of an actor (or a pair) by type per day, week or month."""
    common = _Common(db, since, until, include_comments, roll_up, min_confidence)
    fmt = _check(common, format, LIST_FORMATS)
    _check_period(period)
    with _opened(common) as store:
        analyses = _analyses(store, common)
        first = _resolve(analyses, actor)
        second = _resolve(analyses, other) if other else None
        rows = timeline(analyses, TimelineOptions(first, second, period, common.network))
    if fmt in ("json", "csv"):
        return (write_csv if fmt == "csv" else _json_lines)([r.to_record() for r in rows])
    title = f"timeline of {escape(first)}" + (f" and {escape(second)}" if second else "")
    table = Table("period", "events", "by type", title=title)
    for r in rows:
        table.add_row(r.period, str(r.total), ", ".join(f"{k}×{n}" for k, n in r.counts.items()))
    make_console().print(table)


def sources_command(
    db: DbOption = Path("factionmap.db"), since: SinceOption = None, until: UntilOption = None,
    include_comments: CommentsOption = False, roll_up: RollUpOption = False,
    min_confidence: ConfidenceOption = 0.0,
    format: FormatOption = "table",  # noqa: A002
) -> None:
    """Which outlets report which relations, and how often outlets agree on a pair's sign."""
    common = _Common(db, since, until, include_comments, roll_up, min_confidence)
    fmt = _check(common, format)
    with _opened(common) as store:
        result = compare_sources(_analyses(store, common), common.network)
    if fmt == "json":
        _json_lines([result.to_record()])
        return
    console = make_console()
    relations = Table("outlet", "actors", "events", "sign", title="relations by outlet")
    for r in result.relations:
        relations.add_row(escape(r.outlet), escape(" – ".join(r.actors)), str(r.events), f"{r.sign:+d}")
    console.print(relations)
    agreements = Table("outlets", "shared pairs", "agree", "agreement", title="outlet agreement")
    for a in result.agreements:
        share = f"{a.agreement:.0%}" if a.agreement is not None else "-"
        agreements.add_row(escape(" / ".join(a.outlets)), str(a.shared), str(a.agree), share)
    console.print(agreements)


def export_command(
    format: Annotated[str, typer.Option("--format", "-f", help=" | ".join(EXPORT_FORMATS))],  # noqa: A002
    out: Annotated[Path, typer.Option("--out", "-o", help="Output file (a directory for csv and parquet).")],
    db: DbOption = Path("factionmap.db"), since: SinceOption = None, until: UntilOption = None,
    include_comments: CommentsOption = False, roll_up: RollUpOption = False,
    min_confidence: ConfidenceOption = 0.0,
    header: Annotated[bool, typer.Option("--header", help="gdelt: write GDELT's column names first.")] = False,
) -> None:
    """Export the network (graphml, gexf), tables (csv, parquet) or events (plover-jsonl, cameo-tsv, gdelt,
    polecat, acled)."""
    common = _Common(db, since, until, include_comments, roll_up, min_confidence)
    fmt = _check(common, format, EXPORT_FORMATS)
    with _opened(common) as store:
        analyses = _analyses(store, common, full=True)  # streamed into the writers, a document at a time
        try:
            path = export(analyses, out, ExportOptions(fmt, common.network, header=header))
        except (ExportError, OSError) as exc:
            raise _fail(str(exc), 1) from exc
        documents = len(analyses)
    Console(stderr=True).print(f"wrote {fmt} for {documents} document(s) → {escape(str(path))}")


def register(app: typer.Typer) -> None:
    """Add the analysis commands to ``app``."""
    app.command("network")(network_command)
    app.command("camps")(camps_command)
    app.command("contradictions")(contradictions_command)
    app.command("timeline")(timeline_command)
    app.command("sources")(sources_command)
    app.command("export")(export_command)
