"""Who speaks where in a section: the referent of "I" and "we".

Speech is found three ways, cheaply, from the parse and the mentions already resolved:

- a quotation in quote marks, spoken by the subject of a speech verb next to it
  ("“We will not retreat,” the minister said");
- a statement introduced by a colon ("Tobias Ellwood said:\\n\\nWe condemn ..."): the rest of
  the section, until the next such introduction;
- a transcript label at the start of a line ("SECRETARY KERRY: We talked ...").

Outside any speech, a section that opens with a statement in the present tense by a state or an
organisation ("The United States strongly condemns ...") is that body's own text, so "we" and
"our" are that body.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc, Token

__all__ = ["SPEECH_VERBS", "speaker_regions"]

SPEECH_VERBS = frozenset(
    "say tell add state declare announce comment respond note stress insist explain warn write tweet".split()
)
OPEN_QUOTES = {"“": "”", '"': '"', "``": "''", "‘": "’"}

Owner = Callable[[int], "str | None"]  # token index → actor id of the mention there, or None


def _subject_actor(tok: Token, owner: Owner) -> str | None:
    for child in tok.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            return next((owner(i) for i in range(child.left_edge.i, child.right_edge.i + 1) if owner(i)), None)
    return None


def _speech_verb(tokens) -> Token | None:
    return next((t for t in tokens if t.pos_ == "VERB" and t.lemma_.lower() in SPEECH_VERBS), None)


def _quotes(doc: Doc) -> list[tuple[int, int]]:
    spans, i = [], 0
    while i < len(doc):
        close = OPEN_QUOTES.get(doc[i].text)
        if close is None:
            i += 1
            continue
        j = next((k for k in range(i + 1, min(len(doc), i + 400)) if doc[k].text == close), None)
        if j is None:
            i += 1
            continue
        spans.append((i, j + 1))
        i = j + 1
    return spans


def _quote_speaker(doc: Doc, start: int, end: int, owner: Owner) -> str | None:
    around = [t for t in doc[start].sent if t.i < start] + [t for t in doc[end - 1].sent if t.i >= end]
    verb = _speech_verb(around)
    return _subject_actor(verb, owner) if verb is not None else None


def _colon_intros(doc: Doc, owner: Owner, lookup: Callable[[str], str | None]) -> list[tuple[int, str | None]]:
    """(token index after the colon, speaker) for every "X said:" in the section."""
    found = []
    for tok in doc:
        if tok.text != ":" or tok.i == 0:
            continue
        line_start = tok.i
        while line_start > 0 and "\n" not in doc[line_start - 1].text_with_ws:
            line_start -= 1
        verb = _speech_verb(doc[line_start:tok.i])
        if verb is not None:
            found.append((tok.i + 1, _subject_actor(verb, owner) or _line_actor(line_start, verb.i, owner)))
        elif tok.i - line_start <= 4 and all(t.is_upper or t.is_punct for t in doc[line_start:tok.i]):
            label = next((owner(i) for i in range(line_start, tok.i) if owner(i)), None) or next(
                (lookup(t.text.title()) for t in doc[line_start:tok.i] if lookup(t.text.title())), None)
            end = tok.i + 1
            while end < len(doc) and "\n" not in doc[end - 1].text_with_ws:
                end += 1
            found += [(tok.i + 1, label), (end, None)]  # a transcript label speaks its own line
    return found


def _line_actor(line_start: int, verb: int, owner: Owner) -> str | None:
    """The actor named last on the intro line before its speech verb, for when the parser hangs the
    line on the paragraph above ("... against ISIL\n\nMinister Ellwood said:")."""
    return next((owner(i) for i in range(verb - 1, line_start - 1, -1) if owner(i)), None)


def _issuer(doc: Doc, owner: Owner, kind: Callable[[str], str | None]) -> str | None:
    first = next(iter(doc.sents), None)
    if first is None or first.root.tag_ not in ("VBZ", "VBP"):
        return None
    actor_id = _subject_actor(first.root, owner)
    return actor_id if actor_id is not None and kind(actor_id) in ("country", "organisation", "group") else None


def speaker_regions(
    doc: Doc, owner: Owner, kind: Callable[[str], str | None], lookup: Callable[[str], str | None]
) -> list[str | None]:
    """For each token, the actor id of whoever speaks there (None when unknown).

    ``owner`` gives the actor mentioned at a token, ``kind`` an actor's kind and ``lookup`` the
    known actor a name refers to (for transcript labels in capitals, "SECRETARY KERRY:").
    """
    issuer = _issuer(doc, owner, kind)
    speakers: list[str | None] = [issuer] * len(doc)
    marks = sorted(_colon_intros(doc, owner, lookup), key=lambda x: x[0])
    for n, (start, speaker) in enumerate(marks):
        end = marks[n + 1][0] if n + 1 < len(marks) else len(doc)
        for i in range(start, end):
            speakers[i] = speaker
    last: tuple[int, str | None] = (-100, None)
    for start, end in _quotes(doc):
        speaker = _quote_speaker(doc, start, end, owner)
        if speaker is None and start - last[0] <= 30:
            speaker = last[1]  # a quotation that goes on after "he said."
        last = (end, speaker)
        if speaker is not None:
            for i in range(start, end):
                speakers[i] = speaker
    return speakers
