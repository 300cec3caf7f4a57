"""The PLOVER code table: intensities for the network, CAMEO and GDELT-style codes for exports.

One row per PLOVER type.  Columns:

``intensity``
    A PLOVER/POLECAT-style intensity on the -10..+10 scale (the Goldstein value
    of the CAMEO root the type maps to, rounded).  Its absolute value is the
    weight one event adds to a network edge; its sign must agree with
    :attr:`factionmap.model.Event.sign` (REQUEST and RETREAT are neutral: they
    count as events but weigh nothing in the signed network).
``cameo``
    The CAMEO event code a PLOVER type maps to by default (EventCode in GDELT).
    Mapping: AGREE→030 (express intent to cooperate), CONSULT→040, SUPPORT→051
    (praise or endorse; PLOVER SUPPORT is the diplomatic part of CAMEO 05),
    COOPERATE→060, AID→070, CONCEDE→080 (yield), RETREAT→087 (de-escalate),
    REQUEST→020 (appeal), ACCUSE→112, REJECT→120, THREATEN→130, PROTEST→140,
    MOBILIZE→150 (exhibit force posture), SANCTION→163 (embargo, sanctions),
    COERCE→170, ASSAULT→190 (use conventional military force; 180 when the
    target is civilian, see :data:`CIVILIAN_ASSAULT_CODE`).
``goldstein``
    The Goldstein-like score written to the CAMEO TSV (GDELT's value for that code).
``quad``
    GDELT QuadClass: 1 verbal cooperation (CAMEO roots 01–05), 2 material
    cooperation (06–08), 3 verbal conflict (09–13), 4 material conflict (14–20).
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType
from typing import Mapping

__all__ = ["PloverCode", "PLOVER_CODES", "CIVILIAN_ASSAULT_CODE", "code_for", "intensity"]


@dataclass(frozen=True, slots=True)
class PloverCode:
    """How one PLOVER type is weighted and coded."""

    type: str
    intensity: float
    cameo: str
    goldstein: float
    quad: int

    @property
    def cameo_root(self) -> str:
        """The two-digit CAMEO root (EventRootCode)."""
        return self.cameo[:2]


_ROWS: tuple[PloverCode, ...] = (
    PloverCode("AGREE", 4.0, "030", 4.0, 1),
    PloverCode("CONSULT", 1.0, "040", 1.0, 1),
    PloverCode("SUPPORT", 3.4, "051", 3.4, 1),
    PloverCode("COOPERATE", 6.0, "060", 6.0, 2),
    PloverCode("AID", 7.0, "070", 7.0, 2),
    PloverCode("CONCEDE", 5.0, "080", 5.0, 2),
    PloverCode("RETREAT", 0.0, "087", 9.0, 2),
    PloverCode("REQUEST", 0.0, "020", 3.0, 1),
    PloverCode("ACCUSE", -2.0, "112", -2.0, 3),
    PloverCode("REJECT", -4.0, "120", -4.0, 3),
    PloverCode("THREATEN", -4.4, "130", -4.4, 3),
    PloverCode("PROTEST", -6.5, "140", -6.5, 4),
    PloverCode("MOBILIZE", -7.2, "150", -7.2, 4),
    PloverCode("SANCTION", -8.0, "163", -8.0, 4),
    PloverCode("COERCE", -7.0, "170", -7.0, 4),
    PloverCode("ASSAULT", -10.0, "190", -10.0, 4),
)

#: Every PLOVER type with its codes, keyed by type.
PLOVER_CODES: Mapping[str, PloverCode] = MappingProxyType({row.type: row for row in _ROWS})

#: ASSAULT on a civilian target is coded as CAMEO 180 (unconventional violence), Goldstein -9.
CIVILIAN_ASSAULT_CODE = PloverCode("ASSAULT", -10.0, "180", -9.0, 4)


def code_for(event_type: str, target_sector: str | None = None) -> PloverCode:
    """The code row for a PLOVER type; raises ``KeyError`` naming an unknown type."""
    try:
        row = PLOVER_CODES[event_type]
    except KeyError:
        raise KeyError(f"unknown PLOVER event type {event_type!r}") from None
    if event_type == "ASSAULT" and target_sector == "CVL":
        return CIVILIAN_ASSAULT_CODE
    return row


def intensity(event_type: str) -> float:
    """The signed intensity of a PLOVER type (0.0 for neutral or unknown types)."""
    row = PLOVER_CODES.get(event_type)
    return row.intensity if row else 0.0
