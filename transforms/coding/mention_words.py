"""The word sets the mention reader decides by: pronouns, place prepositions and the
sectors and owners that place or claim an actor.

Kept apart from `mentions.py` so the reader's logic stays one screenful per job;
nothing here imports the coder.
"""

from __future__ import annotations

from transforms.actors import NON_STATE_SECTORS

PERSON_PRONOUNS = frozenset({"he", "she", "him", "her"})
PERSON_POSSESSIVES = frozenset({"his", "her"})
# Pronouns a speaker uses of themselves in a quotation.
SPEAKER_PRONOUNS = frozenset({"we", "i"})
GROUP_PRONOUNS = frozenset({"it", "they", "them"})
GROUP_POSSESSIVES = frozenset({"its", "their"})
PLACE_ENTITY_LABELS = frozenset({"GPE", "LOC", "FAC"})
PLACE_INNER_PREPS = frozenset({"in", "near", "inside", "of", "outside", "across", "throughout"})
# Prepositions that set an act somewhere or sometime: their objects are no antecedents.
SETTING_PREPS = frozenset({"at", "in", "near", "inside", "outside", "during", "throughout"})
# A proper name the tagger does not call a place must name a city this big to count as one;
# after a locative preposition ("near Gao") a town will do.
UNTAGGED_MIN_POPULATION = 100_000
LOCATIVE_MIN_POPULATION = 20_000
# Modifiers that make a unit the state's own ("government troops", "regime forces").
STATE_OWNERS = frozenset({"government", "regime", "state", "junta", "federal"})
BORDER_NOUNS = frozenset({"border", "frontier", "boundary", "borderland", "crossing"})
# Roots of acts whose place says nothing about who acts: intents, trips and meetings, aid,
# deployments ("officials arrived in Kabul", "troops deployed in Mali").
PLACELESS_ROOTS = frozenset({"03", "04", "07", "15"})
# The other side of a domestic pair a group's story country may be read from (see
# `MentionReader.guess_without_evidence`); a legislature's, political actors only.
POLITICAL_SECTORS = frozenset({"OPP", "PTY", "LEG", "JUD", "MED"})
DOMESTIC_COUNTERPARTS = POLITICAL_SECTORS | {"REB", "MIL", "COP", "GOV"}
# A state's posts abroad: protesters at "the Israeli embassy" are no Israelis.
FOREIGN_POSTS = frozenset({"embassy", "consulate", "mission", "ambassador", "envoy", "diplomat", "delegation"})
# Place phrases of a clause ("demonstrated in Kirkuk", "a curfew throughout the province").
CLAUSE_PLACE_PREPS = frozenset({"in", "at", "outside", "inside", "throughout", "across", "near"})
# Role words an "in" phrase places in a country ("ministers in Lima and Santiago"); armed
# forces "in" a country may be anyone's, so MIL is not among them.
PLACED_SECTORS = NON_STATE_SECTORS | {"GOV", "LEG", "JUD", "COP"}
