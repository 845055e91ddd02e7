"""Unit tests of the event coder on hand-written sentences (one model load per module).

Most cases are rows of three tables: the exact (source, target, PLOVER type)
events of a sentence, events a sentence must give among others, and the
listed fields of every event of a sentence, in order. A new rule's cases go
into the tables; what does not fit a row stays a test of its own below.
"""

from __future__ import annotations

from datetime import date

import pytest

from fileio.resources import load_resources
from transforms.actors import ResolvedActor
from transforms.coding.events import domestic_pair
from transforms.coding.extract import extract_events
from transforms.coding.readings import DocContext
from transforms.places import document_country_context
from transforms.version import EXTRACTOR_VERSION

PUBLISHED = date(2024, 6, 1)


@pytest.fixture(scope="module")
def res():
    return load_resources()


def events(res, text: str, published: date = PUBLISHED) -> list[dict]:
    doc = res.nlp(text)
    ctx = DocContext(
        doc_id="t", content_sha256="0" * 64, published=published, dateline_place=None,
        country_context=document_country_context(doc, res.gazetteer), mentions=res.matcher.find(doc),
    )
    found, _ = extract_events(doc, ctx, res)
    return found


def triples(found: list[dict]) -> set[tuple[str, str, str]]:
    return {(e["source_country"] or e["source_code"], e["target_country"] or e["target_code"], e["plover_type"]) for e in found}


# (sentence, every event as (source, target, PLOVER type); source and target by country, else code)
EXACTLY = [
    pytest.param("Poland condemned Belarus on Monday.", {("POL", "BLR", "ACCUSE")}, id="plain transitive"),
    pytest.param("The Estonian ambassador was summoned by the Latvian foreign ministry.", {("LVA", "EST", "ACCUSE")},
                 id="passive with agent"),
    pytest.param("France agreed to supply Ukraine with artillery shells.", {("FRA", "UKR", "AGREE")},
                 id="a commissive codes the promise, not the act"),
    pytest.param("Iran threatened to strike Israel.", {("IRN", "ISR", "THREATEN")}, id="threat to act"),
    pytest.param("Austria refused to send weapons to Ukraine.", {("AUT", "UKR", "REJECT")}, id="refusal"),
    pytest.param("The Pentagon said North Korea sent troops to Russia.", {("PRK", "RUS", "AID")}, id="reported speech"),
    pytest.param("Germany urged Serbia to stop arming separatists in Kosovo.", {("DEU", "SRB", "REQUEST")},
                 id="requested content is not coded"),
    pytest.param("Turkey did not attack Greece.", {("TUR", "GRC", "ASSAULT")}, id="negation"),
    pytest.param("Iraq invaded Kuwait in August 1990.", {("IRQ", "KWT", "ASSAULT")}, id="historical"),
    pytest.param("Russia's invasion of Georgia shocked Europe.", {("RUS", "GEO", "ASSAULT")}, id="nominal event"),
    pytest.param("Russia attacked Kharkiv on Friday.", {("RUS", "UKR", "ASSAULT")}, id="a place target is its country"),
    pytest.param("Several buildings in Odesa were damaged overnight.", set(), id="passive without agent"),
    pytest.param("Sanctions against Cuba have done little.", set(), id="a nominal event needs a source"),
    pytest.param("Both India and Pakistan recorded record temperatures this week.", set(), id="no interaction"),
    pytest.param("Turkey bombed Kurdish militants in northern Iraq.", {("TUR", "IRQ", "ASSAULT")},
                 id="a people is placed where it is attacked, not by its kin"),
    pytest.param("Two Palestinian gunmen killed five people on Sunday.", set(), id="unnamed victims without a place"),
    pytest.param("Iran received a shipment of Russian arms.", set(), id="a thing shipped is not a party"),
    pytest.param("Serb forces killed three ethnic Albanians in a gunbattle.", set(),
                 id="ethnic people without a place are not the kin state"),
]

# (sentence, events it must give among others)
AT_LEAST = [
    pytest.param("Chile and Peru held talks in Lima.", {("CHL", "PER", "CONSULT"), ("PER", "CHL", "CONSULT")},
                 id="coordinated subjects of a mutual act"),
    pytest.param("Talks between Serbia and Albania resumed on Monday.",
                 {("SRB", "ALB", "CONSULT"), ("ALB", "SRB", "CONSULT")}, id="talks between"),
    pytest.param("Vladimir Putin arrived in Hanoi on Wednesday. He praised Vietnam for its friendship.",
                 {("RUS", "VNM", "SUPPORT")}, id="pronoun coreference"),
    pytest.param("Kenya and Uganda met on Monday. The two countries agreed to reopen the border.",
                 {("KEN", "UGA", "AGREE"), ("UGA", "KEN", "AGREE")}, id="the two countries"),
    pytest.param("The European Union demanded the withdrawal of Serbian forces.", {("IGOEU", "SRB", "REQUEST")},
                 id="the party to a demanded act is the target"),
    pytest.param("Canada imposed sanctions on Iran and Syria.", {("CAN", "IRN", "COERCE"), ("CAN", "SYR", "COERCE")},
                 id="coordinated targets"),
]

