"""Who the actors are, beyond named states: regions and blocs, generic groups placed by
evidence, and the guesses the coder must not make (issue #10, classes 11-13).

Every sentence here is invented for these tests.
"""

from __future__ import annotations

import pytest

from test_extract import events, res, triples  # noqa: F401  (res is a fixture)

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
    pytest.param("Latvia has not joined Western sanctions against China.",
                 {("LVA", "CHN", "COERCE"), ("WST", "CHN", "COERCE")}, id="a bloc's act is not the bloc"),
]


@pytest.mark.parametrize(("sentence", "expected"), REGIONS)
def test_regions_and_blocs(res, sentence: str, expected: set) -> None:
    assert triples(events(res, sentence)) == expected


def test_a_region_has_no_country(res) -> None:
    (event,) = events(res, "Western governments condemned Belarus on Monday.")
    assert (event["source_code"], event["source_country"], event["source_sector"]) == ("WSTGOV", None, "GOV")
