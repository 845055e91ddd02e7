"""Sports results are not events: "Turkey beat Georgia 3-1", "Ghana defeated Nigeria in the final".

A verb of the `contest` word class (beat, defeat, thrash, ...) whose own phrase holds a
score ("3-1", "on penalties") or a noun of the `contest_noun` class ("in the final", "a
World Cup qualifier") reports a game between teams named after their countries, not an
act of one state against another. The rule claims the verb so no other rule reads it,
and reads nothing itself. Without a score or a game the verb is read as usual ("the army
defeated the rebels").
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Token

from transforms.coding.clause import ClauseCore
from transforms.coding.rule import NotAnEvent

# Dependents that open another clause: their words are not this verb's game.
_OTHER_CLAUSES = frozenset({"ccomp", "xcomp", "advcl", "relcl", "acl", "conj", "parataxis", "csubj"})
_DASHES = frozenset({"-", "\u2013", "\u2014"})


def _own_phrase(verb: Token) -> Iterable[Token]:
    for child in verb.children:
        if child.dep_ not in _OTHER_CLAUSES:
            yield from child.subtree


def _score_at(token: Token) -> bool:
    """'3 - 1': a number, a dash and a number (spaCy splits a score in three)."""
    doc = token.doc
    i = token.i
    return (token.like_num and i + 2 < len(doc) and doc[i + 1].text in _DASHES and doc[i + 2].like_num) or (
        "-" in token.text and all(part.isdigit() for part in token.text.split("-"))
    )


def is_game_result(verb: Token, core: ClauseCore) -> bool:
    if verb.lemma_.lower() not in core.words.contest:
        return False
    for token in _own_phrase(verb):
        if _score_at(token) or token.lemma_.lower() in core.words.contest_noun:
            return True
    return False


class Contest(NotAnEvent):
    name = "contest"
    priority = 5  # before any rule that could read the verb as an attack
    pos = frozenset({"VERB"})

    def found(self, token: Token, core: ClauseCore) -> bool:
        return is_game_result(token, core)


RULE = Contest()
