"""Event exports in the field's formats: GDELT 2.0 event table, POLECAT-style JSON lines, ACLED-style CSV.

Every format writes the same event ids (:func:`factionmap.model.event_id`, as in the store and
``factionmap events``; GDELT's numeric GLOBALEVENTID is that id's hex digits read as a number).
"""

from factionmap.analysis.formats.acled import ACLED_COLUMNS, acled_rows, write_acled
from factionmap.analysis.formats.common import CountedEvent, counted_events, gdelt_event_number
from factionmap.analysis.formats.gdelt import GDELT_COLUMNS, gdelt_rows, write_gdelt
from factionmap.analysis.formats.polecat import POLECAT_SCHEMA_FILE, polecat_records, polecat_schema, write_polecat

__all__ = [
    "ACLED_COLUMNS",
    "CountedEvent",
    "GDELT_COLUMNS",
    "POLECAT_SCHEMA_FILE",
    "acled_rows",
    "counted_events",
    "gdelt_event_number",
    "gdelt_rows",
    "polecat_records",
    "polecat_schema",
    "write_acled",
    "write_gdelt",
    "write_polecat",
]