# The reciprocal rule (transforms/coding/rules/reciprocal.py): (sentence, every event)
RECIPROCALS = [
    pytest.param("Kenya and Uganda criticised each other on Monday.", {("KEN", "UGA", "ACCUSE"), ("UGA", "KEN", "ACCUSE")},
                 id="each other as the object"),
    pytest.param("Armenia and Azerbaijan blamed one another for the clashes.",
                 {("ARM", "AZE", "ACCUSE"), ("AZE", "ARM", "ACCUSE")}, id="one another"),
    pytest.param("Serbia and Kosovo imposed sanctions on each other.", {("SRB", "XKX", "COERCE"), ("XKX", "SRB", "COERCE")},
                 id="each other after a preposition"),
    pytest.param("Ethiopia and Eritrea threatened each other.", {("ETH", "ERI", "THREATEN"), ("ERI", "ETH", "THREATEN")},
                 id="a hostile act"),
    pytest.param("Chile and Peru held talks in Lima. The two leaders congratulated each other.",
                 {("CHL", "PER", "CONSULT"), ("PER", "CHL", "CONSULT"), ("CHL", "PER", "SUPPORT"), ("PER", "CHL", "SUPPORT")},
                 id="the two leaders"),
    pytest.param("Kenya criticised each other.", set(), id="one subject is no reciprocal"),
    pytest.param("Kenya and Uganda criticised each of the other countries.", set(), id="not a reciprocal phrase"),
]

