"""Definite descriptions, pronouns and the first person, resolved to earlier mentions."""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc, Token

from factionmap.actors.data import Description
from factionmap.actors.gazetteer import slug
from factionmap.actors.passes.base import PassBase
from factionmap.actors.plural import PLURAL_PRONOUNS, Antecedent, clause_verb, local_verbs, plural_antecedent
from factionmap.actors.speakers import speaker_regions
from factionmap.actors.state import _M, _State
from factionmap.actors.words import FIRST_PERSON, LOCATIVE, PRONOUNS, generic_id
from factionmap.model import ActorProfile

__all__ = ["ReferencePass"]


class ReferencePass(PassBase):
    """Methods of the resolver's references pass (see :mod:`factionmap.actors.resolver`)."""

    def _compatible(self, profile: ActorProfile | None, kind: str, sectors: frozenset[str]) -> bool:
        if profile is None or profile.kind == "location":
            return False
        if kind == "person" and profile.kind != "person":
            return False
        if kind == "country" and profile.kind != "country":
            return False
        if kind in ("group", "organisation") and profile.kind not in ("group", "organisation"):
            return False
        if kind in ("thing", "any") and profile.kind == "person":
            return False
        return not sectors or profile.sector in sectors

    @staticmethod
    def _plural(doc: Doc, m: _M) -> bool:
        root = doc[m.start:m.end].root
        return root.tag_ in ("NNS", "NNPS") or root.dep_ == "conj" or any(c.dep_ == "conj" for c in root.children)

    def _antecedent(self, doc: Doc, state: _State, before: int, kind: str, sectors: frozenset[str],
                    max_sentences: int | None = None, plural: bool = False,
                    pronoun: Token | None = None,
                    accept: Callable[[ActorProfile], bool] | None = None) -> str | None:
        """The most recent compatible mention before ``before`` (and accepted by ``accept``).

        For a ``pronoun``, mentions standing for a place ("in Iraq and Syria"), mentions whose
        phrase contains the pronoun ("Sunnis, those they claim to defend") and, for "it", plural
        phrases are passed over.
        """
        sent_start = doc[before].sent.start if max_sentences is not None else 0
        window_start = 0
        if max_sentences is not None:
            sents = [s for s in doc.sents if s.start <= sent_start]
            window_start = sents[-(max_sentences + 1)].start if len(sents) > max_sentences else 0
        for m in sorted(state.mentions, key=lambda x: x.start, reverse=True):
            if m.end > before or m.start < window_start or m.rule == "pronoun":
                continue
            if plural and not self._plural(doc, m):
                continue
            if pronoun is not None and self._not_antecedent(doc, state, m, pronoun):
                continue
            if self._compatible(self._profile(state, m.actor_id), kind, sectors):
                if accept is not None and not accept(self._profile(state, m.actor_id)):
                    continue
                if pronoun is not None:
                    return self._clause_subject(doc, state, m, pronoun, kind, window_start) or m.actor_id
                return m.actor_id
        return None

    def _clause_subject(self, doc: Doc, state: _State, m: _M, pronoun: Token, kind: str,
                        window_start: int) -> str | None:
        """The subject of the clause of ``m``, when compatible and not ``m`` itself: the previous
        clause's subject is preferred ("The UAE denied that it armed the RSF and said it ...": the UAE).
        An object pronoun is never its own clause's subject ("Putin met Erdogan and praised him")."""
        verb = clause_verb(doc[m.start:m.end].root)
        local = local_verbs(pronoun) if pronoun.dep_ not in ("nsubj", "nsubjpass", "poss") else set()
        if verb.i in local:
            return None
        for child in verb.children:
            if child.dep_ not in ("nsubj", "nsubjpass") or child.i >= m.start or child.i < window_start:
                continue
            owner = state.owner[child.i]
            if owner is None or owner is m or owner.actor_id == m.actor_id:
                return None
            if owner.rule != "pronoun" and self._not_antecedent(doc, state, owner, pronoun):
                return None
            if self._compatible(self._profile(state, owner.actor_id), kind, frozenset()):
                return owner.actor_id
        return None

    def _not_antecedent(self, doc: Doc, state: _State, m: _M, pronoun: Token) -> bool:
        root = doc[m.start:m.end].root
        if pronoun.lower_ in ("it", "its", "itself") and self._plural(doc, m):
            return True
        if pronoun.dep_ == "nsubj" and pronoun.head.dep_ == "relcl" and pronoun.head.head.i < pronoun.i:
            modified = pronoun.head.head  # "Sunnis, those they claim to defend": not the phrase modified
            if root.left_edge.i <= modified.i <= root.right_edge.i or (
                    modified.lower_ in ("those", "these") and modified.i - 2 <= m.end - 1 < modified.i):
                return True
        profile = self._profile(state, m.actor_id)
        head = root
        while head.dep_ == "conj":
            head = head.head
        return profile is not None and profile.kind == "country" and m.rule != "metonym" \
            and head.dep_ == "pobj" and head.head.lower_ in LOCATIVE - {"of"}

    def _descriptions(self, doc: Doc, state: _State) -> None:
        for _, start, end in sorted(self.description_matcher(doc), key=lambda x: (x[1], -(x[2]))):
            if not state.free(start, end):
                continue
            nxt = doc[end] if end < len(doc) else None
            if nxt is not None and state.owner[nxt.i] is not None and state.owner[nxt.i].start == end:
                state.extend(state.owner[nxt.i], start, end)  # "the strong man Haftar"
                continue
            if nxt is not None and nxt.pos_ in ("NOUN", "PROPN") :
                continue  # "the general public", "the government forces"
            desc = self.descriptions[doc[start + 1:end].text.lower()]
            actor_id = self._appositive(doc, state, end, desc)
            profile = None
            if actor_id is None and desc.institution:
                profile = self._institution_of(doc, state, start, end, desc)
                actor_id = profile.id if profile is not None else None
            actor_id = actor_id or self._antecedent(doc, state, start, desc.kind, desc.sectors,
                                                    accept=self._alliance_check(desc))
            if actor_id is None and desc.kind in ("person", "any") and "GOV" in desc.sectors:
                country = self._context_country(doc, state)  # "the Foreign Secretary" with no name around
                profile = self._generic_profile(state, country, "GOV") if country else None
                actor_id = profile.id if profile else None
            if actor_id is None and desc.kind == "organisation" and "IGO" in desc.sectors:
                phrase = doc[start + 1:end].text
                known = self.gaz.surfaces.get(phrase.title()) if " " in phrase else None
                profile = None if known is not None else self._unnamed_body(phrase, desc)  # "the Coalition"
                actor_id = known.actor_id if known is not None else profile.id
            if actor_id is not None:
                state.add(start, end, actor_id, "description", profile)

    def _bare_titles(self, doc: Doc, state: _State) -> None:
        """A capitalised title of two or three words used as a name, with no name after it
        ("Foreign Secretary welcomes the agreement", "Prime Minister and President X met"): the
        office holder named in the last three sentences, else an unknown person of the title's sector
        (a headline's country is often the other party's: "Defence Secretary signs deal with Norway")."""
        i = 0
        while i < len(doc):
            found = self._bare_title_at(doc, state, i)
            if found is None:
                i += 1
                continue
            end, desc = found
            actor_id = self._antecedent(doc, state, i, desc.kind, desc.sectors, max_sentences=3)
            profile = None
            if actor_id is None:
                text = doc[i:end].text
                sector = "GOV" if "GOV" in desc.sectors or not desc.sectors else sorted(desc.sectors)[0]
                profile = ActorProfile("x-" + slug(text), text, None, sector, "person", (), False)
                actor_id = profile.id
            state.add(i, end, actor_id, "description", profile)
            i = end

    def _bare_title_at(self, doc: Doc, state: _State, i: int) -> tuple[int, Description] | None:
        if i > 0 and doc[i - 1].lower_ in ("the", "this", "these", "a", "an") or not doc[i].is_title and not (
                doc[i].is_upper and len(doc[i]) > 2):
            return None
        for n in (3, 2):
            end = i + n
            words = doc[i:end]
            if end > len(doc) or not state.free(i, end) or any("\n" in t.text_with_ws for t in words[:-1]):
                continue
            desc = self.descriptions.get(words.text.lower())
            if desc is None or desc.kind != "person" or any(t.is_lower and t.lower_ != "of" for t in words):
                continue
            nxt = doc[end] if end < len(doc) else None
            if nxt is not None and (nxt.lower_ in ("of", "for", "-") or (nxt.pos_ == "PROPN" and not nxt.is_lower)
                                    or state.owner[nxt.i] is not None and state.owner[nxt.i].start == end):
                return None  # "Prime Minister of Iraq", "Foreign Secretary Philip Hammond": another step's
            return end, desc
        return None

    def _alliance_modifiers(self, doc: Doc, state: _State) -> None:
        """"coalition forces", "the coalition campaign", "Coalition efforts": an alliance word used as
        a modifier (or capitalised, as a name) is a mention of the alliance the text speaks of; so is
        "regime" or "government" modifying a noun ("regime bombardment") when one was just named."""
        for tok in doc:
            desc = self.descriptions.get(tok.lower_)
            if desc is None or state.owner[tok.i] is not None or tok.pos_ not in ("NOUN", "PROPN"):
                continue
            if desc.kind == "any" and tok.is_lower and tok.dep_ == "compound" and tok.head.i > tok.i:
                actor_id = self._antecedent(doc, state, tok.i, desc.kind, desc.sectors, max_sentences=3)
                if actor_id is not None:  # "regime bombardment": the regime just named
                    state.add(tok.i, tok.i + 1, actor_id, "description", None)
                continue
            if desc.kind != "organisation" or "IGO" not in desc.sectors:
                continue
            if not (tok.dep_ == "compound" and tok.head.i > tok.i) and tok.is_lower:
                continue
            actor_id = self._antecedent(doc, state, tok.i, desc.kind, desc.sectors, accept=self._alliance_check(desc))
            profile = None
            if actor_id is None:
                profile = self._unnamed_body(tok.text.lower(), desc)
                actor_id = profile.id
            state.add(tok.i, tok.i + 1, actor_id, "description", profile)

    @staticmethod
    def _alliance_check(desc: Description) -> Callable[[ActorProfile], bool] | None:
        """An alliance word ("the coalition", "the alliance") refers back to a multinational body or
        to one called so ("Saudi-led coalition"), never to one state's army ("Royal Air Force")."""
        if desc.kind != "organisation" or "IGO" not in desc.sectors:
            return None
        word = desc.phrase.split()[-1]
        return lambda p: p.country in ("IGO", None) or word in p.name.lower()

    @staticmethod
    def _unnamed_body(phrase: str, desc: Description) -> ActorProfile:
        """An alliance named only by its description ("the Coalition's strategy", no antecedent):
        kept as an unknown actor of its own, which later mentions refer back to."""
        actor_id = "x-" + slug(phrase)
        sector = sorted(desc.sectors)[0] if desc.sectors else None
        return ActorProfile(actor_id, phrase, None, sector, "organisation", (), False)

    def _institution_of(self, doc: Doc, state: _State, start: int, end: int, desc: Description) -> ActorProfile | None:
        """"the army": of the country named after it ("the army in Darfur"), else the institution
        mentioned in this or the previous sentence, else of the country the section is about."""
        country = self._country_after(doc, state, end)
        if country is None:
            recent = self._recent_institution(doc, state, start, desc)
            if recent is not None:
                return recent
            country = self._context_country(doc, state)
        return self._institution(state, country, desc) if country else None

    def _country_after(self, doc: Doc, state: _State, end: int) -> str | None:
        """Country of "of"/"in" + a place or country right after: "the government (and people) of Iraq"."""
        for i in range(end, min(len(doc), end + 4)):
            tok = doc[i]
            if tok.lower_ in ("of", "in") and i + 1 < len(doc):
                owner = state.owner[i + 1] or (state.owner[i + 2] if i + 2 < len(doc) and doc[i + 1].lower_ == "the"
                                               else None)
                profile = self._profile(state, owner.actor_id) if owner is not None else None
                if profile is not None and profile.kind in ("country", "location") and profile.country \
                        and len(profile.country) == 3 and profile.country in self.gaz.entries:
                    return profile.country
                return None
            if not (tok.lower_ in ("and", ",") or (tok.pos_ == "NOUN" and tok.is_lower)):
                return None
        return None

    def _recent_institution(self, doc: Doc, state: _State, start: int, desc: Description) -> ActorProfile | None:
        """A state institution of the description's sector mentioned in this or the previous sentence;
        a mention ending in the description's own noun first ("Iran's foreign ministry ... the
        ministry"), whatever it was coded as."""
        sents = [s for s in doc.sents if s.start <= doc[start].sent.start]
        window = sents[-2].start if len(sents) > 1 else 0
        noun = desc.phrase.split()[-1]
        for m in sorted(state.mentions, key=lambda x: x.start, reverse=True):
            if m.end > start or m.start < window or m.rule == "pronoun":
                continue
            profile = self._profile(state, m.actor_id)
            if profile is not None and profile.kind in ("country", "organisation", "group") and profile.country \
                    and doc[m.end - 1].lower_ == noun and profile.sector in desc.sectors:
                return profile  # the same noun again: the same body
            if profile is None or profile.kind not in ("organisation", "group") or not profile.country:
                continue
            if profile.sector in desc.sectors and profile.id in (
                    self._institution(state, profile.country, desc).id, generic_id(profile.country, desc.sector or "GOV")):
                return profile
        return None

    def _institution(self, state: _State, country: str, desc: Description) -> ActorProfile:
        """The actor file's institution of ``country`` for ``desc``, else the generic actor."""
        key = (country, desc.phrase)
        if key not in self._institutions:
            found = next((e for e in self.gaz.entries.values()
                          if e.country == country and e.sector == desc.sector and country in e.affiliations
                          and e.kind in ("organisation", "group") and any(
                              word in name.lower() for name in (e.name, *e.aliases) for word in desc.institution)),
                         None)
            self._institutions[key] = found.id if found else None
        known = self._institutions[key]
        holder = self.gaz.holder(country, desc.sector or "GOV", state.date)
        if holder is not None or (known and state.date and self.gaz.entries[known].roles):
            known = holder  # "the government" of Libya in 2019 is the GNA, in 2022 the GNU
        return self._known(state, known) if known else self._generic_profile(state, country, desc.sector or "GOV")

    def _appositive(self, doc: Doc, state: _State, end: int, desc: Description) -> str | None:
        """"the president, Donald Trump"."""
        if end + 1 < len(doc) and doc[end].text == ",":
            owner = state.owner[end + 1]
            if owner is not None and owner.start == end + 1:
                profile = self._profile(state, owner.actor_id)
                if profile is not None and self._compatible(profile, desc.kind, frozenset()):
                    return owner.actor_id
        return None

    def _pronouns(self, doc: Doc, state: _State) -> None:
        for tok in doc:
            kind = PRONOUNS.get(tok.lower_)
            if kind is None or state.owner[tok.i] is not None or tok.pos_ not in ("PRON", "DET"):
                continue
            if tok.lower_ == "it" and (tok.dep_ not in ("nsubj", "nsubjpass")
                                       or tok.head.lemma_ in ("be", "seem", "appear", "remain")):
                continue
            actor_id = None
            if tok.lower_ in PLURAL_PRONOUNS:
                found = self._plural_referent(doc, state, tok)
                if found is not None and len(found.actors) > 1:
                    state.groups[tok.i] = found.actors
                actor_id = found.actors[0] if found is not None else None
            actor_id = actor_id or self._antecedent(doc, state, tok.i, kind, frozenset(), max_sentences=1,
                                                    pronoun=tok)
            if actor_id is not None:
                state.add(tok.i, tok.i + 1, actor_id, "pronoun", None)
                if tok.dep_ == "poss":
                    self._possessed(doc, state, tok, actor_id)

    def _plural_referent(self, doc: Doc, state: _State, tok: Token) -> Antecedent | None:
        """A coordination ("Qatar and Turkey") or plural phrase for "they" (see :mod:`.plural`)."""
        sents = [s for s in doc.sents if s.start <= tok.sent.start]
        window_start = sents[-2].start if len(sents) > 1 else 0

        def usable(m: _M, in_group: bool) -> bool:
            profile = self._profile(state, m.actor_id)
            if self._not_antecedent(doc, state, m, tok):
                return False
            if in_group and profile is not None and profile.kind == "person":
                return True  # "Putin and Erdogan ... they"
            return self._compatible(profile, "thing", frozenset())

        def plural(m: _M) -> bool:  # a plural phrase, or an organisation ("Daesh ... as they see")
            profile = self._profile(state, m.actor_id)
            return self._plural(doc, m) or (profile is not None and profile.kind in ("organisation", "group"))

        return plural_antecedent(doc, tok, state.mentions, lambda i: state.owner[i], usable, plural,
                                 window_start, state.groups)

    def _first_person(self, doc: Doc, state: _State) -> None:
        """"I" is the speaker when a person; "we" the speaker's state or organisation."""
        tokens = [t for t in doc if t.lower_ in FIRST_PERSON and t.pos_ in ("PRON", "DET") and state.owner[t.i] is None]
        if not tokens:
            return

        def owner(i: int) -> str | None:  # "he said:" counts: third-person pronouns are resolved by now
            m = state.owner[i]
            return m.actor_id if m is not None else None

        def kind(actor_id: str) -> str | None:
            profile = self._profile(state, actor_id)
            return profile.kind if profile is not None else None

        def lookup(name: str) -> str | None:
            surface = self.gaz.surfaces.get(name)
            return surface.actor_id if surface is not None else None

        speakers = speaker_regions(doc, owner, kind, lookup)
        for tok in tokens:
            speaker = speakers[tok.i]
            profile = self._profile(state, speaker) if speaker else None
            if profile is None:
                continue
            actor_id = self._speaker_body(state, profile) if FIRST_PERSON[tok.lower_] == "body" else (
                profile.id if profile.kind == "person" else None)
            if actor_id is not None:
                state.add(tok.i, tok.i + 1, actor_id, "pronoun", None)
                if tok.dep_ == "poss":
                    self._possessed(doc, state, tok, actor_id)

    def _speaker_body(self, state: _State, profile: ActorProfile) -> str | None:
        """The body a speaker says "we" for: itself, a person's organisation, or an official's state."""
        if profile.kind in ("country", "organisation", "group"):
            return profile.id
        related = [self._known(state, a) for a in (*profile.affiliations, *self.gaz.affiliated.get(profile.id, ()))]
        org = next((p for p in related if p is not None and p.kind in ("organisation", "group", "country")), None)
        if org is not None:
            return org.id
        if profile.country and len(profile.country) == 3 and profile.sector == "GOV":
            return profile.country if profile.country in self.gaz.entries else None
        return None
