"""Requested or demanded content is not news of its own: the request is.

"Germany urged Serbia to stop arming separatists": the urging is the event
(Germany -> Serbia, REQUEST); the arming it asks to stop is not coded. A verb
of the `content` class claims its to-clause, its that-clause when it is of
the `request` class ("demanded that Y withdraw") or of the `warning` class
with an addressee ("warned Y that ..."), and the verbs under its on/for
phrase ("called for talks to resume"). It reads nothing itself: the verb
is read by the other rules.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Token

from transforms.coding.clause import ClauseCore
from transforms.coding.readings import Reading
from transforms.coding.rule import Rule


class RequestedContent(Rule):
    name = "requested_content"
    priority = 15
    pos = frozenset({"VERB"})

    def claims(self, token: Token, core: ClauseCore) -> Iterable[Token]:
        words = core.words
        lemma = token.lemma_.lower()
        if lemma not in words.content:
            return []
        taken: list[Token] = []
        for child in token.children:
            if child.dep_ in ("xcomp", "ccomp") and child.pos_ in ("VERB", "AUX") and (
                child.dep_ == "xcomp" or lemma in words.request
                or (lemma in words.warning and any(c.dep_ in ("dobj", "dative") for c in token.children))
            ):
                taken.extend(core.embedded_chain(child))
            elif child.dep_ == "prep" and child.lower_ in ("on", "for"):
                for obj in child.children:
                    taken.extend(v for v in obj.children if v.dep_ in ("xcomp", "acl", "relcl") and v.pos_ == "VERB")
        return taken

    def read(self, token: Token, core: ClauseCore) -> Reading | None:
        return None


RULE = RequestedContent()