# (sentence, fields, the fields of every event in order)
ROWS = [
    pytest.param("Poland condemned Belarus on Monday.", ("modality", "polarity"), [("asserted", "positive")],
                 id="asserted and positive"),
    pytest.param("Turkey did not attack Greece.", ("polarity",), [("negative",)], id="negative"),
    pytest.param("China could invade Taiwan.", ("modality",), [("hypothetical",)], id="hypothetical"),
    pytest.param("Iraq invaded Kuwait in August 1990.", ("modality",), [("historical",)], id="dated long ago"),
    pytest.param("The Pentagon said North Korea sent troops to Russia.", ("modality", "reporter_code"),
                 [("reported", "USAMIL")], id="reporter"),
    pytest.param("France agreed to supply Ukraine with artillery shells.", ("cameo_root", "modality"),
                 [("03", "asserted")], id="intent code"),
    pytest.param("Japan will send aid to Nepal.", ("cameo_root", "plover_type", "modality"), [("03", "AGREE", "future")],
                 id="an announced act is an intent"),
    pytest.param("Canada will impose sanctions on Iran.", ("cameo_root", "plover_type", "modality"),
                 [("13", "THREATEN", "future")], id="an announced hostile act is a threat"),
    pytest.param("Canada imposed sanctions on Iran.", ("cameo_root",), [("16",)], id="the act itself"),
    pytest.param("Nigeria will withdraw its troops from Chad unless Chad holds elections.",
                 ("source_country", "target_country", "plover_type"), [("NGA", "TCD", "THREATEN")],
                 id="an act conditional on the other side is a threat"),
    pytest.param("Turkey bombed militants in northern Iraq.", ("source_code", "target_code"), [("TUR", "IRQREB")],
                 id="a non-state target keeps its sector"),
    pytest.param("Ethiopia accused the Harar Valley Defence Front of attacks.", ("source_code", "target_code", "target_text"),
                 [("ETH", None, "the Harar Valley Defence Front")], id="an unknown actor is kept with its text"),
    pytest.param("Hezbollah fired rockets at Israel on Monday.", ("source_code", "target_code", "cameo_root"),
                 [("LBNREB", "ISR", "19")], id="a non-state actor of the dictionary"),
    pytest.param("Donald Trump met Kim Jong Un in Singapore in June 2018.", ("source_code", "modality"),
                 [("USAGOV", "historical")], id="a person's code follows the event date"),
    pytest.param("Donald Trump met Kim Jong Un on Monday.", ("source_code",), [("USAELI",)],
                 id="a former leader today"),
    pytest.param("The Sudanese army attacked Sudanese rebels in Darfur.", ("source_code", "target_code", "plover_type"),
                 [("SDNMIL", "SDNREB", "ASSAULT")], id="domestic event"),
    pytest.param("Iraqi soldiers arrested Iraqi insurgents.", ("source_code", "target_code", "cameo_root"),
                 [("IRQMIL", "IRQREB", "17")], id="domestic crackdown"),
    pytest.param("Thousands of Iraqi Kurds demonstrated in Kirkuk on Sunday.",
                 ("source_code", "target_code", "plover_type", "target_text"), [("IRQCVL", "IRQGOV", "PROTEST", "Kirkuk")],
                 id="a protest is aimed at the government of its place"),
    pytest.param("Egyptian demonstrators rioted on Monday.", ("source_country", "target_code"), [("EGY", "EGYGOV")],
                 id="a riot is aimed at the government"),
    pytest.param("The Turkish government imposed a curfew in the town of Cizre.", ("source_code", "target_code", "cameo_code"),
                 [("TURGOV", "TURCVL", "1723")], id="a curfew falls on the population of its place"),
    pytest.param("Algerian landowners began a hunger strike outside the parliament in Algiers.",
                 ("source_country", "target_code", "cameo_code"), [("DZA", "DZAGOV", "142")],
                 id="a hunger strike is not a military strike"),
    pytest.param("Demonstrators in Baghdad blocked a road to the airport.", ("source_code", "target_code"),
                 [("IRQOPP", "IRQGOV")], id="a bare group takes its place's country"),
    pytest.param("Rebels shelled the town of Kadugli on Sunday, the Sudanese army said.", ("source_code", "target_country"),
                 [("SDNREB", "SDN")], id="a bare group takes a one-country story's country"),
    pytest.param("Russia fired missiles at Kyiv.", ("source_code", "target_country"), [("RUS", "UKR")],
                 id="state forces as an object are the source's means"),
    pytest.param("Russia threatened to stop the negotiations if the United States deploys new missiles in Europe.",
                 ("source_code", "target_code", "plover_type"), [("RUS", "USA", "THREATEN")],
                 id="a threat is aimed at the party its condition names"),
    pytest.param("Two Palestinian gunmen killed five people in Tel Aviv on Sunday.", ("source_country", "target_code"),
                 [("PSE", "ISRCVL")], id="unnamed victims take the place's country"),
    pytest.param("Hamas threatened to resume attacks in Israel.", ("source_country", "target_country", "plover_type"),
                 [("PSE", "ISR", "THREATEN")], id="a threatened place is the target"),
    pytest.param("The Sudanese government accused Darfur rebels of violating the ceasefire.",
                 ("source_code", "target_code", "plover_type"), [("SDNGOV", "SDNREB", "ACCUSE")],
                 id="a group named by its region"),
    pytest.param("President Arvo Tammsalu banned Estonian opposition candidates from the elections.",
                 ("source_code", "target_code", "source_text"), [("ESTGOV", "ESTOPP", "President Arvo Tammsalu")],
                 id="a titled person outside the dictionary holds the office of a one-country story"),
    pytest.param("Qatar launched a mediation effort on Saturday between the Emirates and Saudi Arabia.",
                 ("source_code", "target_code", "plover_type"), [("QAT", "ARE", "CONSULT"), ("QAT", "SAU", "CONSULT")],
                 id="a mediation effort between parties"),
    pytest.param("Ethnic Albanians in south Serbia are demanding a U.N. military presence.", ("source_code", "target_code"),
                 [("SRBCVL", "IGOUNO")], id="ethnic people belong to the state they live in"),
    pytest.param("Nicaragua's Sandinista government ordered the opposition newspaper La Prensa to close.",
                 ("source_code", "target_code"), [("NICGOV", "NICMED")], id="a movement's government is the government"),
    pytest.param("Lebanon complained to the United Nations on Tuesday over two Israeli air raids.",
                 ("source_code", "target_code", "plover_type"), [("LBN", "ISR", "ACCUSE")],
                 id="a complaint is about the doers of the act"),
    pytest.param("Estonia and Latvia did not criticise each other.", ("polarity", "modality"),
                 [("negative", "asserted"), ("negative", "asserted")], id="a negated reciprocal"),
    pytest.param("Ghana and Togo will sanction each other.", ("cameo_root", "modality"), [("13", "future"), ("13", "future")],
                 id="an announced reciprocal threat"),
]


@pytest.mark.parametrize(("sentence", "expected"), EXACTLY + RECIPROCALS)
def test_exact_events(res, sentence: str, expected: set) -> None:
    assert triples(events(res, sentence)) == expected


@pytest.mark.parametrize(("sentence", "expected"), AT_LEAST)
def test_events_among_others(res, sentence: str, expected: set) -> None:
    assert expected <= triples(events(res, sentence))


