"""Fixed word sets and small helpers the resolver's passes share (closed classes of English words)."""

from __future__ import annotations

__all__ = [
    "CONFIDENCE",
    "DEMONSTRATIVES",
    "FIRST_PERSON",
    "INSTITUTIONAL",
    "INSURGENT_SECTORS",
    "LOCATIVE",
    "PLACE_PREPS",
    "METONYM_PREPS",
    "NAMED_LABELS",
    "PRONOUNS",
    "SECTOR_NAMES",
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
    "MOS": "Muslims", "CHR": "Christians", "JEW": "Jews", "HIN": "Hindus", "BUD": "Buddhists", "SIK": "Sikhs",
    "REL": "clergy", "CRM": "criminals",
}
NAMED_LABELS = {"PERSON": "person", "ORG": "organisation", "GPE": "location", "LOC": "location",
                "FAC": "location", "NORP": "group"}
PRONOUNS = {
    "he": "person", "him": "person", "his": "person", "himself": "person", "she": "person",
    "her": "person", "herself": "person", "it": "thing", "its": "thing", "itself": "thing",
    "they": "thing", "them": "thing", "their": "thing", "themselves": "thing",
}
#: Prepositions whose object is a place, never a person ("a clinic in Khan Younis", "near Bakhmut").
PLACE_PREPS = frozenset({"in", "into", "inside", "near", "outside", "around", "throughout", "across"})
LOCATIVE = frozenset({"in", "into", "on", "across", "inside", "near", "outside", "around", "throughout", "of", "at"})
#: Sectors of an organisation's own people: "Hamas officials" and "NATO troops" are the organisation.
INSTITUTIONAL = frozenset({"GOV", "MIL", "REB", "UAF", "COP", "SPY", "LEG", "JUD", "IGO", "NGO"})
#: Head words of civil bodies: with a transnational name, the body is coded ``NGO``.
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
