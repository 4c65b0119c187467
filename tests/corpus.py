"""Locate ../shared/corpus beside the checkout; skip tests cleanly when it is absent."""

from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def corpus_dir(name: str) -> Path:
    path = SHARED / "corpus" / name
    if not path.is_dir():
        pytest.skip(f"{path} is absent: the corpus tests need ../shared/corpus beside the checkout")
    return path
