"""Casualty, displacement, detention and troop figures (component ``factionmap_figures``).

A figure is a number expression ("300,000", "a dozen", "two million",
"thousands", "20 to 30") tied to a trigger in the same sentence:

- after the number, a participle or state word: "300,000 people have been
  displaced", "six killed", "22 dead", "five others injured";
- before it, an active verb or a "noun of" phrase: "killing 12", "Hafter
  killed thousand civilians", "the death toll rose to 45", "the death of
  five civilians", "claimed the lives of eight";
- a counted noun right after it: "300 deaths", "12 refugees", "4,000 troops".

The lexicon (trigger lemmas, subject nouns) is data: ``data/figures.tsv``.
``doc._.fm_figures`` receives :class:`~factionmap.model.Figure` records with
offsets local to the Doc; ``actor`` is the actor id of the responsible party
when the trigger verb's subject (or "by" agent) is a resolved actor.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from factionmap.datafiles import DataFileError, read_rows
from factionmap.model import Figure
from factionmap.nlp import guarded

__all__ = ["FigureLexicon", "FigureFinder", "NumberExpr", "load_figure_lexicon", "make_figure_finder", "parse_numbers"]

UNITS: dict[str, int] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "dozen": 12,
}
SCALES: dict[str, int] = {"hundred": 100, "thousand": 1000, "million": 1_000_000, "billion": 1_000_000_000}
#: Plural quantity words with no exact value ("thousands of civilians").
VAGUE: frozenset[str] = frozenset({"dozens", "hundreds", "thousands", "millions", "scores", "tens"})
#: Qualifier phrases (lower case, space-separated tokens) before a number.
QUALIFIERS: tuple[tuple[str, str], ...] = (
    ("no fewer than", "at_least"), ("no less than", "at_least"), ("a minimum of", "at_least"),
    ("at least", "at_least"), ("more than", "more_than"), ("in excess of", "more_than"),
    ("upwards of", "more_than"), ("over", "more_than"), ("above", "more_than"),
    ("as many as", "up_to"), ("up to", "up_to"), ("fewer than", "fewer_than"), ("less than", "fewer_than"),
    ("under", "fewer_than"), ("about", "about"), ("around", "about"), ("approximately", "about"),
    ("roughly", "about"), ("some", "about"), ("nearly", "about"), ("almost", "about"), ("an estimated", "about"),
    ("estimated", "about"), ("close to", "about"),
)
MONTHS: frozenset[str] = frozenset(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec".split()
)
#: Words after a number that make it a measure, not a count of people.
NOT_COUNTS: frozenset[str] = frozenset(
    "% percent per cent pct km kilometres kilometers miles metres meters kg tons tonnes dollars euros pounds "
    "years year day days week weeks month months hour hours minutes minute seconds decade decades century "
    "centuries times am pm a.m. p.m. gmt utc bn m billion-dollar".split()
)
#: Verbs that carry a count to a toll ("the death toll rose to 45").
TOLL_VERBS: frozenset[str] = frozenset(
    "rise reach climb jump hit stand increase put bring raise be go mount soar top exceed".split()
)
_BE = frozenset({"be", "get"})
#: Verbs whose subject is the one counted, not the one responsible ("a prisoner died").
_UNACCUSATIVE = frozenset({"die", "perish", "flee", "martyr", "go"})
_CONJ = frozenset({"and", "or", ",", "including", "among", "plus", "-", "—", "as", "well"})
_MAX_AFTER = 12
_MAX_BEFORE = 12


@dataclass(frozen=True)
class FigureLexicon:
    """Trigger lemmas by role (see ``data/figures.tsv``)."""

    verbs: dict[str, str]
    states: dict[str, str]
    nouns: dict[str, str]
    of_nouns: dict[str, str]
    subjects: frozenset[str]
    troops: frozenset[str]


@lru_cache(maxsize=8)
def load_figure_lexicon(path: str | None = None) -> FigureLexicon:
    """Read the figure lexicon (the bundled one when ``path`` is None)."""
    roles: dict[str, dict[str, str]] = {r: {} for r in ("verb", "state", "noun", "of", "subject", "troops")}
    for name, number, parts in read_rows(path, "figures.tsv"):
        if len(parts) != 3 or parts[1] not in roles:
            raise DataFileError(f"{name}:{number}: expected 'lemma<TAB>role<TAB>kind' with role in {sorted(roles)}")
        roles[parts[1]][parts[0].lower()] = parts[2]
    return FigureLexicon(
        verbs=roles["verb"], states=roles["state"], nouns=roles["noun"], of_nouns=roles["of"],
        subjects=frozenset(roles["subject"]), troops=frozenset(roles["troops"]),
    )


# --------------------------------------------------------------------------- numbers


@dataclass(frozen=True)
class NumberExpr:
    """A number expression over tokens ``start:end`` (qualifier tokens from ``qual_start``)."""

    start: int
    end: int
    value: int | None
    value_max: int | None = None
    qualifier: str | None = None
    qual_start: int = -1

    @property
    def first(self) -> int:
        return self.qual_start if self.qual_start >= 0 else self.start


_DIGITS = re.compile(r"^\d{1,3}(,\d{3})+$|^\d+(\.\d+)?$")
_RANGE = re.compile(r"^(\d[\d,]*)[-–](\d[\d,]*)$")


def _digit_value(text: str) -> float | None:
    if _DIGITS.match(text):
        return float(text.replace(",", ""))
    return None


def _word_value(token: Token) -> tuple[float | None, bool]:
    """(value, is_number) of one token; vague plurals are numbers with value None."""
    low = token.lower_
    if low in VAGUE:
        return None, True
    digit = _digit_value(token.text)
    if digit is not None:
        return digit, True
    if low in UNITS:
        return float(UNITS[low]), True
    if low in SCALES:
        return float(SCALES[low]), True
    if "-" in low:
        parts = low.split("-")
        if len(parts) == 2 and parts[0] in UNITS and parts[1] in UNITS:
            return float(UNITS[parts[0]] + UNITS[parts[1]]), True
    return None, False


def _is_number_token(token: Token) -> bool:
    return _word_value(token)[1] or bool(_RANGE.match(token.text))


def _excluded(doc: Doc, start: int, end: int) -> bool:
    """Dates, times, years, percentages, ages and measures are not counts."""
    last = doc[end - 1]
    if re.fullmatch(r"(19|20)\d\d", last.text) or any(c in last.text for c in ":/"):
        return True
    before = doc[start - 1].lower_.strip(".") if start > 0 else ""
    after = doc[end].lower_ if end < len(doc) else ""
    if before in MONTHS or after.strip(".") in MONTHS or after in NOT_COUNTS or before in ("$", "€", "£", "no", "no."):
        return True
    if after in ("-", "–") and end + 1 < len(doc) and doc[end + 1].lower_ in ("year", "years", "day", "month"):
        return True
    return bool(after.startswith(("year-", "day-", "month-", "km", "kg")))


def _combine(doc: Doc, start: int, end: int) -> tuple[int | None, bool]:
    """Value of tokens ``start:end`` ("two million", "1.5 million", "hundreds of thousands")."""
    total, current, vague = 0.0, 0.0, False
    for token in doc[start:end]:
        if token.lower_ in ("of", "a", "an"):
            continue
        value, _ = _word_value(token)
        low = token.lower_
        if value is None:
            vague = True
            continue
        if low in SCALES:
            current = (current or 1.0) * value
            if value >= 1000:
                total, current = total + current, 0.0
        else:
            current += value
    if vague:
        return None, True
    return int(round(total + current)), False


def _extent(doc: Doc, start: int, limit: int) -> int:
    """End of the number expression starting at ``start`` (scales and "of thousands" join)."""
    end = start + 1
    while end < limit:
        token = doc[end]
        if token.lower_ in SCALES or (token.lower_ in VAGUE and doc[end - 1].lower_ in VAGUE):
            end += 1
        elif token.lower_ == "of" and end + 1 < limit and doc[end + 1].lower_ in ("thousands", "millions", "hundreds"):
            end += 2
        else:
            break
    return end


def _qualifier(doc: Doc, start: int, floor: int) -> tuple[str | None, int]:
    words = [t.lower_ for t in doc[max(floor, start - 3) : start]]
    for phrase, name in QUALIFIERS:
        parts = phrase.split()
        if len(parts) <= len(words) and words[-len(parts) :] == parts:
            return name, start - len(parts)
    return None, -1


def parse_numbers(sent: Span, subjects: frozenset[str] = frozenset()) -> list[NumberExpr]:
    """Number expressions in a sentence, with values, ranges and qualifiers.

    With ``subjects`` (nouns naming people), "a/an <subject>" counts one ("a
    Palestinian prisoner died").
    """
    doc, out, i = sent.doc, [], sent.start
    while i < sent.end:
        token = doc[i]
        if token.lower_ in ("a", "an") and subjects and _singular_subject(doc, i + 1, sent.end, subjects):
            out.append(NumberExpr(i, i + 1, 1))
            i += 1
            continue
        if not _is_number_token(token):
            i += 1
            continue
        start = i - 1 if i > sent.start and doc[i - 1].lower_ in ("a", "an") and token.lower_ in ("hundred", "thousand", "million", "billion", "dozen") else i
        end = _extent(doc, i, sent.end)
        expr = _number_expr(doc, start, end, sent.start)
        if expr is not None:
            out.append(expr)
            end = max(end, expr.end)
        i = end
    return out


def _singular_subject(doc: Doc, i: int, limit: int, subjects: frozenset[str]) -> bool:
    for token in doc[i : min(limit, i + 3)]:
        if token.pos_ == "NOUN":
            return token.tag_ == "NN" and token.lemma_.lower() in subjects
        if token.pos_ not in ("ADJ", "PROPN"):
            return False
    return False


def _number_expr(doc: Doc, start: int, end: int, floor: int) -> NumberExpr | None:
    if _excluded(doc, start, end):
        return None
    match = _RANGE.match(doc[start].text) if end - start == 1 else None
    if match:
        low, high = (int(g.replace(",", "")) for g in match.groups())
        value, value_max, vague = low, high, False
    else:
        value, vague = _combine(doc, start, end)
        value_max = None
        end, value_max = _range_tail(doc, end, value, value_max)
    qualifier, qual_start = _qualifier(doc, start, floor)
    if vague and qualifier is None:
        qualifier = "approximate"
    return NumberExpr(start, end, value, value_max, qualifier, qual_start)


def _range_tail(doc: Doc, end: int, value: int | None, value_max: int | None) -> tuple[int, int | None]:
    """"20 to 30", "20-30", "between 20 and 30": extend to the upper bound."""
    if value is None or end + 1 >= len(doc):
        return end, value_max
    joiner = doc[end].lower_
    between = end - 2 >= 0 and doc[end - 2].lower_ == "between" or (end - 3 >= 0 and doc[end - 3].lower_ == "between")
    if joiner in ("to", "-", "–") or (joiner == "and" and between):
        nxt = doc[end + 1]
        if _word_value(nxt)[0] is not None:
            upper_end = _extent(doc, end + 1, len(doc))
            upper, vague = _combine(doc, end + 1, upper_end)
            if not vague and upper is not None and upper > value:
                return upper_end, upper
    return end, value_max


# --------------------------------------------------------------------------- linking


@dataclass(frozen=True)
class _Link:
    kind: str
    trigger: Token | None


def _lemmas(token: Token) -> Iterator[str]:
    """The token's lemma, then guesses for capitalised headline words ("Kill", "Martyrs")."""
    yield token.lemma_.lower()
    low = token.lower_
    yield low
    if token.is_title or token.pos_ == "PROPN":
        for cut, add in ((1, ""), (2, ""), (3, ""), (1, "e"), (3, "e")):
            if len(low) > cut + 2:
                yield low[:-cut] + add
        for suffix in ("ies",):
            if low.endswith(suffix):
                yield low[: -len(suffix)] + "y"


def _lookup(table: dict[str, str], token: Token) -> str | None:
    for lemma in _lemmas(token):
        if lemma in table:
            return table[lemma]
    return None


def _verb_kind(token: Token, lexicon: FigureLexicon) -> str | None:
    if token.pos_ in ("VERB", "AUX") or token.tag_ in ("VBN", "VBD", "VBG", "VBZ", "VBP", "VB"):
        return lexicon.verbs.get(token.lemma_.lower()) or lexicon.verbs.get(token.lower_)
    if token.pos_ == "PROPN" or (token.is_title and token.pos_ in ("NOUN", "ADJ")):
        return _lookup(lexicon.verbs, token)
    return None


def _state_kind(token: Token, lexicon: FigureLexicon) -> str | None:
    kind = lexicon.states.get(token.lower_)
    if kind:
        return kind
    if token.tag_ in ("VBN", "VBD", "JJ"):
        return lexicon.verbs.get(token.lemma_.lower())
    return None


def _is_passive_participle(token: Token) -> bool:
    prev = token.doc[token.i - 1] if token.i > 0 else None
    return token.tag_ == "VBN" and prev is not None and prev.lemma_ in _BE


def _link_after(doc: Doc, expr: NumberExpr, sent: Span, numbers: dict[int, NumberExpr], lex: FigureLexicon) -> _Link | None:
    """"N people were killed", "N dead", "N deaths": a trigger after the number."""
    i, noun = expr.end, None
    if i < sent.end:
        noun = _noun_kind(doc[i], lex) or (
            _noun_kind(doc[i + 1], lex) if i + 1 < sent.end and doc[i].pos_ in ("ADJ", "PROPN") else None
        )
    if noun in ("killed", "wounded"):  # "N deaths", "N martyrs", "N injuries" count casualties themselves
        return _Link(noun, None)
    link = _scan_after(doc, expr, sent, numbers, lex)
    if link is not None:
        return link
    return _Link(noun, None) if noun else None


def _scan_after(doc: Doc, expr: NumberExpr, sent: Span, numbers: dict[int, NumberExpr], lex: FigureLexicon) -> _Link | None:
    i, limit = expr.end, min(sent.end, expr.end + _MAX_AFTER)
    while i < limit:
        token = doc[i]
        if i in numbers and i != expr.start:
            if doc[numbers[i].first - 1].lower_ not in _CONJ:
                return None
            i = numbers[i].end
            continue
        kind = lex.states.get(token.lower_) or (_state_kind(token, lex) if token.tag_ != "VBG" else None)
        if kind and i + 1 < sent.end and doc[i + 1].pos_ == "NOUN" and token.tag_ in ("VBN", "JJ"):
            kind = None  # "26 displaced people": an attribute, not what happened to them
        if kind:
            if doc[i - 1].lower_ in ("and", "or", "but") and doc[i - 1].i != expr.end:
                return None
            if kind == "troops" and not _counts_troops(doc, expr, lex):
                return None
            return _Link(kind, token)
        if token.lower_ in (";", ":", "(", ")", '"', "“", "”") or token.lower_ in ("said", "says", "when", "after"):
            return None
        if token.pos_ == "VERB" and token.tag_ != "VBN" and token.lower_ not in _CONJ:
            return None
        if token.pos_ in ("PRON",) and token.lower_ not in ("them", "whom", "who", "those", "whose"):
            return None
        i += 1
    return None


def _noun_kind(token: Token, lex: FigureLexicon) -> str | None:
    if token.pos_ not in ("NOUN", "PROPN", "ADJ"):
        return None
    kind = _lookup(lex.nouns, token)
    if kind and token.lower_ == "dead" and token.pos_ == "ADJ":
        return "killed"
    return kind


def _counts_troops(doc: Doc, expr: NumberExpr, lex: FigureLexicon) -> bool:
    window = doc[expr.end : min(len(doc), expr.end + 3)]
    return any(t.lemma_.lower() in lex.troops or t.lower_ in lex.troops for t in window)


def _link_before(doc: Doc, expr: NumberExpr, sent: Span, numbers: dict[int, NumberExpr], lex: FigureLexicon) -> _Link | None:
    """"killing N", "the death toll rose to N", "the death of N": a trigger before the number."""
    i, floor, saw_conj = expr.first - 1, max(sent.start, expr.first - _MAX_BEFORE), False
    while i >= floor:
        token = doc[i]
        ends = {n.end - 1: n for n in numbers.values()}
        if i in ends and ends[i] is not expr:
            if not saw_conj:
                return None
            i, saw_conj = ends[i].first - 1, False
            continue
        kind = _verb_kind(token, lex)
        if kind and not _is_passive_participle(token):
            if kind == "troops" and not _counts_troops(doc, expr, lex):
                return None
            return _Link(kind, token)
        of_kind = lex.of_nouns.get(token.lemma_.lower()) if token.pos_ == "NOUN" else None
        if of_kind and _of_noun_ok(doc, token, expr):
            return _Link(of_kind, token)
        if token.lower_ in _CONJ:
            saw_conj = True
        elif not _bridge(token):
            return None
        i -= 1
    return None


def _of_noun_ok(doc: Doc, token: Token, expr: NumberExpr) -> bool:
    """"toll" reaches its number through "of/at/to/rose to"; "lives" needs claim/take/cost."""
    if token.lemma_.lower() == "life":
        window = [t.lemma_.lower() for t in doc[max(0, token.i - 3) : token.i]]
        return any(w in ("claim", "take", "cost") for w in window)
    if token.lemma_.lower() == "toll":
        return True
    return doc[token.i + 1].lower_ == "of" if token.i + 1 < len(doc) else False


def _bridge(token: Token) -> bool:
    """Tokens that may stand between a trigger and its number."""
    if token.pos_ in ("DET", "ADJ", "NUM", "ADV", "PROPN", "NOUN", "AUX", "PART"):
        return token.lower_ not in ("said", "says")
    if token.pos_ == "ADP":
        return token.lower_ in ("of", "to", "at", "from", "in", "by", "on", "among")
    if token.pos_ == "VERB":
        return token.lemma_.lower() in TOLL_VERBS
    return token.lower_ in ("-", "'s", "’s")


# --------------------------------------------------------------------------- details


def _subject(doc: Doc, expr: NumberExpr, lex: FigureLexicon) -> str | None:
    """Who is counted: the noun after the number ("300,000 people", "thousands of civilians")."""
    for token in doc[expr.end : min(len(doc), expr.end + 4)]:
        low = token.lower_
        if token.lemma_.lower() in lex.subjects or low in lex.subjects or low.removesuffix("s") in lex.subjects:
            return low
        if token.pos_ == "NOUN" and token.tag_ == "NNS" and token.lower_ != "others":
            return token.lower_
        if token.pos_ not in ("ADJ", "PROPN", "ADP", "DET", "NUM") and token.text not in ("-", "–"):
            return None
        if token.lower_ in ("in", "on", "at", "by"):
            return None
    return None


def _responsible(trigger: Token | None) -> str | None:
    """Actor id of the trigger verb's subject (active) or its "by" agent (passive)."""
    if trigger is None or trigger.lemma_.lower() in _UNACCUSATIVE or trigger.pos_ not in ("VERB", "AUX"):
        return None
    current = trigger
    for _ in range(3):  # "police opened fire, killing one": the subject of the governing verb
        for child in current.children:
            if child.dep_ in ("nsubj", "csubj"):
                return _actor_in(child)
            if child.dep_ == "agent":
                for grand in child.children:
                    return _actor_in(grand)
        if current.dep_ not in ("advcl", "conj", "xcomp") or current.head == current:
            return None
        current = current.head
    return None


def _actor_in(token: Token) -> str | None:
    """The actor on a phrase's head, or on a modifier naming it ("US air strikes", "Russian jets")."""
    if token._.fm_actor:
        return token._.fm_actor
    for child in token.children:
        if child.dep_ in ("compound", "amod", "poss", "nmod", "flat") and child._.fm_actor:
            return child._.fm_actor
    return None


class FigureFinder:
    """Finds figures in each sentence of a Doc and stores them in ``doc._.fm_figures``."""

    def __init__(self, lexicon_path: str | None = None) -> None:
        self.lexicon_path = lexicon_path

    def __call__(self, doc: Doc) -> Doc:
        lexicon = load_figure_lexicon(self.lexicon_path)
        doc._.fm_figures = [f for sent in doc.sents for f in self.sentence_figures(sent, lexicon)]
        return doc

    def sentence_figures(self, sent: Span, lex: FigureLexicon) -> Iterator[Figure]:
        doc, exprs = sent.doc, parse_numbers(sent, lex.subjects)
        numbers = {e.start: e for e in exprs}
        for expr in exprs:
            link = _link(doc, expr, sent, numbers, lex)
            if link is None and _counts_troops(doc, expr, lex) and doc[expr.end].lemma_.lower() in lex.troops:
                link = _Link("troops", None)
            if link is None or (link.trigger is None and doc[expr.start].lower_ in ("a", "an")):
                continue  # "a soldier", "a refugee" count one only with a trigger ("a soldier was killed")
            span = _figure_span(doc, expr, link)
            yield Figure(
                kind=link.kind,
                value=expr.value,
                start=span[0],
                end=span[1],
                qualifier=expr.qualifier,
                subject=_subject(doc, expr, lex),
                actor=_responsible(link.trigger),
                value_max=expr.value_max,
            )


def _link(doc: Doc, expr: NumberExpr, sent: Span, numbers: dict[int, NumberExpr], lex: FigureLexicon) -> _Link | None:
    """An active verb right before the number wins ("killed 30 people injured 90"), then after, then before."""
    before = _link_before(doc, expr, sent, numbers, lex)
    others = expr.end < len(doc) and doc[expr.end].lower_ in ("others", "more", "other")
    if others:  # "8 killed 58 others injured": the second count goes with what follows
        return _link_after(doc, expr, sent, numbers, lex) or before
    if before is not None and before.trigger is not None and before.trigger.i >= expr.first - 2:
        if not any(t.is_punct for t in doc[before.trigger.i + 1 : expr.first]):
            return before
    return _link_after(doc, expr, sent, numbers, lex) or before or _toll_link(doc, expr, sent)


def _toll_link(doc: Doc, expr: NumberExpr, sent: Span) -> _Link | None:
    """"The death toll from ... has reached 20": a toll earlier in the sentence, a toll verb right before."""
    prev = [t for t in doc[max(sent.start, expr.first - 2) : expr.first] if t.lower_ not in ("to", "at", "of")]
    if not prev or prev[-1].lemma_.lower() not in TOLL_VERBS:
        return None
    toll = next((t for t in doc[sent.start : expr.first] if t.lemma_.lower() == "toll"), None)
    return _Link("killed", toll) if toll is not None else None


def _figure_span(doc: Doc, expr: NumberExpr, link: _Link) -> tuple[int, int]:
    """Characters from the first to the last of qualifier, number and trigger."""
    first = expr.first
    last = expr.end - 1
    if link.trigger is not None:
        first, last = min(first, link.trigger.i), max(last, link.trigger.i)
    return doc[first].idx, doc[last].idx + len(doc[last])


def make_figure_finder(nlp: Language, name: str):
    """spaCy factory for ``factionmap_figures``."""
    return guarded(name, FigureFinder())
