"""Purpose clauses: the act done is the event, what it is done for is not news of its own.

"Kenya flew its envoy to Addis Ababa to seek the release of ..." is a visit;
the seeking is its purpose (issue #10, class 4). A verb the lexicon codes that
has a target, or coordinated subjects that act on each other ("X and Y met
to coordinate ..."), claims its to-infinitive purpose clause ("to back", "to
meet"), so the purpose is not read as an act of its own. A verb that codes nothing
("banded together to drive the militia out") leaves its purpose to be read,
with the clause's subject, by the other rules.

A deployment with no target of its own ("dispatched two warships to back
Venezuela") whose purpose is to back, defend or help someone (the
`purpose_support` class) is a protective deployment, AID 074, towards the one
it backs; a deployment whose purpose codes nothing supportive is left as it
is, and so is its purpose. A region the forces go to ("to the Caribbean to back
Venezuela") is where they go, not whom they protect: the movement is read as
well, and the one backed is the protective deployment's target.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Token

from transforms.coding.clause import ClauseCore
from transforms.coding.readings import Actor, Reading
from transforms.coding.roots import SYMMETRIC_ROOTS
from transforms.coding.rule import Rule
from transforms.coding.tree import children

# CAMEO codes of sending or moving forces, which a supportive purpose makes protective.
DEPLOYMENT_ROOTS = ("15", "074")
PROTECTIVE_DEPLOYMENT = "074"


def purpose_clause(verb: Token) -> Token | None:
    """The to-infinitive purpose clause of `verb` ("... to back Venezuela"), if it has one."""
    for child in children(verb, "advcl"):
        if child.pos_ == "VERB" and not children(child, "nsubj", "nsubjpass", "mark") and any(
            a.dep_ == "aux" and a.lower_ == "to" for a in child.children
        ):
            return child
    return None


class Purpose(Rule):
    name = "purpose"
    priority = 25
    pos = frozenset({"VERB"})

    def main_act(self, token: Token, core: ClauseCore) -> tuple[str, list[Actor], Token] | None:
        """(code, targets, purpose verb) of a coded verb with a purpose clause; coordinated
        sources of a mutual act are each other's targets."""
        lemma = token.lemma_.lower()
        if lemma not in core.res.verb_lemmas:
            return None
        purpose = purpose_clause(token)
        if purpose is None:
            return None
        sources, _, avoid = core.doers(token)
        code, targets, _ = core.verb_code(token, core.ctx.published, avoid)
        if code is None:
            return None
        if not targets and len(sources) > 1 and code[:2] in SYMMETRIC_ROOTS:
            targets = sources
        return code, targets, purpose

    def supported(self, purpose: Token, core: ClauseCore, avoid: str | None) -> list[Actor]:
        """Whom a supportive purpose ("to back Venezuela") backs."""
        if purpose.lemma_.lower() not in core.words.purpose_support:
            return []
        found = core.actors(children(purpose, "dobj"), core.ctx.published, avoid)
        return [a for a in found if a.resolved.country != avoid or a.resolved.country is None]

    def claims(self, token: Token, core: ClauseCore) -> Iterable[Token]:
        found = self.main_act(token, core)
        if found is None:
            return ()
        code, targets, purpose = found
        if targets or (code.startswith(DEPLOYMENT_ROOTS) and self.supported(purpose, core, None)):
            return core.embedded_chain(purpose)
        return ()

    def read(self, token: Token, core: ClauseCore) -> Reading | None:
        found = self.main_act(token, core)
        if found is None:
            return None
        code, targets, purpose = found
        if not code.startswith(DEPLOYMENT_ROOTS) or any(t.resolved.kind != "region" for t in targets):
            return None  # the plain verb reads the act; its purpose is claimed or read on its own
        sources, inherited, avoid = core.doers(token)
        backed = self.supported(purpose, core, avoid)
        if not sources or not backed:
            return None
        on = core.ctx.published
        modality, reporter, denied, _ = core.modality_and_reporter(token, on)
        if modality == "future":
            return None  # an announced deployment is the plain verb's (an intent or a threat)
        return Reading(token, PROTECTIVE_DEPLOYMENT, sources, backed, inherited, core.negated(token) or denied,
                       modality, reporter)


RULE = Purpose()
