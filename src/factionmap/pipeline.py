"""From :class:`Document` to :class:`DocumentAnalysis`: the spaCy pipeline.

:func:`build_nlp` loads the model once per process and appends factionmap's
components (actors → quotes → events → figures).  :class:`Analyzer` feeds the
readable sections of each document through ``nlp.pipe`` and assembles the
per-section results into one record per document, with offsets into
``Document.text``.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import SimpleNamespace

from spacy.language import Language
from spacy.tokens import Doc, Token

from factionmap.actors import make_actor_resolver
from factionmap.datafiles import DataFileError, read_rows
from factionmap.document.chunks import split_sections
from factionmap.events import deduplicate, make_event_coder, make_figure_finder, make_quote_finder
from factionmap.events.timeplace import complete_events, make_timeplace
from factionmap.events.typer import make_event_typer
from factionmap.events.completion import make_event_completion
from factionmap.model import (
    EVENT_SECTIONS,
    Actor,
    ActorProfile,
    Document,
    DocumentAnalysis,
    Event,
    Mention,
    Section,
)
from factionmap.nlp import load_spacy, paragraph_breaks, register_extensions, text_length

__all__ = ["AnalyzeOptions", "Analyzer", "build_nlp", "read_lemma_fixes", "register_components"]

#: Lemmas remembered per pipeline before the memo is emptied (about 100 bytes an entry).
_LEMMA_MEMO = 200_000
#: The component from which on sections stream through one ``nlp.pipe`` (see :meth:`Analyzer._pipe`).
TYPER = "factionmap_event_typer"
#: CPUs a coder must have to itself to run the event typer's encoder in a thread of its own beside
#: the parse (:attr:`AnalyzeOptions.encoder_thread`); with fewer it encodes in line.
ENCODER_THREAD_CPUS = 2.0
COMPONENTS: tuple[str, ...] = (
    "factionmap_actors", "factionmap_quotes", "factionmap_events", "factionmap_event_typer", "factionmap_figures",
    "factionmap_timeplace", "factionmap_event_completion",
)


@dataclass(frozen=True)
class AnalyzeOptions:
    """How documents are read.

    A section longer than ``max_section_chars`` is parsed as several chunks (cut at
    paragraph or sentence ends, offsets kept); at most ``batch_size`` sections and about
    ``batch_chars`` characters are parsed at once.

    ``actor_files`` extend the bundled actor file and ``lexicon_files`` the
    bundled trigger lexicon (same formats as ``factionmap/data``).

    ``lemma_files`` extend the bundled lemma corrections (``data/lemmas.tsv``: forms the spaCy
    model's lemmatizer gets wrong, so lexicon rows written as lemmas still match).

    ``encoder_thread``: the event typer encodes a batch in a second thread while the next one is
    parsed (a second core's worth of work); off, it encodes in line, on one core.
    """

    model: str | None = None
    actor_files: tuple[Path, ...] = ()
    lexicon_files: tuple[Path, ...] = ()
    min_confidence: float = 0.0
    batch_size: int = 32
    max_section_chars: int = 20_000
    languages: tuple[str, ...] = ("en",)
    batch_chars: int = 100_000
    gazetteer_files: tuple[Path, ...] = ()
    encoder_thread: bool = True
    lemma_files: tuple[Path, ...] = ()

    def for_cpus(self, cpus: float) -> AnalyzeOptions:
        """These options for a coder that has ``cpus`` CPUs of its own: the encoder thread only
        where it has :data:`ENCODER_THREAD_CPUS` (a second core for it); below, it encodes in line,
        so coders that share a machine do not each borrow a core another one was given."""
        return replace(self, encoder_thread=self.encoder_thread and cpus >= ENCODER_THREAD_CPUS)


@dataclass
class _Pending:
    """A document whose sections are in flight through ``nlp.pipe``."""

    document: Document
    sections: list[Section]
    skip: str | None
    parsed: list[_Parsed] = field(default_factory=list)


#: The ``Doc._`` attributes :func:`assemble` reads.
_FINDINGS: tuple[str, ...] = ("fm_errors", "fm_mentions", "fm_profiles", "fm_events", "fm_quotes", "fm_figures")


class _Parsed:
    """A parsed section's findings without its ``Doc`` (read by :func:`assemble` as ``x._.fm_*``),
    so a long document split into many chunks does not hold every parse at once."""

    __slots__ = ("_",)

    def __init__(self, doc: Doc) -> None:
        self._ = SimpleNamespace(**{name: getattr(doc._, name) for name in _FINDINGS})


def register_components() -> None:
    """Register factionmap's spaCy factories (idempotent)."""
    if not Language.has_factory("factionmap_paragraphs"):
        Language.component("factionmap_paragraphs", func=paragraph_breaks)
    factories = {
        "factionmap_actors": (make_actor_resolver, {"actor_files": []}),
        "factionmap_quotes": (make_quote_finder, {}),
        "factionmap_events": (make_event_coder, {"lexicon_files": []}),
        "factionmap_figures": (make_figure_finder, {}),
        "factionmap_timeplace": (make_timeplace, {"gazetteer_files": []}),
        "factionmap_event_typer": (make_event_typer, {"model_dir": None, "threads": 1, "overlap": True}),
        "factionmap_event_completion": (make_event_completion, {"lexicon_files": []}),
    }
    for name, (func, config) in factories.items():
        if not Language.has_factory(name):
            Language.factory(name, default_config=config, func=func)


def build_nlp(options: AnalyzeOptions | None = None) -> Language:
    """The full pipeline: the spaCy model plus factionmap's components."""
    options = options or AnalyzeOptions()
    register_extensions()
    register_components()
    nlp = load_spacy(options.model)
    _remember_lemmas(nlp, read_lemma_fixes(options.lemma_files))
    nlp.max_length = max(nlp.max_length, options.max_section_chars + 1)
    nlp.add_pipe("factionmap_paragraphs", before="parser" if "parser" in nlp.pipe_names else None)
    nlp.add_pipe("factionmap_actors", config={"actor_files": [str(p) for p in options.actor_files]})
    nlp.add_pipe("factionmap_quotes")
    nlp.add_pipe("factionmap_events", config={"lexicon_files": [str(p) for p in options.lexicon_files]})
    nlp.add_pipe("factionmap_event_typer", config={"overlap": options.encoder_thread})
    nlp.add_pipe("factionmap_figures")
    nlp.add_pipe("factionmap_timeplace", config={"gazetteer_files": [str(p) for p in options.gazetteer_files]})
    nlp.add_pipe("factionmap_event_completion", config={"lexicon_files": [str(p) for p in options.lexicon_files]})
    return nlp


def read_lemma_fixes(files: Sequence[Path] = ()) -> dict[tuple[str, str], str]:
    """``(lower-case form, coarse POS) -> lemma`` from ``data/lemmas.tsv`` and ``files`` (later rows win)."""
    fixes: dict[tuple[str, str], str] = {}
    for path in (None, *(str(f) for f in files)):
        for name, line, cols in read_rows(path, "lemmas.tsv"):
            if len(cols) != 3 or not all(cols):
                raise DataFileError(f"{name}:{line}: expected form, POS and lemma (3 columns), got {cols}")
            fixes[cols[0].lower(), cols[1].upper()] = cols[2]
    return fixes


def _remember_lemmas(nlp: Language, fixes: dict[tuple[str, str], str] | None = None) -> None:
    """Keep every lemma the rule lemmatizer works out, by (word, POS, morphology), with ``fixes``
    (:func:`read_lemma_fixes`) taking the place of its answer for the forms they name.

    spaCy's rule lemmatizer caches only the words it inflects; names, numbers, punctuation and
    base forms are worked out again at each occurrence.  Its answer depends on the word, its POS
    and its morphology alone, so the lemmas are the same, in about a quarter of the time once the
    common words are known.  A pipeline without a rule lemmatizer is left as it is.
    """
    if "lemmatizer" not in nlp.pipe_names:
        return
    lemmatizer = nlp.get_pipe("lemmatizer")
    if getattr(lemmatizer, "mode", None) != "rule" or getattr(lemmatizer, "_fm_remembered", False):
        return
    work_out = lemmatizer.lemmatize
    known: dict[tuple[int, int, int], list[str]] = {}

    def lemmatize(token: Token) -> list[str]:
        key = (token.orth, token.pos, token.morph.key)
        found = known.get(key)
        if found is None:
            if len(known) >= _LEMMA_MEMO:
                known.clear()  # a long stream of names and numbers: memory stays bounded
            fixed = fixes.get((token.lower_, token.pos_)) if fixes else None
            found = known[key] = [fixed] if fixed else work_out(token)
        return found

    lemmatizer.lemmatize = lemmatize
    lemmatizer._fm_remembered = True


class Analyzer:
    """Runs documents through a built pipeline, streaming one result per document."""

    def __init__(self, nlp: Language, options: AnalyzeOptions | None = None) -> None:
        self.nlp = nlp
        self.options = options or AnalyzeOptions()

    def analyze_one(self, document: Document) -> DocumentAnalysis:
        return next(iter(self.analyze([document])))

    def analyze(self, documents: Iterable[Document]) -> Iterator[DocumentAnalysis]:
        """Analyse documents in order; sections are batched through ``nlp.pipe``."""
        pending: deque[_Pending] = deque()

        def section_docs() -> Iterator[Doc]:
            for document in documents:
                skip = self._skip_reason(document)
                item = _Pending(document, [] if skip else self._readable(document), skip)
                pending.append(item)
                for section in item.sections:
                    doc = self.nlp.make_doc(document.text[section.start : section.end])
                    doc._.fm_section = section.kind
                    doc._.fm_published = section.published or document.published
                    yield doc

        for doc in self._pipe(section_docs()):
            yield from self._drain(pending)
            pending[0].parsed.append(_Parsed(doc))  # the Doc itself is let go: memory stays bounded
        yield from self._drain(pending)

    def _pipe(self, docs: Iterator[Doc]) -> Iterator[Doc]:
        """``docs`` through the pipeline, in order.

        The parse and the components before the event typer run batch by batch (see
        :meth:`_batches`); the typer and the components after it run as one stream over all the
        batches, so the typer encodes a batch in its worker thread while the next batch is parsed
        (one ``nlp.pipe`` per batch would make it wait for each encoding).
        """
        names = self.nlp.pipe_names
        later = names[names.index(TYPER) :] if TYPER in names else []
        parsed = (doc for batch in self._batches(docs)
                  for doc in self.nlp.pipe(batch, batch_size=len(batch), disable=later))
        if not later:
            return parsed
        earlier = [name for name in names if name not in later]
        return self.nlp.pipe(parsed, batch_size=self.options.batch_size, disable=earlier)

    def _batches(self, docs: Iterator[Doc]) -> Iterator[list[Doc]]:
        """Sections in groups of at most ``batch_size`` sections and about ``batch_chars`` characters,
        so the text parsed at once, and the memory that takes, stays bounded however long a document."""
        batch: list[Doc] = []
        chars = 0
        for doc in docs:
            batch.append(doc)
            chars += text_length(doc)
            if len(batch) >= self.options.batch_size or chars >= self.options.batch_chars:
                yield batch
                batch, chars = [], 0
        if batch:
            yield batch

    def _drain(self, pending: deque[_Pending]) -> Iterator[DocumentAnalysis]:
        while pending and len(pending[0].parsed) == len(pending[0].sections):
            item = pending.popleft()
            yield assemble(
                item.document,
                list(zip(item.sections, item.parsed)),
                skipped=item.skip,
                min_confidence=self.options.min_confidence,
            )

    def _readable(self, document: Document) -> list[Section]:
        """The sections to parse; one longer than ``max_section_chars`` is fed as several chunks."""
        readable = [s for s in document.sections if s.kind in EVENT_SECTIONS and s.end > s.start]
        return split_sections(document.text, readable, self.options.max_section_chars)

    def _skip_reason(self, document: Document) -> str | None:
        lang = document.language
        if lang and self.options.languages and lang.split("-")[0] not in self.options.languages:
            return f"language {lang!r} is not parsed (English model)"
        return None


def assemble(
    document: Document,
    parsed: Sequence[tuple[Section, Doc]],
    *,
    skipped: str | None = None,
    min_confidence: float = 0.0,
) -> DocumentAnalysis:
    """Merge per-section results into one record with document offsets."""
    mentions: dict[str, list[Mention]] = {}
    profiles: dict[str, ActorProfile] = {}
    events: list[Event] = []
    quotes, figures, errors = [], [], []
    for section, doc in parsed:
        offset = section.start
        errors.extend(f"{section.kind}@{offset}: {e}" for e in doc._.fm_errors or ())
        for mention in doc._.fm_mentions or ():
            mentions.setdefault(mention.actor_id, []).append(mention.shifted(offset))
        for actor_id, profile in (doc._.fm_profiles or {}).items():
            profiles[actor_id] = _better_profile(profiles.get(actor_id), profile)
        voice = "commenter" if section.kind == "comment" else "author"
        for event in doc._.fm_events or ():
            asserted = voice if event.asserted_by in ("author", "commenter") else event.asserted_by
            events.append(replace(event.shifted(offset), section=section.kind, asserted_by=asserted))
        quotes.extend(q.shifted(offset) for q in doc._.fm_quotes or ())
        figures.extend(f.shifted(offset) for f in doc._.fm_figures or ())
    events = [e for e in deduplicate(events) if e.confidence >= min_confidence]
    events, figures = complete_events(document.id, events, figures)
    actors = tuple(
        Actor(profile=profiles.get(actor_id) or ActorProfile(id=actor_id, name=ms[0].text, known=False),
              mentions=tuple(sorted(ms, key=lambda m: m.start)))
        for actor_id, ms in mentions.items()
    )
    return DocumentAnalysis(
        document=document,
        actors=tuple(sorted(actors, key=lambda a: a.mentions[0].start if a.mentions else 0)),
        events=tuple(events),
        quotes=tuple(quotes),
        figures=tuple(figures),
        skipped=skipped,
        errors=tuple(errors),
    )


def _better_profile(old: ActorProfile | None, new: ActorProfile) -> ActorProfile:
    """Keep the profile that codes more (known beats unknown, coded beats uncoded)."""
    if old is None:
        return new
    score = lambda p: (p.known, p.country is not None, p.sector is not None)  # noqa: E731
    return new if score(new) > score(old) else old
