"""The typed state the resolver's passes share while one Doc is resolved."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc

from factionmap.model import ActorProfile

__all__ = ["_M", "_State"]


@dataclass
class _M:
    """A mention while a Doc is being resolved (token offsets)."""

    start: int
    end: int
    actor_id: str
    rule: str


class _State:
    """Mentions of one Doc, with a token → mention index."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.mentions: list[_M] = []
        self.profiles: dict[str, ActorProfile] = {}
        self.owner: list[_M | None] = [None] * len(doc)
        self.groups: dict[int, tuple[str, ...]] = {}  # token index of a plural pronoun → actor ids
        self.things: set[str] = set()  # acronyms the text defines for things ("a Protocol of Accession (PoA)")
        published = doc._.fm_published if Doc.has_extension("fm_published") else None
        self.date: str | None = published[:10] if isinstance(published, str) and published[:4].isdigit() else None

    def free(self, start: int, end: int) -> bool:
        return all(self.owner[i] is None for i in range(start, end))

    def add(self, start: int, end: int, actor_id: str, rule: str, profile: ActorProfile | None) -> _M | None:
        if start >= end or not self.free(start, end):
            return None
        mention = _M(start, end, actor_id, rule)
        self.mentions.append(mention)
        for i in range(start, end):
            self.owner[i] = mention
        if profile is not None:
            self.profiles.setdefault(actor_id, profile)
        return mention

    def extend(self, mention: _M, start: int, end: int) -> None:
        for i in range(start, end):
            other = self.owner[i]
            if other is not None and other is not mention:
                self.remove(other)
        mention.start, mention.end = min(start, mention.start), max(end, mention.end)
        for i in range(mention.start, mention.end):
            self.owner[i] = mention

    def remove(self, mention: _M) -> None:
        self.mentions.remove(mention)
        for i in range(mention.start, mention.end):
            if self.owner[i] is mention:
                self.owner[i] = None
