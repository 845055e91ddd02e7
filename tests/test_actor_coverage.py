"""Who the actors are, beyond named states: regions and blocs, generic groups placed by
evidence, and the guesses the coder must not make (issue #10, classes 11-13).

Every sentence here is invented for these tests.
"""

from __future__ import annotations

from datetime import date

import pytest

from test_extract import events, res, triples  # noqa: F401  (res is a fixture)
from transforms.batch import process_batch
from transforms.documents import make_document

# (sentence, every event as (source, target, PLOVER type); by country, else by code)
REGIONS = [
    pytest.param("Moscow accused the West of meddling in the election.", {("RUS", "WST", "ACCUSE")},
                 id="the West"),
    pytest.param("European governments condemned Belarus on Monday.", {("EURGOV", "BLR", "ACCUSE")},
                 id="a region's governments"),
    pytest.param("Caribbean leaders urged Washington to lift the embargo.", {("CRBGOV", "USA", "REQUEST")},
                 id="a region's leaders"),
    pytest.param("China's foreign minister toured Central Asia last week.", {("CHN", "CAS", "CONSULT")},
                 id="a region visited"),
    pytest.param("European and Asian governments condemned Belarus on Friday.",
                 {("EURGOV", "BLR", "ACCUSE"), ("ASAGOV", "BLR", "ACCUSE")}, id="coordinated regions"),
    pytest.param("Latvia has not joined Western sanctions against China.",
                 {("LVA", "CHN", "COERCE"), ("WST", "CHN", "COERCE")}, id="a bloc's act is not the bloc"),
]


@pytest.mark.parametrize(("sentence", "expected"), REGIONS)
def test_regions_and_blocs(res, sentence: str, expected: set) -> None:
    assert triples(events(res, sentence)) == expected


def test_a_region_has_no_country(res) -> None:
    (event,) = events(res, "Western governments condemned Belarus on Monday.")
    assert (event["source_code"], event["source_country"], event["source_sector"]) == ("WSTGOV", None, "GOV")


# ---------------------------------------------------------------------------
# Place of an attack (class 13): the place attacked is where the event happened
# ---------------------------------------------------------------------------

# (sentence, (source, target, location_name) of every event)
ATTACK_PLACES = [
    pytest.param("Russian missiles struck the centre of Kharkiv on Tuesday.", [("RUS", "UKR", "Kharkiv")],
                 id="the centre of a city"),
    pytest.param("Hezbollah fired rockets at the Israeli town of Sderot.", [("LBN", "ISR", "Sderot")],
                 id="a place noun's of-phrase"),
    pytest.param("Israeli jets struck Beirut's southern suburbs on Friday.", [("ISR", "LBN", "Beirut")],
                 id="a part of a city"),
    pytest.param("Iraqi missiles hit Tel Aviv before dawn.", [("IRQ", "ISR", "Tel Aviv")], id="a city named"),
    pytest.param("Ukrainian drones hit an oil refinery in Russia's Ryazan region overnight.",
                 [("UKR", "RUS", "Ryazan\u2019 Oblast")], id="a thing attacked in a named place"),
    pytest.param("Syrian troops shelled the rebel-held town of Idlib.", [("SYR", "SYR", "Idlib")],
                 id="a state's attack on a town at home"),
    pytest.param("Iran sent troops to Syria.", [("IRN", "SYR", None)], id="a destination is no place of the event"),
    pytest.param("The Red Cross delivered medical supplies to hospitals in Mekelle.", [(None, "ETH", None)],
                 id="aid delivered to a place is aimed at its country"),
]


@pytest.mark.parametrize(("sentence", "expected"), ATTACK_PLACES)
def test_an_attack_happens_at_the_place_attacked(res, sentence: str, expected: list) -> None:
    found = [(e["source_country"], e["target_country"], e["location_name"]) for e in events(res, sentence)]
    assert found == expected


# ---------------------------------------------------------------------------
# Wrong guesses (class 12)
# ---------------------------------------------------------------------------

NOT_EVENTS = [
    pytest.param("Chad Morris scored twice as Turkey beat Georgia 3-1 in Istanbul.", id="a football score"),
    pytest.param("Ghana defeated Nigeria on penalties in the semi-final.", id="a game, no score"),
    pytest.param("Argentina beat Brazil 1-0 in the final at the stadium in Rio.", id="a final"),
    pytest.param("Thousands of Honduran migrants marched north from the Guatemalan border towards Mexico.",
                 id="a march from a border"),
    pytest.param("Venezuelan migrants walked towards Colombia on Sunday.", id="a walk to another country"),
]


@pytest.mark.parametrize("sentence", NOT_EVENTS)
def test_games_and_journeys_are_not_events(res, sentence: str) -> None:
    assert events(res, sentence) == []


