"""Fixed word sets and small helpers the resolver's passes share (closed classes of English words)."""

from __future__ import annotations

__all__ = [
    "CONFIDENCE",
    "DEMONSTRATIVES",
    "DIRECTIONS",
    "FIRST_PERSON",
    "FORMER",
    "INSTITUTIONAL",
    "INSURGENT_SECTORS",
    "LOCATIVE",
    "METONYM_PREPS",
    "NAMED_LABELS",
    "NGO_HEADS",
    "NOT_PLACES",
    "PLACE_VERBS",
    "PLACE_WORDS",
    "POLICY_NOUNS",
    "PRONOUNS",
    "SECTOR_NAMES",
    "STATE_NOUNS",
    "TITLE_MODIFIERS",
    "TRANSCRIPT_LABELS",
    "TRANSNATIONAL",
    "VOWELS",
    "_vowel_variant",
    "generic_id",
]

CONFIDENCE = {
    "alias": 1.0, "acronym": 0.95, "defined": 0.9, "metonym": 0.95, "demonym": 0.9, "title": 0.9,
    "generic": 0.8, "possessive": 0.8, "affiliated": 0.8, "fuzzy": 0.8, "description": 0.7, "pronoun": 0.5, "ner": 0.5,
}
SECTOR_NAMES = {
    "GOV": "government", "MIL": "military", "REB": "rebels", "OPP": "opposition", "COP": "police",
    "JUD": "judiciary", "LEG": "legislature", "CVL": "civilians", "REF": "refugees", "MED": "media",
    "BUS": "business", "UAF": "armed men", "SPY": "intelligence", "EDU": "students", "LAB": "workers",
    "AGR": "farmers", "HLH": "health workers", "IGO": "organisation", "NGO": "organisation", "ELI": "elites",
}
TITLE_MODIFIERS = frozenset(
    "deputy vice foreign interior defence defense prime senior chief former finance state home justice "
    "security energy health first acting supreme top field lieutenant lt. maj. major brig. brigadier "
    "opposition rebel military militia party of for the anti-jihadi mr mr. mrs ms dr dr. sheikh ayatollah".split()
)
NAMED_LABELS = {"PERSON": "person", "ORG": "organisation", "GPE": "location", "LOC": "location",
                "FAC": "location", "NORP": "group"}
PRONOUNS = {
    "he": "person", "him": "person", "his": "person", "himself": "person", "she": "person",
    "her": "person", "herself": "person", "it": "thing", "its": "thing", "itself": "thing",
    "they": "thing", "them": "thing", "their": "thing", "themselves": "thing",
}
LOCATIVE = frozenset({"in", "into", "on", "across", "inside", "near", "outside", "around", "throughout", "of", "at"})
NOT_PLACES = frozenset(
    "north south east west central university union national international republic state city town "
    "government army police court media march may june august today monday sunday".split()
)
DIRECTIONS = frozenset(
    "north south east west northern southern eastern western central upper lower greater "
    "north-east north-west south-east south-west northeast northwest southeast southwest".split()
)
PLACE_WORDS = frozenset("state province region district governorate city town county area".split())
POLICY_NOUNS = frozenset(
    "role decision policy support position friendship relations ties response move plan offer demand stance "
    "call proposal attempt refusal approval backing interest interests ally allies".split()
)
STATE_NOUNS = frozenset({"government", "administration", "authorities", "regime", "cabinet"})
PLACE_VERBS = frozenset(
    "attack shell bomb strike hit capture seize take enter reach storm besiege encircle surround retake recapture "
    "occupy liberate control defend visit leave flee invade raid target approach bombard evacuate".split()
)
TRANSNATIONAL = frozenset(
    "international world global african european arab asian islamic regional pan continental united nations "
    "gulf atlantic pacific latin america americas africa europe asia commonwealth".split()
)
#: Sectors of an organisation's own people: "Hamas officials" and "NATO troops" are the organisation.
INSTITUTIONAL = frozenset({"GOV", "MIL", "REB", "UAF", "COP", "SPY", "LEG", "JUD", "IGO", "NGO"})
#: Head words of civil bodies: with a transnational name, the body is coded ``NGO``.
NGO_HEADS = frozenset(
    "association federation foundation institute society network watch group centre center committee "
    "coalition movement".split()
)
FORMER = frozenset({"former", "ex", "ex-", "erstwhile"})
TRANSCRIPT_LABELS = frozenset({"question", "answer", "q", "a", "moderator", "participant", "operator"})
FIRST_PERSON = {
    "i": "person", "me": "person", "my": "person", "myself": "person", "mine": "person",
    "we": "body", "us": "body", "our": "body", "ours": "body", "ourselves": "body",
}
METONYM_PREPS = frozenset({"with", "by", "between", "from", "against"})


VOWELS = frozenset("aeiouy")


def _vowel_variant(a: str, b: str) -> bool:
    """Whether two words of a fuzzy match differ as spellings do: letters differing at the same
    place are vowels ("Hafter"/"Haftar"); words of different lengths pass (a dropped letter)."""
    if len(a) != len(b):
        return True
    return all(x == y or (x.lower() in VOWELS and y.lower() in VOWELS) for x, y in zip(a, b))


INSURGENT_SECTORS = frozenset({"REB", "UAF"})


def generic_id(country: str | None, sector: str) -> str:
    """Id of a generic agent: the country actor for ``GOV`` of a state, else ``<country><sector>``."""
    if country and sector == "GOV" and country not in ("IGO", "NGO", "IMG"):
        return country
    return f"{country or ''}{sector}"


#: Determiners that point back to something just named ("these terrorists").
DEMONSTRATIVES = frozenset({"these", "those"})
