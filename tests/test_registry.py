"""The rule registry: one loop over the rules, claimed tokens handled in one place.

Hand-made rules on a parsed sentence show what the loop promises every rule
(transforms/coding/rule.py); the packaged rules are found by discovery.
"""

from __future__ import annotations

import types

import pytest

from fileio.resources import load_resources
from transforms.coding import registry as registry_module
from transforms.coding.clause import ClauseCore
from transforms.coding.readings import DocContext, Reading
from transforms.coding.registry import Registry, default_registry, discover
from transforms.coding.rule import Rule


@pytest.fixture(scope="module")
def core():
    res = load_resources()
    doc = res.nlp("Chile agreed to send troops and Peru protested.")
    ctx = DocContext("t", "0" * 64, None, None, [], res.matcher.find(doc))
    return ClauseCore(doc, ctx, res)


def reading(token) -> Reading:
    return Reading(token, "010", [], [], False, False, "asserted", None)


def rule(name: str, priority: int, reads=(), claims=None, exclusive: bool = True) -> Rule:
    """A rule that reads the verbs whose text is in `reads`, and claims `claims[word]` at `word`."""
    claimed = claims or {}

    def read(self, token, core):
        return reading(token) if token.text in reads else None

    def claim(self, token, core):
        return [t for t in token.sent if t.text in claimed.get(token.text, ())]

    attributes = {"name": name, "priority": priority, "pos": frozenset({"VERB"}), "exclusive": exclusive, "read": read}
    if claimed:
        attributes["claims"] = claim
    return type(f"Rule_{name}", (Rule,), attributes)()


def read_by(registry: Registry, core) -> list[str]:
    sent = next(iter(core.doc.sents))
    return [r.anchor.text for r in registry.readings(core, sent)]


def test_rules_read_in_token_order(core) -> None:
    assert read_by(Registry([rule("all", 50, reads={"agreed", "send", "protested"})]), core) == ["agreed", "send", "protested"]


def test_a_claimed_token_is_read_only_by_its_claimant(core) -> None:
    governor = rule("governor", 20, reads={"agreed", "send"}, claims={"agreed": {"agreed", "send"}})
    plain = rule("plain", 90, reads={"agreed", "send", "protested"})
    # "send" is claimed at "agreed": the governor does not read it there, nor does the plain rule
    assert read_by(Registry([plain, governor]), core) == ["agreed", "protested"]


def test_an_exclusive_reading_takes_the_token(core) -> None:
    first = rule("first", 10, reads={"protested"})
    second = rule("second", 20, reads={"protested"})
    registry = Registry([second, first])
    assert [r.name for r in registry.rules] == ["first", "second"]  # by priority, whatever the given order
    sent = next(iter(core.doc.sents))
    assert len(registry.readings(core, sent)) == 1


def test_a_reading_that_is_not_exclusive_stands_beside_the_next(core) -> None:
    beside = rule("beside", 10, reads={"protested"}, exclusive=False)
    plain = rule("plain", 90, reads={"protested"})
    assert read_by(Registry([plain, beside]), core) == ["protested", "protested"]


def test_rule_names_are_unique() -> None:
    with pytest.raises(ValueError, match="share a name"):
        Registry([rule("same", 10), rule("same", 20)])


def test_every_packaged_rule_is_found() -> None:
    names = [r.name for r in default_registry().rules]
    assert names == [
        "contest", "journey", "obligation", "phone", "requested_content", "governed", "excluded", "purpose",
        "mediation", "nominal", "ellipsis", "reception", "reversed", "imputed", "reciprocal", "agentless_passive",
        "movement", "plain_verb",
    ]


def test_a_rule_module_without_a_rule_is_an_error(monkeypatch) -> None:
    stray = types.ModuleType("transforms.coding.rules.stray")
    monkeypatch.setattr(registry_module.pkgutil, "iter_modules", lambda path: [types.SimpleNamespace(name="stray")])
    monkeypatch.setattr(registry_module.importlib, "import_module", lambda name: stray)
    with pytest.raises(TypeError, match="stray defines no RULE"):
        discover()
