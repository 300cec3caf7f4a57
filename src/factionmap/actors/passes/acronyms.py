"""Acronyms defined in the text: "Government of National Accord (GNA)"."""

from __future__ import annotations

from spacy.tokens import Doc

from factionmap.actors.gazetteer import slug
from factionmap.actors.passes.base import PassBase
from factionmap.actors.state import _State
from factionmap.model import ActorProfile

__all__ = ["AcronymPass"]


class AcronymPass(PassBase):
    """Methods of the resolver's acronyms pass (see :mod:`factionmap.actors.resolver`)."""

    def _defined_acronyms(self, doc: Doc, state: _State) -> None:
        defined: dict[str, str] = {}
        for tok in doc[1:-1]:
            if tok.text != "(" or doc[tok.i + 1].i + 1 >= len(doc) or doc[tok.i + 2].text != ")":
                continue
            acr = doc[tok.i + 1]
            if not (2 <= len(acr.text) <= 10 and sum(c.isupper() for c in acr.text) >= 2):
                continue
            before = state.owner[tok.i - 1]
            if before is not None and before.end == tok.i:
                defined[acr.text] = before.actor_id
            else:
                start = self._capitalised_run(doc, tok.i)
                if start is not None and self._thing_name(doc, start, tok.i):
                    state.things.add(acr.text)  # "a Protocol of Accession (PoA)": a document, no actor
                    continue
                if start is None:
                    continue
                span = doc[start : tok.i]
                actor_id = "x-" + slug(span.text)
                state.add(start, tok.i, actor_id, "ner",
                          ActorProfile(actor_id, span.text, kind="organisation", known=False))
                defined[acr.text] = actor_id
        for tok in doc:
            actor_id = defined.get(tok.text)
            if actor_id is None:
                continue
            owner = state.owner[tok.i]
            if owner is not None and owner.actor_id != actor_id and (owner.start, owner.end) == (tok.i, tok.i + 1):
                state.remove(owner)
            state.add(tok.i, tok.i + 1, actor_id, "defined", self._profile(state, actor_id))

    @staticmethod
    def _capitalised_run(doc: Doc, end: int) -> int | None:
        start = end
        while start > 0 and end - start < 8:
            prev = doc[start - 1]
            if prev.is_title or prev.is_upper or (prev.lower_ in ("of", "for", "and", "the") and start < end):
                start -= 1
            else:
                break
        while start < end and not doc[start].is_title:
            start += 1
        return start if end - start >= 2 else None
