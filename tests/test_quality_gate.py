"""Quality gate: the dev figures as floors; a change that drops one fails here.

One pipeline run per dataset per session (module-scoped reports, the
session's shared analyzer).  Floors sit slightly below what the code reached
when they were set; raise them when the code gets better, never lower them to
let a regression through.  The issues' acceptance targets are asserted
separately (``TARGETS``), so a miss names the target it breaks.
FA-KES runs on its first :data:`FAKES_SUBSET` records to keep the gate fast.
"""

from __future__ import annotations

import json

import pytest

from factionmap.evaluate import evaluate_fakes, evaluate_plover, evaluate_plv, evaluate_re3d, evaluate_seed, load_gold

pytestmark = pytest.mark.slow

FAKES_SUBSET = 200

#: (dataset, metric) -> floor. Measured 2026-12-02 (tenth session) at the commit that set them; the
#: figure reached is in each comment.  Issue 10 moved the PLOVER floors down twice (the rule coder had
#: been grown on these very records: 0.775 event F1), then up again as the coder learnt commitments and
#: light verbs as frames and the typer (trained only on the project's corpus, encoder fine-tuned on
#: 80% of it) was refitted; issue 11's actor passes moved country and sector.  The sixth session's
#: codebook-aligned corpus and encoder (top 4 layers fine-tuned) find more PLOVER events (type recall
#: 0.852 -> 0.898) at lower precision (event F1 0.661 -> 0.646); the seventh session's corpus (CAMEO 12, 13,
#: 14, 05, 06 and 08 kinds) and an encoder with all six layers fine-tuned gain on PLV (0.810 -> 0.824) and on
#: every held-out set, and lose a little on PLOVER (type recall 0.917 -> 0.907 with the four-layer run of the
#: same corpus) and one re3d signed pair.  The ninth session lets the corpus fit ``add_beside`` (0.5: the
#: model's own events beside kept coder events), which finds more events on PLV and the held-out sets
#: (embedded, reported and background events) and costs PLOVER precision (event F1 0.653 -> 0.617; PLOVER
#: codes one event per record and no embedded hypothetical act).  The tenth session's readings (parties
#: named with "between", stance verbs, refusals) find one more PLOVER event type (0.907 -> 0.917).
FLOORS: dict[tuple[str, str], float] = {
    ("plover", "event_f1"): 0.605,  # 0.613 (0.617 in the ninth session; 0.653 with add_beside 0.7 in the eighth)
    ("plover", "strict_event_f1"): 0.58,  # 0.585 (type + country + sector; 0.589 in the ninth, 0.624 in the eighth)
    ("plover", "counted_event_f1"): 0.64,  # 0.647 (0.650 in the ninth; predictions neither negated nor hypothetical)
    ("plover", "type_recall"): 0.91,  # 0.917 (0.907 in the ninth session, 0.898 in the sixth, 0.852 in the fifth)
    # 91 of 98 and 81 of 87 (tenth session): the same 91 and 81 right as in the ninth (of 97 and 86); one more
    # gold event is matched, a background "fighting between" the two sides, whose gold actors are another's
    ("plover", "source_country_accuracy"): 0.925,  # 0.929 (0.938 in the ninth session; 0.928 without the custody role)
    ("plover", "target_country_accuracy"): 0.925,  # 0.931 (0.943 in the ninth session)
    ("plover", "source_sector_accuracy"): 0.92,  # 0.930 (0.982; primary CAMEO role scored, "***" as none)
    ("plover", "target_sector_accuracy"): 0.845,  # 0.851 (0.867 over fewer matched events)
    ("plover", "figure_accuracy"): 0.75,  # 1.0 (4 figures)
    ("plv", "type_recall"): 0.835,  # 0.842 (0.839 in the ninth session, 0.826 in the eighth, 0.58 before issue 10)
    ("plv", "role_recall"): 0.675,  # 0.685 (0.675, 0.674; 0.40 before)
    ("plv", "top_event_accuracy"): 0.79,  # 0.797 (0.790, 0.786; main event by clause level, asserted over hypothetical)
    ("plv", "event_f1"): 0.46,  # 0.466 (0.471; type + both gold spans overlapped)
    ("re3d", "entity_f1_overlap"): 0.88,  # 0.888
    ("re3d", "entity_f1_exact"): 0.63,  # 0.641
    ("re3d", "signed_pair_f1"): 0.455,  # 0.464 (0.460 in the ninth session, 0.454 in the eighth, 0.448 in the seventh)
    ("fakes", "civilians_killed_accuracy"): 0.93,  # 0.943 on the subset, 0.929 on all 402
    ("fakes", "location_accuracy"): 0.77,  # on the subset; 0.806 on all 402 (issue 13)
    ("seed", "events_found"): 11,  # 11 of 11
    ("seed", "figures_found"): 3,
    ("seed", "quotes_found"): 2,
    ("seed", "sections_found"): 3,
    ("seed", "aliases_found"): 5,
    ("seed", "comment_voice_found"): 1,
    # issue 11 (actors): per kind of actor coded, and typed entities
    ("re3d", "entity_f1_overlap_typed"): 0.76,  # 0.773
    ("plover", "country_accuracy_state"): 0.95,  # 0.974
    ("plover", "country_accuracy_person"): 0.90,  # 1.0
    ("plover", "sector_accuracy_person"): 0.90,  # 0.944
}

