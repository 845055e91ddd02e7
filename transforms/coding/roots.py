"""Classes of CAMEO codes the rules read (facts of the code book, not words)."""

from __future__ import annotations

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


def implied_target_sector(code: str) -> str | None:
    """The sector of the unnamed target of a domestic act (see `ClauseCore.implied_targets`)."""
    if code[:2] == "14":
        return "GOV"
    if code[:3] in ("172", "081") and code not in ("172", "081"):
        return "CVL"
    if code[:2] in VIOLENT_ROOTS:
        return "CVL"  # "killed 23 people in Tel Aviv": the people of the place (never the source's own)
    return None
