"""Nominal events: acts named by a noun ("Russia's invasion of Ukraine").

A noun from the noun lexicon (`res.nouns`) is an event when both its
participants are expressed around it:

* the source is a possessive ("Russia's invasion"), a modifier ("EU
  sanctions", "Israeli air strikes", "US military aid") or a by-phrase
  ("a visit by a Chinese premier");
* the target is a to / on / against / into / of / around / with phrase, or
  both sides are given by "between X and Y" (every ordered pair; with a
  source as well, source -> each of them).

Only nouns that denote acts are read: talks, visits, aid, sanctions, attacks,
deployments, drills, investigations and the like.  Nominalised speech acts and
proposals ("Biden's call for", "the IMF's demand", "Kyiv's peace plan") and
agreements as objects are not events, so CAMEO roots 01-03, 05 and 10-14 are
skipped here whatever the lexicon says.
"""

from __future__ import annotations

from spacy.tokens import Token

# CAMEO roots a noun may be coded with as a nominal event.
NOMINAL_ROOTS = frozenset({"04", "06", "07", "08", "09", "15", "16", "17", "18", "19", "20"})
# Prepositions that introduce a nominal event's target ("in" only for visits).
NOMINAL_TARGET_PREPS = frozenset({"to", "on", "against", "into", "of", "around", "with", "toward", "towards", "upon", "in"})
SOURCE_MODIFIER_DEPS = frozenset({"poss", "compound", "nmod", "amod"})
# Adjectives that make a drill or exercise a joint (cooperative) one.
JOINT_WORDS = frozenset({"joint", "combined", "bilateral", "trilateral"})


def children(token: Token, *deps: str) -> list[Token]:
    return [c for c in token.children if c.dep_ in deps]


def source_tokens(noun: Token) -> list[Token]:
    """Tokens that may name the noun's source: possessive, modifiers, by-phrase."""
    found = [c for c in noun.children if c.dep_ in SOURCE_MODIFIER_DEPS and c.i < noun.i]
    for prep in children(noun, "prep", "agent"):
        if prep.lower_ == "by":
            found.extend(children(prep, "pobj"))
    return found


def target_preps(noun: Token) -> list[tuple[str, Token]]:
    """(preposition, object) pairs after the noun, including those on an of-object
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


def is_joint(noun: Token) -> bool:
    """"joint drills", "joint air force drills": a modifier anywhere before the noun."""
    for child in noun.lefts:
        if child.dep_ in ("amod", "compound") and any(t.lower_ in JOINT_WORDS for t in child.subtree):
            return True
    return False
