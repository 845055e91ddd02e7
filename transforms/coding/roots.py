"""Classes of CAMEO codes the rules read (facts of the code book, not words)."""

from __future__ import annotations

from collections.abc import Iterable

# Roots of hostile acts: committed or announced, they are threats (13x).
HOSTILE_ROOTS = frozenset({"13", "15", "17", "18", "19", "20"})
# Root codes whose action is mutual: coordinated subjects give both dyads.
SYMMETRIC_ROOTS = frozenset({"03", "04", "05", "06"})
SYMMETRIC_CODES = frozenset({"0871", "0841", "190", "193"})
# Roots of acts physically aimed at a place: a place stands for its country.
PHYSICAL_ROOTS = frozenset({"15", "17", "18", "19", "20"})
# Roots of violence against people (assault, fight, mass violence).
VIOLENT_ROOTS = frozenset({"18", "19", "20"})
# CAMEO roots a noun may be coded with as a nominal event: nominalised speech acts and
# proposals ("Biden's call for", "the IMF's demand", "Kyiv's peace plan") are not events.
NOMINAL_ROOTS = frozenset({"04", "06", "07", "08", "09", "15", "16", "17", "18", "19", "20"})
# Codes of root 05 that are acts, not speech: "Moscow's recognition of Kabul", "Japan's apology to Seoul".
NOMINAL_CODES = frozenset({"054", "055"})
# CAMEO roots whose verbs are the most polysemous in news copy (yield, demand,
# protest, posture, coerce): a coded reading of them is right less often.
AMBIGUOUS_ROOTS = frozenset({"08", "10", "14", "15", "17"})


# Acts CAMEO and PLOVER code with the doer alone when no other side is named ("the
# minister resigned", "rebels surrendered", "doctors went on strike", "troops opened
# fire"): resigning (0831), declaring a ceasefire (0871), demobilising (0873) and
# surrendering (0874), protest, coercion and violence. Speech acts, intents, aid,
# troop movements and the rest need the other side: a statement with no addressee,
# an aid pledge with no recipient or a missile test is no event.
ONE_SIDED_SOURCE_CODES = ("0831", "0871", "0873", "0874")
ONE_SIDED_SOURCE_ROOTS = frozenset({"14", "17", "18", "19", "20"})
# Acts an agentless passive codes with its sufferer alone ("12 policemen were killed",
# "two journalists were arrested"): coercion and violence done to people.
ONE_SIDED_TARGET_ROOTS = frozenset({"17", "18", "19", "20"})


# Leaving office (0831) is news of leaders: a government's or an army's (or one just gone),
# not a committee member's.
LEADERSHIP_CODES = ("0831",)
LEADER_SECTORS = frozenset({"GOV", "MIL", "ELI"})  # ELI: the leader just out of office


def one_sided_source(code: str, sectors: Iterable[str | None] = ()) -> bool:
    """Whether an act with only its doer named is still an event (see ONE_SIDED_SOURCE_CODES);
    resigning only by a leader (`sectors`: the doers' sectors)."""
    if code.startswith(LEADERSHIP_CODES):
        return bool(LEADER_SECTORS.intersection(sectors))
    return code[:2] in ONE_SIDED_SOURCE_ROOTS or code.startswith(ONE_SIDED_SOURCE_CODES)


def one_sided_target(code: str) -> bool:
    """Whether an act with only its sufferer named is still an event (agentless passives)."""
    return code[:2] in ONE_SIDED_TARGET_ROOTS


def implied_target_sector(code: str) -> str | None:
    """The sector of the unnamed target of a domestic act (see `ClauseCore.implied_targets`)."""
    if code[:2] == "14":
        return "GOV"
    if code[:3] in ("172", "081") and code not in ("172", "081"):
        return "CVL"
    if code[:2] in VIOLENT_ROOTS:
        return "CVL"  # "killed 23 people in Tel Aviv": the people of the place (never the source's own)
    return None