@pytest.mark.parametrize(("sentence", "expected"), [
    pytest.param("Kenyan protesters marched to parliament to demand the president's resignation.",
                 {("KEN", "KEN", "PROTEST")}, id="a march with a demand"),
    pytest.param("Kenyan protesters marched against the tax bill.", {("KEN", "KEN", "PROTEST")}, id="a march against"),
])
def test_a_protest_march_is_still_a_protest(res, sentence: str, expected: set) -> None:
    assert expected <= {(e["source_country"], e["target_country"], e["plover_type"]) for e in events(res, sentence)}


# ---------------------------------------------------------------------------
# Generic actors take a country from evidence, never from the other side alone
# ---------------------------------------------------------------------------


def coded(res, text: str) -> list[dict]:
    """Event rows of one document read as a flow reads it (its dateline included)."""
    document = make_document("t", "test", text, {"published": date(2024, 6, 1)})
    return process_batch([document], res, run_id="test").events.to_dicts()


GENERIC_ACTORS = [
    pytest.param("Gunmen attacked a military convoy near Gao on Tuesday.", [("MLIREB", "MLIMIL")],
                 id="the place of the act places both sides"),
    pytest.param("A group of gunmen attacked a bus near Kano.", [("NGAREB", "NGA")], id="a group of gunmen"),
    pytest.param("Tens of thousands of protesters marched in Lima.", [("PEROPP", "PERGOV")],
                 id="thousands of protesters"),
    pytest.param("Members of Niger's presidential guard detained the president.", [("NERMIL", "NERGOV")],
                 id="members of a unit; an office of the story's state"),
    pytest.param("Rebels attacked a Malian army base on Sunday.", [("MLIREB", "MLIMIL")],
                 id="rebels against the state forces of the story"),
    pytest.param("Islamist fighters ambushed government forces in northern Mozambique.", [("MOZREB", "MOZMIL")],
                 id="fighters are a group; government forces are the state's of the place"),
    pytest.param("WASHINGTON, May 3 (Reuters) - The Senate condemned Azerbaijan over the blockade.",
                 [("USALEG", "AZE")], id="an institution placed by the dateline"),
    pytest.param("Iranian-backed militias in Iraq shelled the town of Tikrit.", [("IRQREB", "IRQ")],
                 id="a backer is not the actor"),
    pytest.param("Police in Moscow, Idaho, arrested two Russian students on Friday.", [("USACOP", "RUSCVL")],
                 id="a capital's namesake town in another country's region"),
    pytest.param("BAGHDAD, Oct 5 - Security forces opened fire on protesters near the square.",
                 [("IRQCOP", "IRQOPP")], id="a role word cut off by a dateline"),
    pytest.param("Pope Francis arrived in Kinshasa on Tuesday.", [("VATGOV", "CODGOV")], id="a pope"),
    pytest.param("Syrian government forces shelled rebel positions in Douma on Sunday.", [("SYRMIL", "SYRREB")],
                 id="what a group holds is the group, placed where it is"),
    pytest.param("Students protested outside the US embassy in Manila.", [("PHLCVL", "USAGOV")],
                 id="a protest outside an embassy: aimed at its state, held where it stands"),
    pytest.param("Peruvian police arrested the country's most wanted drug lord on Sunday.", [("PERCOP", "PERCRM")],
                 id="the country's: the country named before"),
    pytest.param("Russia Today reported that Syrian troops shelled rebel positions overnight.", [("SYRMIL", "SYRREB")],
                 id="an outlet named after its country is not what the story is about"),
]


@pytest.mark.parametrize(("text", "expected"), GENERIC_ACTORS)
def test_generic_actors_take_a_country_from_evidence(res, text: str, expected: list) -> None:
    assert [(e["source_code"], e["target_code"]) for e in coded(res, text)] == expected


NO_GUESS = [
    pytest.param("Gunmen kidnapped three Chinese workers on Monday.", id="the victims' country is not the gunmen's"),
    pytest.param("The Senate condemned Azerbaijani forces over the blockade.",
                 id="a bare Senate is not the foreign country's"),
    pytest.param("Protesters stormed the French embassy on Friday.", id="an embassy abroad"),
    pytest.param("Police arrested two Kenyan nationals on Friday.", id="foreign nationals"),
]


@pytest.mark.parametrize("text", NO_GUESS)
def test_no_country_is_read_from_the_other_side_alone(res, text: str) -> None:
    assert coded(res, text) == []


def test_titled_stranger_against_the_opposition_keeps_the_story_country(res) -> None:
    rows = coded(res, "President Arvo Tammsalu banned Estonian opposition candidates from the elections.")
    assert [(e["source_code"], e["target_code"]) for e in rows] == [("ESTGOV", "ESTOPP")]
