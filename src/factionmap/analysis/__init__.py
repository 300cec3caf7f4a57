"""Analysis over stored events: the signed network, camps, contradictions, timelines, exports.

Every function takes an iterable of :class:`factionmap.model.DocumentAnalysis`
(from :meth:`factionmap.store.Store.iter_analyses` or straight from the
pipeline) and returns frozen records with a ``to_record()`` for JSON.
"""

from __future__ import annotations

from factionmap.analysis.camps import (
    CampOptions,
    CampResult,
    Partition,
    Violation,
    find_camps,
    frustration,
    partition_signed,
)
from factionmap.analysis.codes import PLOVER_CODES, PloverCode, code_for, intensity
from factionmap.analysis.contradictions import Contradiction, ContradictionOptions, find_contradictions
from factionmap.analysis.export import EXPORT_FORMATS, ExportError, ExportOptions, export, tables
from factionmap.analysis.network import (
    Evidence,
    NetworkOptions,
    Relation,
    SignedNetwork,
    build_network,
    iter_relations,
)
from factionmap.analysis.scope import Scope, ScopeError, scope_network
from factionmap.analysis.timeline import (
    OutletAgreement,
    OutletRelation,
    SourceComparison,
    TimelineBucket,
    TimelineOptions,
    compare_sources,
    timeline,
)

__all__ = [
    "CampOptions", "CampResult", "Partition", "Violation", "find_camps", "frustration", "partition_signed",
    "PLOVER_CODES", "PloverCode", "code_for", "intensity",
    "Contradiction", "ContradictionOptions", "find_contradictions",
    "EXPORT_FORMATS", "ExportError", "ExportOptions", "export", "tables",
    "Evidence", "NetworkOptions", "Relation", "SignedNetwork", "build_network", "iter_relations",
    "OutletAgreement", "OutletRelation", "SourceComparison", "TimelineBucket", "TimelineOptions",
    "compare_sources", "timeline",
    "Scope", "ScopeError", "scope_network",
]
