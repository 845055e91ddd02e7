"""What a reading rule is: one construction, the tokens it claims, its priority, `read`.

A rule is a module in `rules/` that defines ``RULE``, an instance of a
`Rule` subclass. The registry (`registry.py`) walks a sentence's tokens in
order and, at each token whose part of speech is in a rule's `pos`, tries
the rules by `priority` (lowest first):

* before anything is read, every rule's `claims` marks the tokens its
  construction at a token takes for itself (a governed complement: "agreed
  to *send* troops" is one intent, not also a deployment). A claimed token
  is read by no rule but the construction that claimed it;
* `read` returns a `Reading` or None. The first rule whose reading is not
  None takes the token, unless it is not `exclusive` (its reading stands
  beside the others', as a demand laid in "said that Y must ..." stands
  beside the speech verb's own reading).

The clause core (`ClauseCore`) answers the questions a rule asks: subjects,
targets, codes, modality.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from spacy.tokens import Token

from transforms.coding.clause import ClauseCore
from transforms.coding.readings import Reading


class Rule:
    """One construction the coder reads."""

    #: a short name, unique among the rules
    name: ClassVar[str]
    #: at a token, rules are tried from the lowest priority up
    priority: ClassVar[int]
    #: the parts of speech (spaCy `pos_`) of the tokens the rule reads or claims at
    pos: ClassVar[frozenset[str]]
    #: whether a reading takes the token from the rules after this one
    exclusive: ClassVar[bool] = True

    def claims(self, token: Token, core: ClauseCore) -> Iterable[Token]:
        """Tokens the construction at `token` takes from every other rule (none by default)."""
        return ()

    def read(self, token: Token, core: ClauseCore) -> Reading | None:
        """The reading of the construction at `token`, or None when it is not there."""
        raise NotImplementedError

    def __repr__(self) -> str:
        return f"<rule {self.name} priority={self.priority}>"


class NotAnEvent(Rule):
    """A construction that looks like an act but is none ("beat Georgia 3-1", "marched
    towards the border"): it claims its token, so no other rule reads it, and reads nothing."""

    def found(self, token: Token, core: ClauseCore) -> bool:
        """Whether the construction is at `token`."""
        raise NotImplementedError

    def claims(self, token: Token, core: ClauseCore) -> Iterable[Token]:
        return (token,) if self.found(token, core) else ()

    def read(self, token: Token, core: ClauseCore) -> Reading | None:
        return None
