"""Direct quotes and reported speech (component ``factionmap_quotes``).

Direct quotes are text between quotation marks (straight ``"``, curly “ ” and
‘ ’) of at least :data:`MIN_QUOTE_WORDS` words; the speaker comes from a
speech verb next to the marks: “...,” X said / said X / according to X, or
X said: “...” / X said, “...”.  Reported speech is a speech verb with its
subject and content in one sentence: "X said (that) ...", "X said, ...", and
"..., X said".

``Quote.start``/``end`` cover the quoted or reported *content* (offsets local
to the Doc), so the events coder can attribute events inside it to the
speaker.  ``speaker`` is the actor id on the speaker's tokens
(``token._.fm_actor``, set by the actors component), ``speaker_text`` the
speaker phrase.  Speech verbs are data: ``data/quotes.tsv``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from factionmap.datafiles import DataFileError, read_rows
from factionmap.model import Quote
from factionmap.nlp import guarded

__all__ = ["MIN_QUOTE_WORDS", "QuoteLexicon", "QuoteFinder", "find_quote_marks", "load_quote_lexicon", "make_quote_finder"]

#: Shorter stretches in quotation marks are names or scare quotes, not quotes.
MIN_QUOTE_WORDS = 4
MAX_QUOTE_CHARS = 3000
_ATTRIBUTION_WINDOW = 14
_SUBJECT_DEPS = frozenset({"nsubj"})  # a passive subject ("the attack was reported") is no speaker
_CONTENT_DEPS = frozenset({"ccomp", "parataxis", "xcomp", "advcl", "conj", "dobj"})
_PAIRS = {"“": "”", "‘": "’", '"': '"', "«": "»", "„": "“"}


@dataclass(frozen=True)
class QuoteLexicon:
    speech: frozenset[str]
    direct: frozenset[str]


@lru_cache(maxsize=8)
def load_quote_lexicon(path: str | None = None) -> QuoteLexicon:
    """Read the speech-verb lexicon (the bundled one when ``path`` is None)."""
    roles: dict[str, set[str]] = {"speech": set(), "direct": set()}
    for name, number, parts in read_rows(path, "quotes.tsv"):
        if len(parts) != 2 or parts[1] not in roles:
            raise DataFileError(f"{name}:{number}: expected 'lemma<TAB>speech|direct'")
        roles[parts[1]].add(parts[0].lower())
    return QuoteLexicon(frozenset(roles["speech"]), frozenset(roles["speech"] | roles["direct"]))


# --------------------------------------------------------------------------- quotation marks


def find_quote_marks(text: str) -> list[tuple[int, int]]:
    """(open, close) character offsets of the quotation-mark pairs in ``text``.

    ‘ ’ pairs count only when ‘ starts a word and ’ does not sit between
    letters (an apostrophe); straight quotes pair in order of appearance.
    """
    pairs: list[tuple[int, int]] = []
    i, n = 0, len(text)
    while i < n:
        char = text[i]
        close = _PAIRS.get(char)
        if close is None or (char == "‘" and i > 0 and text[i - 1].isalnum()):
            i += 1
            continue
        j = _closing(text, i + 1, close, min(n, i + MAX_QUOTE_CHARS))
        if j is None:
            i += 1
            continue
        pairs.append((i, j))
        i = j + 1
    return pairs


def _closing(text: str, start: int, close: str, limit: int) -> int | None:
    for j in range(start, limit):
        if text[j] != close:
            continue
        if close == "’" and j + 1 < len(text) and text[j + 1].isalpha() and j > 0 and text[j - 1].isalpha():
            continue  # an apostrophe: it’s, Haftar’s
        return j
    return None


# --------------------------------------------------------------------------- speakers


_MAX_SPEAKER_TOKENS = 8
_NAME_DEPS = frozenset({"compound", "flat", "appos", "nmod", "poss", "nn", "amod"})
_DATELINE = frozenset(
    "jan feb mar apr may jun jul aug sep sept oct nov dec january february march april june july august "
    "september october november december mon tue wed thu fri sat sun monday tuesday wednesday thursday "
    "friday saturday sunday".split()
)


def _speaker_phrase(verb: Token) -> Span | None:
    """The subject of a speech verb, cut at a comma after its head ("X, the head of Y,")."""
    for child in verb.children:
        if child.dep_ in _SUBJECT_DEPS:
            doc, start, end = verb.doc, child.left_edge.i, child.right_edge.i + 1
            for token in doc[child.i + 1 : end]:
                if token.text in (",", "(", "—", "–"):
                    end = token.i
                    break
            while start < child.i and (
                doc[start].ent_type_ in ("DATE", "TIME") or doc[start].like_num or doc[start].lower_ in _DATELINE
            ):
                start += 1  # "Jul 2016 Syrian state TV said": a dateline, not the speaker
            if end - start > _MAX_SPEAKER_TOKENS:
                start, end = (start, child.i + 1) if child.i + 1 - start <= _MAX_SPEAKER_TOKENS else (child.i, child.i + 1)
            return doc[start:end]
    return None


def _according_to(doc: Doc, start: int, end: int) -> Span | None:
    """The object of "according to" within tokens ``start:end``."""
    for token in doc[start:end]:
        if token.lower_ == "according" and token.i + 1 < len(doc) and doc[token.i + 1].lower_ == "to":
            objects = [c for c in doc[token.i + 1].children if c.dep_ == "pobj"]
            if objects:
                obj = objects[0]
                return doc[obj.left_edge.i : obj.right_edge.i + 1]
            stop = token.i + 2
            while stop < min(len(doc), token.i + 8) and not doc[stop].is_punct:
                stop += 1
            return doc[token.i + 2 : stop] if stop > token.i + 2 else None
    return None


def _actor_of(span: Span | None) -> str | None:
    if span is None:
        return None
    root = span.root
    if root._.fm_actor:
        return root._.fm_actor
    for token in span:  # "A US official": a name or country compounded on the head, not "Britain-based"
        if token._.fm_actor and token.head == root and token.dep_ in _NAME_DEPS:
            return token._.fm_actor
    return None


def _clean(span: Span) -> str:
    return span.text.strip(" ,;:—–\n\t")


# --------------------------------------------------------------------------- component


@dataclass(frozen=True)
class _Found:
    quote: Quote
    verb: int | None  # token index of the speech verb used, to avoid a second, indirect reading


class QuoteFinder:
    """Sets ``doc._.fm_quotes``: direct quotes first, then reported speech outside them."""

    def __init__(self, lexicon_path: str | None = None) -> None:
        self.lexicon_path = lexicon_path

    def __call__(self, doc: Doc) -> Doc:
        lexicon = load_quote_lexicon(self.lexicon_path)
        direct = list(self.direct_quotes(doc, lexicon))
        used = {f.verb for f in direct if f.verb is not None}
        direct += [f for f in self.colon_quotes(doc, lexicon) if f.verb not in used]
        inside = [(f.quote.start - 1, f.quote.end + 1) for f in direct]
        used = {f.verb for f in direct if f.verb is not None}
        indirect = [
            f for f in self.reported_speech(doc, lexicon)
            if f.verb not in used and not any(s <= doc[f.verb].idx < e for s, e in inside)
        ]
        quotes = sorted((f.quote for f in direct + indirect), key=lambda q: q.start)
        doc._.fm_quotes = quotes
        return doc

    # ------------------------------------------------------------------ direct
    def direct_quotes(self, doc: Doc, lex: QuoteLexicon) -> Iterator[_Found]:
        text = doc.text  # built from the tokens on each access: read once
        for open_at, close_at in find_quote_marks(text):
            content = text[open_at + 1 : close_at]
            if len(content.split()) < MIN_QUOTE_WORDS:
                continue
            inner = doc.char_span(open_at + 1, close_at, alignment_mode="expand")
            before = doc.char_span(open_at, open_at + 1, alignment_mode="expand")
            after = doc.char_span(close_at, close_at + 1, alignment_mode="expand")
            if inner is None or before is None or after is None:
                continue
            speaker, verb = self._direct_speaker(doc, before.start, after.end, lex)
            start = open_at + 1 + (len(content) - len(content.lstrip()))
            end = close_at - (len(content) - len(content.rstrip()))
            yield _Found(
                Quote(
                    speaker=_actor_of(speaker),
                    speaker_text=_clean(speaker) if speaker is not None else "",
                    text=text[start:end],
                    start=start,
                    end=end,
                    direct=True,
                ),
                verb,
            )

    def _direct_speaker(self, doc: Doc, open_tok: int, close_end: int, lex: QuoteLexicon) -> tuple[Span | None, int | None]:
        """Look after the closing mark, then before the opening mark."""
        limit = min(len(doc), close_end + _ATTRIBUTION_WINDOW)
        for token in doc[close_end:limit]:
            if token.text in _PAIRS or (token.is_sent_start and token.i > close_end + 1 and token.text != "\n"):
                break
            if token.lemma_.lower() in lex.direct and token.pos_ in ("VERB", "AUX"):
                phrase = _speaker_phrase(token) or _between(doc, close_end, token.i) or _after(doc, token.i + 1, limit)
                return phrase, token.i
        according = _according_to(doc, close_end, limit)
        if according is not None:
            return according, None
        floor = max(0, open_tok - _ATTRIBUTION_WINDOW)
        for token in reversed(doc[floor:open_tok]):
            if token.text in _PAIRS or token.text in (".", "!", "?"):
                break
            if token.lemma_.lower() in lex.direct and token.pos_ in ("VERB", "AUX"):
                phrase = _speaker_phrase(token) or _between(doc, _clause_start(doc, token.i), token.i)
                return phrase, token.i
        return _according_to(doc, floor, open_tok), None

    # ------------------------------------------------------------------ colon
    def colon_quotes(self, doc: Doc, lex: QuoteLexicon) -> Iterator[_Found]:
        """"X said:" then the statement without marks: to the end of the line, or the next paragraph."""
        text = doc.text
        for token in doc:
            if token.lemma_.lower() not in lex.direct or token.pos_ != "VERB" or token.i + 1 >= len(doc):
                continue
            colon = doc[token.i + 1]
            if colon.text != ":":
                continue
            speaker = _speaker_phrase(token)
            if speaker is None:
                continue
            start = colon.idx + 1
            while start < len(text) and text[start].isspace():
                start += 1
            if start >= len(text) or text[start] in _PAIRS:
                continue
            newline = "\n" in text[colon.idx + 1 : start]
            stop = text.find("\n\n" if newline else "\n", start)
            end = len(text) if stop < 0 else stop
            while end > start and text[end - 1].isspace():
                end -= 1
            if len(text[start:end].split()) < MIN_QUOTE_WORDS:
                continue
            quote = Quote(_actor_of(speaker), _clean(speaker), text[start:end], start, end, direct=True)
            yield _Found(quote, token.i)

    # ------------------------------------------------------------------ reported
    def reported_speech(self, doc: Doc, lex: QuoteLexicon) -> Iterator[_Found]:
        for sent in doc.sents:
            for token in sent:
                if token.lemma_.lower() not in lex.speech or token.pos_ != "VERB":
                    continue
                if any(c.dep_ == "neg" for c in token.children):
                    continue
                found = self._reported(doc, sent, token)
                if found is not None:
                    yield found

    def _reported(self, doc: Doc, sent: Span, verb: Token) -> _Found | None:
        speaker = _speaker_phrase(verb)
        if speaker is None:
            return None
        if speaker.start > verb.i:
            span = _content_before(doc, sent, speaker.start)  # "..., said X" / "..., X said" inverted
        elif _content_after_start(doc, verb, sent) is not None:
            span = doc[_content_after_start(doc, verb, sent) : _trim_end(doc, sent)]
        else:
            span = _content_before(doc, sent, speaker.start)
        if span is None or len(span.text.split()) < MIN_QUOTE_WORDS or not any(t.pos_ in ("VERB", "AUX") for t in span):
            return None
        return _Found(
            Quote(
                speaker=_actor_of(speaker),
                speaker_text=_clean(speaker),
                text=span.text,
                start=span.start_char,
                end=span.end_char,
                direct=False,
            ),
            verb.i,
        )


def _content_after_start(doc: Doc, verb: Token, sent: Span) -> int | None:
    """First token of "X said (that|,) CONTENT" when a clause follows the verb."""
    clauses = [c for c in verb.children if c.dep_ == "ccomp" and c.i > verb.i]
    if clauses and clauses[0].left_edge.i > verb.i:
        i = clauses[0].left_edge.i  # "told reporters that ...": skip the listener
        while i < sent.end and doc[i].lower_ in ("that", ",", ":"):
            i += 1
        return i if i < _trim_end(doc, sent) - 1 else None
    i = verb.i + 1
    while i < sent.end and (doc[i].dep_ in ("prt", "advmod", "npadvmod") or doc[i].lower_ in ("on", "in")):
        if doc[i].lower_ in ("on", "in"):  # "said on Monday that ..."
            while i < sent.end and doc[i].lower_ not in ("that", ",") and not doc[i].is_punct:
                i += 1
            break
        i += 1
    if i < sent.end and doc[i].lower_ in ("that", ",", ":"):
        i += 1
    if i < sent.end and doc[i].lower_ == "that":
        i += 1
    has_clause = any(c.dep_ in _CONTENT_DEPS and c.i > verb.i for c in verb.children) or (
        i > verb.i + 1 and doc[i - 1].lower_ in ("that", ",", ":")
    )
    if not has_clause or i >= _trim_end(doc, sent) - 1:
        return None
    return i


def _content_before(doc: Doc, sent: Span, speaker_start: int) -> Span | None:
    """"CONTENT, X said": from the sentence start to the comma before the speaker/verb."""
    end = speaker_start
    while end > sent.start and doc[end - 1].is_punct:
        end -= 1
    if end - sent.start < 3 or doc[end].i == sent.start:
        return None
    if not any(t.text in (",", "—", "–") for t in doc[end : speaker_start + 1]):
        return None
    return doc[sent.start : end]


def _trim_end(doc: Doc, sent: Span) -> int:
    end = sent.end
    while end > sent.start and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    return end


def _between(doc: Doc, start: int, end: int) -> Span | None:
    while start < end and (doc[start].is_punct or doc[start].is_space):
        start += 1
    return doc[start:end] if end - start > 0 and end - start <= 10 else None


def _after(doc: Doc, start: int, limit: int) -> Span | None:
    end = start
    while end < limit and not doc[end].is_punct:
        end += 1
    return doc[start:end] if end > start else None


def _clause_start(doc: Doc, i: int) -> int:
    start = i
    while start > 0 and not doc[start - 1].is_punct and not doc[start - 1].is_sent_start and i - start < 10:
        start -= 1
    if start > 0 and doc[start - 1].is_sent_start and not doc[start - 1].is_punct:
        start -= 1
    return start


def make_quote_finder(nlp: Language, name: str):
    """spaCy factory for ``factionmap_quotes``."""
    return guarded(name, QuoteFinder())