#: The issues' acceptance targets that hold, asserted outright (issues 2, 3, 4, 10, 11).  Targets
#: not reached yet are listed in :data:`OPEN_TARGETS` and not asserted.
TARGETS: dict[tuple[str, str], float] = {
    ("plover", "type_recall"): 0.85,  # issue 10 (0.917)
    ("plv", "role_recall"): 0.60,  # issue 10 (0.686)
    ("plv", "top_event_accuracy"): 0.75,  # issue 10 (0.797)
    ("plover", "target_country_accuracy"): 0.93,  # issue 11 (0.931)
    ("plover", "source_sector_accuracy"): 0.80,  # issue 11 (0.982)
    ("plover", "target_sector_accuracy"): 0.80,  # issue 11 (0.884)
    ("fakes", "civilians_killed_accuracy"): 0.70,
    ("fakes", "location_accuracy"): 0.75,
    ("seed", "events_found"): 11,
    ("re3d", "entity_f1_overlap_typed"): 0.70,  # issue 11
    ("re3d", "entity_f1_overlap"): 0.88,  # issue 11 (0.888)
    ("re3d", "signed_pair_f1"): 0.45,  # issue 10 (0.464)
}

#: Issue 10's targets not met at the commit that set the floors (figures in FLOORS).
OPEN_TARGETS: dict[tuple[str, str], float] = {
    ("plv", "type_recall"): 0.85,  # 0.842
    # 0.617 (0.653 with add_beside pinned at 0.7, over the target only through the custody role, which
    # reading one of these records prompted: not counted as met either way)
    ("plover", "event_f1"): 0.65,
    # issue 11: 0.929 (91 of 98) in the tenth session; see FLOORS
    ("plover", "source_country_accuracy"): 0.93,
}

@pytest.fixture(scope="module")
def reports(shared_dir, analyzer):
    """Lazily computed report per dataset (each dataset is run once)."""
    cache: dict[str, dict[str, float]] = {}
    eval_dir = shared_dir / "eval"

    def get(dataset: str) -> dict[str, float]:
        if dataset not in cache:
            if dataset == "plover":
                report = evaluate_plover(load_gold(eval_dir / "plover-dev.jsonl"), analyzer)
            elif dataset == "plv":
                report = evaluate_plv(load_gold(eval_dir / "plv-dev.jsonl"), analyzer)
            elif dataset == "re3d":
                report = evaluate_re3d(load_gold(eval_dir / "re3d-dev.jsonl"), analyzer)
            elif dataset == "fakes":
                report = evaluate_fakes(load_gold(eval_dir / "fakes-dev.jsonl")[:FAKES_SUBSET], analyzer)
            else:
                expected = json.loads((eval_dir / "seed-expected.json").read_text(encoding="utf-8"))
                report = evaluate_seed(expected, analyzer)
            cache[dataset] = report.metrics()
        return cache[dataset]

    return get


@pytest.mark.parametrize("dataset, metric", sorted(FLOORS), ids=[f"{d}-{m}" for d, m in sorted(FLOORS)])
def test_floor(reports, dataset, metric):
    value = reports(dataset)[metric]
    assert value >= FLOORS[dataset, metric], f"{dataset} {metric} fell to {value:.3f} (floor {FLOORS[dataset, metric]})"


@pytest.mark.parametrize("dataset, metric", sorted(TARGETS), ids=[f"{d}-{m}" for d, m in sorted(TARGETS)])
def test_target(reports, dataset, metric):
    value = reports(dataset)[metric]
    assert value >= TARGETS[dataset, metric], f"{dataset} {metric} is {value:.3f}, below the issue's target"
