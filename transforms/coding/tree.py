"""Small questions about spaCy's dependency tree that every part of the coder asks."""

from __future__ import annotations

from spacy.tokens import Token

ARGUMENT_DROP_DEPS = frozenset({"conj", "cc", "relcl", "acl", "advcl", "punct", "prep", "preconj", "appos"})
KEEP_PREP_LEMMAS = frozenset({"of", "from", "with", "between"})
SOURCE_MODIFIER_DEPS = frozenset({"poss", "compound", "nmod", "amod"})


def children(token: Token, *deps: str) -> list[Token]:
    return [c for c in token.children if c.dep_ in deps]


def argument_bounds(token: Token) -> tuple[int, int]:
    """Token span of an argument without its coordinated siblings and clauses.

    "Putin and Kim" must give two actors, and "troops that Russia sent" must
    not make Russia part of the troops' phrase, so those subtrees are cut.
    """
    keep = [token.i]
    stack = list(token.children)
    while stack:
        child = stack.pop()
        if child.head.i == token.i and child.dep_ in ARGUMENT_DROP_DEPS:
            if not (child.dep_ in ("prep", "appos") and (child.lemma_.lower() in KEEP_PREP_LEMMAS or child.dep_ == "appos")):
                continue
        keep.append(child.i)
        stack.extend(child.children)
    return min(keep), max(keep) + 1


def expand_conjuncts(token: Token) -> list[Token]:
    return [token, *token.conjuncts]


def source_tokens(noun: Token) -> list[Token]:
    """Tokens that may name an event noun's source: possessive, modifiers, by-phrase."""
    found = [c for c in noun.children if c.dep_ in SOURCE_MODIFIER_DEPS and c.i < noun.i]
    for prep in children(noun, "prep", "agent"):
        if prep.lower_ == "by":
            found.extend(children(prep, "pobj"))
        elif prep.lower_ == "of":
            # "the expulsion of France's ambassador by Niger": the by-phrase hangs off the of-object
            found.extend(o for obj in children(prep, "pobj") for p in children(obj, "prep", "agent")
                         if p.lower_ == "by" for o in children(p, "pobj"))
    return found


def target_preps(noun: Token) -> list[tuple[str, Token]]:
    """(preposition, object) pairs after an event noun, including those on an of-object
    ("deployment of police officers to Haiti") and the one after it attached to
    the noun's own head ("aid ... to Israel")."""
    pairs: list[tuple[str, Token]] = []
    for prep in children(noun, "prep"):
        lemma = prep.lower_
        for obj in children(prep, "pobj"):
            pairs.append((lemma, obj))
            if lemma == "of":
                for inner in children(obj, "prep"):
                    if inner.lower_ in ("to", "into", "on", "against"):
                        pairs.extend((inner.lower_, o) for o in children(inner, "pobj"))
    return pairs


def is_joint(noun: Token, joint_words: frozenset[str]) -> bool:
    """"joint drills", "joint air force drills": a modifier anywhere before the noun."""
    for child in noun.lefts:
        if child.dep_ in ("amod", "compound") and any(t.lower_ in joint_words for t in child.subtree):
            return True
    return False
