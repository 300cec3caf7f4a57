"""Flags shared by the commands that read inputs (``analyze``, ``ingest``).

Typer has no option groups, so the flags are declared once here as
``Annotated`` aliases and gathered into :class:`InputFlags`, which turns them
into the library's options objects.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated

import typer

__all__ = [
    "ActorsOption", "AllowPrivateOption", "FIELD_NAMES", "AuthorField", "DateField", "EncodingOption",
    "FetchLinksOption", "HtmlField", "IdField", "InputFlags", "LemmasOption", "LexiconOption", "MaxBytesOption", "ModelOption",
    "OutletOption", "PageUrlOption", "SourceField", "TimeoutOption",
    "TextField", "TitleField", "UrlField",
]

_FIELDS = "JSONL/CSV"
ModelOption = Annotated[str | None, typer.Option(help="spaCy model package or path.")]
ActorsOption = Annotated[list[Path] | None, typer.Option("--actors", help="Extra actor file (repeatable).")]
LexiconOption = Annotated[
    list[Path] | None, typer.Option("--lexicon", help="Extra trigger lexicon file, TSV (repeatable).")
]
LemmasOption = Annotated[
    list[Path] | None, typer.Option("--lemmas", help="Extra lemma corrections, TSV: form, POS, lemma (repeatable).")
]
TextField = Annotated[str, typer.Option(help=f"{_FIELDS} field holding plain text.")]
HtmlField = Annotated[str, typer.Option(help=f"{_FIELDS} field holding HTML.")]
IdField = Annotated[str, typer.Option(help=f"{_FIELDS} field holding the document id.")]
UrlField = Annotated[str, typer.Option(help=f"{_FIELDS} field holding the URL.")]
TitleField = Annotated[str, typer.Option(help=f"{_FIELDS} field holding the title.")]
DateField = Annotated[str, typer.Option(help=f"{_FIELDS} field holding the publication date.")]
SourceField = Annotated[str, typer.Option(help=f"{_FIELDS} field holding the outlet.")]
AuthorField = Annotated[str, typer.Option(help=f"{_FIELDS} field holding the author.")]
EncodingOption = Annotated[str | None, typer.Option(help="Force a text encoding (default: detect).")]
MaxBytesOption = Annotated[int, typer.Option(min=1, help="Largest document accepted, in bytes.")]
FetchLinksOption = Annotated[bool, typer.Option("--fetch-links", help="Fetch each feed entry's page.")]
OutletOption = Annotated[str | None, typer.Option(
    "--source", help="Outlet of local files that name none (else a factionmap-source.toml sidecar's).")]
PageUrlOption = Annotated[str | None, typer.Option("--url", help="URL of the one local file given.")]
TimeoutOption = Annotated[
    float, typer.Option("--timeout", min=0.1, help="Overall deadline of one URL fetch, in seconds.")
]
AllowPrivateOption = Annotated[bool, typer.Option(
    "--allow-private-urls", help="Fetch URLs on loopback, private and link-local addresses too.",
)]


FIELD_NAMES: tuple[str, ...] = (
    "text_field", "html_field", "id_field", "url_field", "title_field", "date_field", "source_field", "author_field",
)


@dataclass(frozen=True)
class InputFlags:
    """The values of the shared flags, as given on the command line."""

    model: str | None = None
    actors: tuple[Path, ...] = ()
    lexicons: tuple[Path, ...] = ()
    lemmas: tuple[Path, ...] = ()
    min_confidence: float = 0.0
    fields: dict[str, str] = field(default_factory=dict)
    encoding: str | None = None
    max_bytes: int = 10_000_000
    fetch_links: bool = False
    default_source: str | None = None
    default_url: str | None = None
    timeout: float = 60.0
    allow_private_urls: bool = False

    @classmethod
    def from_params(cls, params: dict[str, object]) -> InputFlags:
        """Gather the shared flags from a command's parameters (pass ``locals()`` first thing)."""
        fields = {name: params[name] for name in FIELD_NAMES if name in params}
        return cls(
            model=params.get("model"),
            actors=tuple(params.get("actors") or ()),
            lexicons=tuple(params.get("lexicon") or ()),
            lemmas=tuple(params.get("lemmas") or ()),
            min_confidence=float(params.get("min_confidence") or 0.0),
            fields=fields,
            encoding=params.get("encoding"),
            max_bytes=int(params.get("max_bytes") or 10_000_000),
            fetch_links=bool(params.get("fetch_links")),
            default_source=params.get("source"),
            default_url=_single_file_url(params.get("url"), params.get("paths")),
            timeout=float(params.get("timeout") or 60.0),
            allow_private_urls=bool(params.get("allow_private_urls")),
        )

    def batch_options(self):  # noqa: ANN201 - imported lazily: it pulls in spaCy
        """:class:`factionmap.batch.BatchOptions` for these flags; missing files are usage errors."""
        from factionmap.batch import BatchOptions
        from factionmap.ingest import IngestOptions
        from factionmap.pipeline import AnalyzeOptions

        _check_files(self.actors, "--actors")
        _check_files(self.lexicons, "--lexicon")
        _check_files(self.lemmas, "--lemmas")
        ingest = IngestOptions(
            encoding=self.encoding, max_bytes=self.max_bytes, fetch_feed_links=self.fetch_links,
            timeout=self.timeout, allow_private_urls=self.allow_private_urls,
            default_source=self.default_source, default_url=self.default_url, **self.fields,
        )
        analyze = AnalyzeOptions(
            model=self.model,
            actor_files=self.actors,
            lexicon_files=self.lexicons,
            lemma_files=self.lemmas,
            min_confidence=self.min_confidence,
        )
        return BatchOptions(ingest=ingest, analyze=analyze)


def _single_file_url(url: object, paths: object) -> str | None:
    """``--url`` names one file: with several inputs (or a directory) every page would share it."""
    if not url:
        return None
    given = list(paths or [])
    if len(given) != 1 or not Path(str(given[0])).is_file():
        raise typer.BadParameter("--url names the address of exactly one local file", param_hint="--url")
    if not str(url).startswith(("http://", "https://")):
        raise typer.BadParameter(f"{url!r} is not an http(s) URL", param_hint="--url")
    return str(url)


def _check_files(paths: tuple[Path, ...], hint: str) -> None:
    for path in paths:
        if not Path(path).is_file():
            raise typer.BadParameter(f"file not found: {path}", param_hint=hint)
