"""Scoring scopes of the gold sets (hand-built records and predictions, no model)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from transforms.evaluate import (
    SCOPE_ALL, SCOPE_OPEN, SCOPE_STATES, GoldEvent, GoldRecord, Predicted, load_gold, score, scored_actor,
    to_predicted,
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


def devset_line(item_id: str, label: str, events: list[dict], text: str = "Invented text.") -> str:
    return json.dumps({"id": item_id, "text": text, "published": "2022-03-01", "class": label, "events": events})


def test_devset_lines_keep_null_sides_ngos_regions_and_their_class(tmp_path: Path) -> None:
    path = tmp_path / "dev.jsonl"
    path.write_text("\n".join([
        devset_line("d1", "no_act_word", [
            {"source": "KEN", "source_text": "Kenyan nurses", "target": None, "target_text": None,
             "type": "PROTEST", "cameo": "143", "polarity": "positive", "modality": "asserted"}]),
        devset_line("d2", "regions_blocs", [
            {"source": "WST", "target": "IRN", "type": "REQUEST"},
            {"source": "NGO", "target": "SUN", "type": "ACCUSE"}]),
        devset_line("d3", "no_event", []),
    ]) + "\n", encoding="utf-8")
    d1, d2, d3 = load_gold(path)
    assert d1.scope == SCOPE_OPEN and d1.label == "no_act_word"
    assert d1.events == [GoldEvent("KEN", None, "PROTEST", "positive", "asserted")]
    assert [(e.source, e.target) for e in d2.events] == [("WST", "IRN"), ("NGO", "SUN")]
    assert d3.events == [] and d3.label == "no_event"


def test_a_bad_devset_line_names_its_line(tmp_path: Path) -> None:
    path = tmp_path / "dev.jsonl"
    path.write_text(devset_line("d1", "ordinary", [{"source": "KEN"}]) + "\n{not json\n", encoding="utf-8")
    with pytest.raises(ValueError, match="dev.jsonl:1"):
        load_gold(path)


def test_open_scope_scores_every_actor_by_its_own_code() -> None:
    assert scored_actor("SDNREB", "SDN", "REB", SCOPE_OPEN) == "SDN"
    assert scored_actor("IGOUNO", None, "IGO", SCOPE_OPEN) == "IGO"
    assert scored_actor("NGOICRC", None, "NGO", SCOPE_OPEN) == "NGO"  # not IGO, unlike the PLOVER records
    assert scored_actor("WST", None, None, SCOPE_OPEN) == "WST"
    assert scored_actor("REB", None, "REB", SCOPE_OPEN) is None  # a sector with no country
    assert scored_actor(None, None, None, SCOPE_OPEN) is None


def test_a_null_side_matches_only_a_null_side_in_the_open_scope() -> None:
    gold = GoldRecord("o", "Kenyan nurses went on strike.", None, [GoldEvent("KEN", None, "PROTEST")],
                      scope=SCOPE_OPEN, label="no_act_word")
    one_sided = Predicted("KEN", None, "PROTEST", "positive", "asserted", 0.6)
    report = score([gold], {"o": [one_sided]})
    assert (report.events.tp, report.events.fp, report.events.fn) == (1, 0, 0)
    assert (report.dyads.tp, report.dyads.fp, report.dyads.fn) == (1, 0, 0)
    wrong_side = Predicted("KEN", "UGA", "PROTEST", "positive", "asserted", 0.6)
    report = score([gold], {"o": [wrong_side]})
    assert (report.events.tp, report.events.fp, report.events.fn) == (0, 1, 1)
    nothing_coded = Predicted(None, None, "PROTEST", "positive", "asserted", 0.6)
    report = score([gold], {"o": [nothing_coded]})
    assert (report.events.tp, report.events.fp, report.events.fn) == (0, 0, 1)


def test_one_sided_predictions_are_not_scored_where_the_gold_is_two_sided() -> None:
    gold = GoldRecord("s", "Text.", None, [GoldEvent("KEN", "UGA", "ACCUSE")])
    report = score([gold], {"s": [Predicted("KEN", None, "ACCUSE", "positive", "asserted", 0.6)]})
    assert (report.events.tp, report.events.fp, report.events.fn) == (0, 0, 1)


def test_per_class_counts_follow_the_items_class() -> None:
    records = [
        GoldRecord("a", "A.", None, [GoldEvent("PER", "CHL", "ACCUSE"), GoldEvent("PER", "BOL", "ACCUSE")],
                   scope=SCOPE_OPEN, label="coordination"),
        GoldRecord("b", "B.", None, [GoldEvent("MLI", None, "ASSAULT")], scope=SCOPE_OPEN, label="headline"),
        GoldRecord("c", "C.", None, [], scope=SCOPE_OPEN, label="no_event"),
    ]
    predictions = {
        "a": [Predicted("PER", "CHL", "ACCUSE", "positive", "asserted", 0.8)],
        "b": [],
        "c": [Predicted("FRA", "DEU", "CONSULT", "positive", "asserted", 0.4)],
    }
    report = score(records, predictions)
    classes = report.as_dict()["per_class"]
    assert classes["coordination"]["records"] == 1
    assert (classes["coordination"]["events"]["tp"], classes["coordination"]["events"]["fn"]) == (1, 1)
    assert classes["coordination"]["events"]["recall"] == 0.5
    assert (classes["headline"]["events"]["tp"], classes["headline"]["events"]["fn"]) == (0, 1)
    assert classes["no_event"]["events"]["fp"] == 1
    assert report.false_event_rate == 1.0
    # The aggregate (what a blind set may show) has no per-class or per-type rows.
    assert set(report.aggregate()) >= {"events", "dyads", "false_event_rate"}
    assert "per_class" not in report.aggregate() and "per_type" not in report.aggregate()


def test_sets_without_classes_have_no_per_class_scores() -> None:
    gold = GoldRecord("g", "text", None, [GoldEvent("RUS", "UKR", "ASSAULT")])
    assert "per_class" not in score([gold], {"g": []}).as_dict()


@pytest.mark.slow
def test_evaluate_command_shows_classes_and_hides_them_for_a_blind_set(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from flows.cli import app

    path = tmp_path / "dev.jsonl"
    path.write_text("\n".join([
        devset_line("d1", "ordinary", [{"source": "PER", "target": "CHL", "type": "CONSULT"}],
                    "Peru's foreign minister met Chilean officials in Lima on Monday."),
        devset_line("d2", "no_event", [], "The Chilean peso rose against the dollar."),
    ]) + "\n", encoding="utf-8")
    runner = CliRunner()
    text = runner.invoke(app, ["evaluate", "--gold", str(path)])
    assert text.exit_code == 0, text.output
    assert "per class" in text.output and "ordinary" in text.output and "no_event" in text.output
    as_json = runner.invoke(app, ["evaluate", "--gold", str(path), "--json"])
    scores = json.loads(as_json.output)
    assert scores["per_class"]["ordinary"]["records"] == 1 and scores["records"] == 2
    blind = runner.invoke(app, ["evaluate", "--gold", str(path), "--aggregate"])
    assert blind.exit_code == 0 and "ordinary" not in blind.output and "CONSULT" not in blind.output
    blind_json = json.loads(runner.invoke(app, ["evaluate", "--gold", str(path), "--aggregate", "--json"]).output)
    assert "per_class" not in blind_json and "per_type" not in blind_json
