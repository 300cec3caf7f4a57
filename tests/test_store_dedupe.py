"""Store: near-duplicate stories are linked to their first copy (MinHash)."""

from __future__ import annotations

from factionmap.model import Document, DocumentAnalysis, Section
from factionmap.store import Store

STORY = (
    "Heavy fighting broke out in the capital on Saturday after paramilitary forces attacked army bases "
    "and seized the presidential palace, witnesses said. The army launched air strikes on paramilitary "
    "positions across the city while residents sheltered in their homes without power or water. At least "
    "fifty civilians were killed on the first day of clashes, a doctors' union said, and hospitals ran short "
    "of blood and fuel. The UN Secretary-General called on both generals to stop the fighting immediately "
    "and to open corridors so that aid could reach the wounded."
)
OTHER = (
    "Foreign ministers met in the Gulf on Monday to discuss a framework for talks, officials said. Delegations "
    "from the region and from Western capitals reviewed proposals for monitoring a truce, exchanging prisoners "
    "and reopening airports, and they agreed to meet again next month after consulting their governments at "
    "home. Diplomats described the atmosphere as cautious but constructive and declined to give details."
)


def _analysis(doc_id: str, body: str, comment: str = "") -> DocumentAnalysis:
    text = body + ("\n" + comment if comment else "")
    sections = [Section("body", 0, len(body))]
    if comment:
        sections.append(Section("comment", len(body) + 1, len(text)))
    return DocumentAnalysis(Document(doc_id, text, tuple(sections), name=f"{doc_id}.txt"))


def test_republished_story_links_to_first_copy(tmp_path):
    reworded = "KHARTOUM (Wire) - " + STORY.replace("on Saturday", "on Saturday morning") + " More to follow."
    with Store(tmp_path / "fm.db") as store:
        assert store.add(_analysis("first", STORY))
        store.add(_analysis("other", OTHER))
        store.add(_analysis("copy", reworded, comment="Reader: this is awful, stop the war now please."))
        store.add(_analysis("copy2", reworded + " Updated at noon."))
        assert store.duplicate_of("first") is None
        assert store.duplicate_of("other") is None
        assert store.duplicate_of("copy") == "first"
        assert store.duplicate_of("copy2") == "first"  # linked to the first copy, not the chain


def test_short_texts_are_only_compared_exactly(tmp_path):
    with Store(tmp_path / "fm.db") as store:
        store.add(_analysis("a", "Russia backs Haftar."))
        store.add(_analysis("b", "Russia backs Haftar!"))
        store.add(_analysis("c", "Russia backs Haftar."))
        assert store.duplicate_of("b") is None
        assert store.duplicate_of("c") == "a"


def test_duplicate_of_pointing_outside_the_store_is_recomputed(tmp_path):
    from dataclasses import replace

    orphan = _analysis("x", STORY)
    orphan = replace(orphan, document=replace(orphan.document, duplicate_of="not-stored"))
    with Store(tmp_path / "fm.db") as store:
        assert store.add(orphan)
        assert store.duplicate_of("x") is None


def test_signature_matches_a_fresh_minhash_of_the_same_shingles() -> None:
    """The permutations made once per process give datasketch's own signature (seed 1,
    its default scheme), so signatures stored before and after the cache agree."""
    import re

    import numpy as np
    from datasketch import MinHash

    from factionmap.store.dedupe import NUM_PERM, SHINGLE, signature

    text = " ".join(f"convoy{i} crossed the border at dawn" for i in range(20))
    words = re.findall(r"\w+", text.lower())
    fresh = MinHash(num_perm=NUM_PERM, seed=1)
    fresh.update_batch(list({" ".join(words[i : i + SHINGLE]).encode() for i in range(len(words) - SHINGLE + 1)}))
    first, again = signature(text), signature(text)
    assert first is not None and again is not None
    assert np.array_equal(first, fresh.hashvalues.astype(np.uint64))
    assert np.array_equal(first, again)
