"""Evaluation against gold data: PLOVER sentences, re3d documents, FA-KES articles, the seed.

Each dataset has a function that runs the real pipeline (one :class:`Analyzer`,
documents batched through ``nlp.pipe``) and returns a frozen report:

- :func:`evaluate_plover` — event precision/recall/F1, type recall, per-type
  table, actor country/sector accuracy for events of the gold type, figures;
- :func:`evaluate_re3d` — entity P/R/F1 (overlap and exact, typed and
  untyped) and signed-pair F1 against re3d relations;
- :func:`evaluate_fakes` — share of articles with a non-zero gold civilian
  death toll where some ``killed`` figure equals it;
- :func:`evaluate_seed` — the seed op-ed against ``seed-expected.json``;
- :func:`evaluate_plv` — PLV sentences: type recall, role recall (span
  overlap), top-event accuracy, strict event F1 (:mod:`.plv`).

Every PLOVER report also carries a *strict* event F1: type, and for each side
the gold countries AND sectors met by the predicted actors' profiles; and a
*counted* event F1, over the predictions a POLECAT export counts (neither
negated nor hypothetical: PLOVER codes no denied or embedded hypothetical act).

:func:`evaluate_file` detects the dataset from the records and dispatches.

Definitions (kept deliberately simple so numbers are comparable run to run):

- *PLOVER event match*: a predicted event matches a gold event when the type
  is equal and, for each side (source, target) whose gold actors carry
  countries, the countries of the predicted actors on that side (from the
  actor profiles) intersect the gold countries.  A side whose gold actors
  carry no country (or is empty) is not checked.  Precision counts distinct
  predicted events matching some gold event of their record; recall counts
  gold events matched by some predicted event.
- *Actor accuracy* (issue 3): among records where an event of the gold type
  is found, the share where some such event's source (target) countries
  intersect the gold source (target) countries; sector likewise.  Records
  whose gold side has no country (sector) are left out of that measure.
- *re3d entity types*: a mention with rule ``demonym`` is ``Nationality``;
  otherwise the actor profile's kind maps person → ``Person``,
  organisation/group → ``Organisation``, location/country → ``Location``.
  Gold entities of other types (Weapon, Temporal, ...) are ignored; a
  predicted mention that overlaps none of the four gold types counts as a
  false positive.
- *Signed pairs*: each signed event gives a pair (source actor, target actor,
  sign) for every source × target; a gold relation with a sign is matched
  when a predicted pair of the same sign has, in either direction, one actor
  with a mention overlapping the gold source span and the other with a
  mention overlapping the gold target span.
"""

from __future__ import annotations

from pathlib import Path

from factionmap.evaluate.common import (
    RE3D_TYPES,
    EvaluationError,
    FakesReport,
    Miss,
    PloverReport,
    Re3dReport,
    Report,
    Score,
    SeedCheck,
    SeedReport,
    TypeRow,
    _default_analyzer,
    detect_dataset,
    load_gold,
    report_dict,
)
from factionmap.evaluate.fakes import evaluate_fakes
from factionmap.evaluate.plover import evaluate_plover
from factionmap.evaluate.plv import PlvReport, evaluate_plv
from factionmap.evaluate.re3d import evaluate_re3d, mention_type
from factionmap.evaluate.seed import analyze_seed, evaluate_seed
from factionmap.evaluate.written import WrittenReport, evaluate_written

__all__ = [
    "WrittenReport",
    "evaluate_written",
    "EvaluationError",
    "Miss",
    "Score",
    "TypeRow",
    "PloverReport",
    "PlvReport",
    "evaluate_plv",
    "Re3dReport",
    "FakesReport",
    "SeedCheck",
    "SeedReport",
    "detect_dataset",
    "load_gold",
    "evaluate_file",
    "evaluate_plover",
    "evaluate_re3d",
    "evaluate_fakes",
    "evaluate_seed",
    "RE3D_TYPES",
    "Report",
    "report_dict",
    "mention_type",
    "analyze_seed",
]


def evaluate_file(path: str | Path, analyzer=None, *, limit: int | None = None) -> Report:
    """Evaluate the pipeline on a gold file, detecting its dataset."""
    records = load_gold(path)
    if limit is not None:
        records = records[:limit]
    dataset = detect_dataset(records)
    functions = {
        "plover": evaluate_plover,
        "plv": evaluate_plv,
        "re3d": evaluate_re3d,
        "fakes": evaluate_fakes,
        "seed": lambda rs, a: evaluate_seed(rs[0], a),
        "written": evaluate_written,
    }
    return functions[dataset](records, _default_analyzer(analyzer))
