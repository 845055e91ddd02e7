"""Scoring scopes of the gold sets (hand-built records and predictions, no model)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from transforms.evaluate import (
    SCOPE_ALL, SCOPE_STATES, GoldEvent, GoldRecord, Predicted, load_gold, score, scored_actor, to_predicted,
)


def row(source_code, source_country, source_sector, target_code, target_country, target_sector, kind="ASSAULT") -> dict:
    return {
        "source_code": source_code, "source_country": source_country, "source_sector": source_sector,
        "target_code": target_code, "target_country": target_country, "target_sector": target_sector,
        "plover_type": kind, "polarity": "positive", "modality": "asserted", "confidence": 0.8,
    }


def test_states_scope_leaves_non_state_actors_out() -> None:
    assert scored_actor("SDNREB", "SDN", "REB", SCOPE_STATES) is None
    assert scored_actor("SDNMIL", "SDN", "MIL", SCOPE_STATES) == "SDN"
    assert scored_actor("IGOUNO", None, None, SCOPE_STATES) == "IGO"
    assert scored_actor(None, None, None, SCOPE_STATES) is None


def test_all_scope_scores_every_coded_actor_by_its_country() -> None:
    assert scored_actor("SDNREB", "SDN", "REB", SCOPE_ALL) == "SDN"
    assert scored_actor("PSECVL", "PSE", "CVL", SCOPE_ALL) == "PSE"
    assert scored_actor("IGOUNO", None, None, SCOPE_ALL) == "IGO"
    assert scored_actor(None, None, None, SCOPE_ALL) is None  # unknown to the dictionary


def test_default_scope_is_states_and_unknown_scopes_fail() -> None:
    assert scored_actor("SDNREB", "SDN", "REB") is None
    with pytest.raises(ValueError):
        scored_actor("SDN", "SDN", None, "everything")


def test_loaders_carry_the_scope_of_their_gold_set(tmp_path: Path) -> None:
    plover = tmp_path / "gsr.json"
    plover.write_text(json.dumps([{
        "id": "P1", "date": "2000-01-01", "event": "ASSAULT", "text": "Sudanese troops attacked rebels.",
        "source": [{"code": "SDN"}], "target": [{"code": "SDNREB"}],
    }]), encoding="utf-8")
    ours = tmp_path / "gold.jsonl"
    ours.write_text(json.dumps({
        "id": "D1", "text": "Poland condemned Belarus.", "published": "2024-06-01",
        "events": [{"source": "POL", "target": "BLR", "type": "ACCUSE"}],
    }) + "\n", encoding="utf-8")
    [p] = load_gold(plover)
    [d] = load_gold(ours)
    assert p.scope == SCOPE_ALL and p.events == [GoldEvent("SDN", "SDN", "ASSAULT")]
    assert d.scope == SCOPE_STATES


def test_domestic_event_scores_under_the_all_scope_only() -> None:
    extracted = row("SDNMIL", "SDN", "MIL", "SDNREB", "SDN", "REB")
    gold = GoldRecord("r", "The Sudanese army attacked Sudanese rebels.", None, [GoldEvent("SDN", "SDN", "ASSAULT")])
    all_scope = score([gold], {"r": [to_predicted(extracted, SCOPE_ALL)]})
    assert (all_scope.events.tp, all_scope.events.fp, all_scope.events.fn) == (1, 0, 0)
    # Under the states scope the rebels are not coded: the event is not scored at all.
    states = score([gold], {"r": [to_predicted(extracted, SCOPE_STATES)]})
    assert (states.events.tp, states.events.fp, states.events.fn) == (0, 0, 1)


def test_non_state_event_is_no_false_event_under_the_states_scope() -> None:
    extracted = row("LBNREB", "LBN", "REB", "ISR", "ISR", None)
    empty = GoldRecord("n", "Hezbollah fired rockets at Israel.", None, [])
    states = score([empty], {"n": [to_predicted(extracted, SCOPE_STATES)]})
    assert states.events.fp == 0 and states.false_event_rate == 0.0
    every = score([empty], {"n": [to_predicted(extracted, SCOPE_ALL)]})
    assert every.events.fp == 1 and every.false_event_rate == 1.0


def test_score_matches_source_target_and_type() -> None:
    gold = GoldRecord("g", "text", None, [GoldEvent("RUS", "UKR", "FIGHT")])
    preds = [Predicted("RUS", "UKR", "ASSAULT", "positive", "asserted", 0.9),
             Predicted("UKR", "RUS", "ASSAULT", "positive", "asserted", 0.5)]
    report = score([gold], {"g": preds})
    assert (report.events.tp, report.events.fp, report.events.fn) == (1, 1, 0)
    assert (report.dyads.tp, report.dyads.fp, report.dyads.fn) == (1, 1, 0)


def test_domestic_dyad_of_two_state_organs_is_out_of_the_states_scope() -> None:
    extracted = row("IRQGOV", "IRQ", "GOV", "IRQMIL", "IRQ", "MIL", "COERCE")
    states = to_predicted(extracted, SCOPE_STATES)
    assert (states.source, states.target) == (None, None)
    every = to_predicted(extracted, SCOPE_ALL)
    assert (every.source, every.target) == ("IRQ", "IRQ")
    igos = to_predicted(row("IGOUNO", None, None, "IGOEU", None, None, "CONSULT"), SCOPE_STATES)
    assert (igos.source, igos.target) == ("IGO", "IGO")  # two organisations stay scored
