"""Shared fixtures. The spaCy pipeline is built once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """``../shared`` beside the checkout; tests that need it skip when it is absent."""
    if not SHARED.is_dir():
        pytest.skip("../shared is not present")
    return SHARED


@pytest.fixture(scope="session")
def nlp():
    from factionmap.pipeline import build_nlp

    return build_nlp()


@pytest.fixture(scope="session")
def analyzer(nlp):
    from factionmap.pipeline import Analyzer

    return Analyzer(nlp)
