"""Regression guard for the coding quality recorded in tests/gold/scores.json.

Reruns both evaluations (Dotterel's own gold set and, when the shared
reference is present, the PLOVER gold standard records) and fails when F1
(events), F1 (dyads) or modality accuracy drop more than 0.02 below the
recorded figures, or the false-event rate on no-event records rises more than
0.02 above them.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from transforms.evaluate import evaluate
from fileio.resources import load_resources

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
SCORES = ROOT / "tests" / "gold" / "scores.json"
GOLD_SETS = {
    "dotterel_gold": ROOT / "tests" / "gold" / "dotterel_gold.jsonl",
    "plover_gsr": ROOT.parent / "shared" / "reference" / "PLOVER_GSR_CAMEO.json",
}
TOLERANCE = 0.02


@pytest.fixture(scope="module")
def res():
    return load_resources()


@pytest.mark.parametrize("name", sorted(GOLD_SETS))
def test_scores_do_not_regress(res, name: str) -> None:
    path = GOLD_SETS[name]
    if not path.is_file():
        pytest.skip(f"{path} is not available")
    recorded = json.loads(SCORES.read_text(encoding="utf-8"))[name]
    now = evaluate(path, res).as_dict()
    assert now["events"]["f1"] >= recorded["events"]["f1"] - TOLERANCE, (now["events"], recorded["events"])
    assert now["dyads"]["f1"] >= recorded["dyads"]["f1"] - TOLERANCE, (now["dyads"], recorded["dyads"])
    if recorded.get("modality_accuracy") is not None:
        assert now["modality_accuracy"] is not None
        assert now["modality_accuracy"] >= recorded["modality_accuracy"] - TOLERANCE
    if recorded.get("false_event_rate") is not None:
        assert now["false_event_rate"] is not None
        assert now["false_event_rate"] <= recorded["false_event_rate"] + TOLERANCE