@pytest.mark.parametrize(("sentence", "fields", "expected"), ROWS)
def test_event_fields(res, sentence: str, fields: tuple[str, ...], expected: list[tuple]) -> None:
    assert [tuple(e[f] for f in fields) for e in events(res, sentence)] == expected


def actor(code, country, sector, kind="demonym") -> ResolvedActor:
    return ResolvedActor(code, country, sector, code or "x", 0, 1, kind)


IRAQ = actor("IRQ", "IRQ", None, "country")
IRAQI_GOVERNMENT = actor("IRQGOV", "IRQ", "GOV")
IRAQI_ARMY = actor("IRQMIL", "IRQ", "MIL")
IRAQI_REBELS = actor("IRQREB", "IRQ", "REB")


@pytest.mark.parametrize(
    ("source", "target", "expected"),
    [
        pytest.param(IRAQI_ARMY, IRAQI_REBELS, True, id="army and rebels"),
        pytest.param(IRAQI_REBELS, IRAQI_GOVERNMENT, True, id="rebels and government"),
        pytest.param(IRAQ, IRAQI_REBELS, True, id="Iraq attacked rebels"),
        pytest.param(IRAQI_GOVERNMENT, IRAQI_ARMY, True, id="two organs of one state"),
        pytest.param(IRAQI_ARMY, IRAQI_ARMY, False, id="never an actor with itself"),
        pytest.param(IRAQ, IRAQI_GOVERNMENT, False, id="one state under two names"),
        pytest.param(IRAQ, actor("IRQ", "IRQ", None, "capital"), False, id="a state and its capital"),
        pytest.param(IRAQI_ARMY, actor("SYRREB", "SYR", "REB"), False, id="not one country"),
        pytest.param(actor(None, None, None, "unknown"), actor(None, None, None, "unknown"), False, id="uncoded"),
    ],
)
def test_domestic_pair_rules(source: ResolvedActor, target: ResolvedActor, expected: bool) -> None:
    assert domestic_pair(source, target) is expected


def test_version_is_semantic() -> None:
    import re

    assert re.fullmatch(r"\d+\.\d+\.\d+", EXTRACTOR_VERSION)


def test_non_state_target_is_out_of_the_states_scope(res) -> None:
    from transforms.evaluate import SCOPE_STATES, to_predicted

    found = events(res, "Turkey bombed militants in northern Iraq.")
    assert to_predicted(found[0], SCOPE_STATES).target is None


def test_confidence_ranks_hedged_readings_lower(res) -> None:
    plain = events(res, "Poland condemned Belarus on Monday.")[0]["confidence"]
    hedged = events(res, "China could invade Taiwan.")[0]["confidence"]
    assert plain > hedged


def test_offsets_index_the_text(res) -> None:
    text = "Russian President Vladimir Putin met North Korean leader Kim Jong Un in Pyongyang."
    found = events(res, text)
    assert found
    for e in found:
        assert text[e["source_start"]:e["source_end"]] == e["source_text"]
        assert text[e["target_start"]:e["target_end"]] == e["target_text"]
        assert text[e["action_start"]:e["action_end"]] == e["action_text"]


def test_nothing_is_guessed_with_two_countries_in_play(res) -> None:
    two = events(res, "Rebels attacked the Sudanese army near the border with Chad.")
    assert not any(e["source_sector"] == "REB" and e["source_code"] for e in two)  # a bare group stays uncoded
    titled = events(res, "President Arvo Tammsalu criticised Latvia and Estonia.")
    assert all(e["source_code"] is None for e in titled)  # and so does a titled stranger


def test_user_word_classes_and_compositions_change_the_coding(res, tmp_path) -> None:
    governors = tmp_path / "governors.tsv"
    governors.write_text("lemma\tclass\tnote\nvow\t-\tno longer a commissive\n", encoding="utf-8")
    compositions = tmp_path / "compositions.tsv"
    compositions.write_text("composition\tgoverned\tcode\tnote\nthreat\t19\t138\t\n", encoding="utf-8")
    mine = load_resources(None, (), (), (governors,), (compositions,))
    assert mine.extractor_version.startswith(EXTRACTOR_VERSION + "+dict.")
    threat = "Iran threatened to strike Israel."
    assert [e["cameo_code"] for e in events(res, threat)] == ["1384"]
    assert [e["cameo_code"] for e in events(mine, threat)] == ["138"]
    vow = "Chile vowed to send aid to Peru."
    assert [e["cameo_code"][:2] for e in events(res, vow)] == ["03"]  # an intent
    assert [e["cameo_code"][:2] for e in events(mine, vow)] == ["07"]  # the aid itself
