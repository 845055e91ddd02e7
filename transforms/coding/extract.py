"""Who did what to whom: the events of one parsed document.

A `ClauseCore` reads the document's actors and clauses; the registry's rules
read each sentence's constructions into readings; `events` makes the rows.
Everything here is pure: a parsed spaCy `Doc` and the document's metadata in,
plain event dicts (the EVENTS contract) out.
"""

from __future__ import annotations

from spacy.tokens import Doc

from transforms.coding.clause import ClauseCore
from transforms.coding.events import sentence_rows
from transforms.coding.readings import DocContext
from transforms.coding.registry import Registry, default_registry
from transforms.resources import Resources


def extract_events(doc: Doc, ctx: DocContext, res: Resources, registry: Registry | None = None) -> tuple[list[dict], int]:
    """All events of one parsed document, and its sentence count."""
    rules = registry or default_registry()
    core = ClauseCore(doc, ctx, res)
    events: list[dict] = []
    count = 0
    for index, sent in enumerate(doc.sents):
        count += 1
        events.extend(sentence_rows(core, sent, index, rules.readings(core, sent)))
    return events, count
