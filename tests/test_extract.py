"""Unit tests of the event reader on hand-written sentences (one model load per module)."""

from __future__ import annotations

from datetime import date

import pytest

from transforms.coding.extract import extract_events
from transforms.coding.readings import DocContext
from transforms.version import EXTRACTOR_VERSION
from transforms.places import document_country_context
from fileio.resources import load_resources

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


def test_version_is_semantic() -> None:
    import re

    assert re.fullmatch(r"\d+\.\d+\.\d+", EXTRACTOR_VERSION)


def test_plain_transitive(res) -> None:
    found = events(res, "Poland condemned Belarus on Monday.")
    assert triples(found) == {("POL", "BLR", "ACCUSE")}
    assert found[0]["modality"] == "asserted" and found[0]["polarity"] == "positive"


def test_passive_with_agent(res) -> None:
    assert triples(events(res, "The Estonian ambassador was summoned by the Latvian foreign ministry.")) == {
        ("LVA", "EST", "ACCUSE")
    }


def test_passive_without_agent_is_not_an_event(res) -> None:
    assert events(res, "Several buildings in Odesa were damaged overnight.") == []


def test_coordinated_subjects_of_a_mutual_act(res) -> None:
    assert triples(events(res, "Chile and Peru held talks in Lima.")) >= {("CHL", "PER", "CONSULT"), ("PER", "CHL", "CONSULT")}


def test_coordinated_targets(res) -> None:
    found = triples(events(res, "Canada imposed sanctions on Iran and Syria."))
    assert {("CAN", "IRN"), ("CAN", "SYR")} <= {(s, t) for s, t, _ in found}


def test_commissive_codes_the_promise_not_the_act(res) -> None:
    found = events(res, "France agreed to supply Ukraine with artillery shells.")
    assert triples(found) == {("FRA", "UKR", "AGREE")}
    assert found[0]["cameo_code"].startswith("03") and found[0]["modality"] == "asserted"


def test_threat_to_act(res) -> None:
    assert triples(events(res, "Iran threatened to strike Israel.")) == {("IRN", "ISR", "THREATEN")}


def test_refusal_is_reject(res) -> None:
    assert triples(events(res, "Austria refused to send weapons to Ukraine.")) == {("AUT", "UKR", "REJECT")}


def test_reported_speech(res) -> None:
    found = events(res, "The Pentagon said North Korea sent troops to Russia.")
    assert triples(found) == {("PRK", "RUS", "AID")}
    assert found[0]["modality"] == "reported" and found[0]["reporter_code"].startswith("USA")


def test_requested_content_is_not_coded(res) -> None:
    assert triples(events(res, "Germany urged Serbia to stop arming separatists in Kosovo.")) == {("DEU", "SRB", "REQUEST")}


def test_negation(res) -> None:
    found = events(res, "Turkey did not attack Greece.")
    assert triples(found) == {("TUR", "GRC", "ASSAULT")} and found[0]["polarity"] == "negative"


def test_hypothetical_and_future(res) -> None:
    assert events(res, "China could invade Taiwan.")[0]["modality"] == "hypothetical"
    assert events(res, "Japan will send aid to Nepal.")[0]["modality"] == "future"


def test_historical(res) -> None:
    found = events(res, "Iraq invaded Kuwait in August 1990.")
    assert triples(found) == {("IRQ", "KWT", "ASSAULT")} and found[0]["modality"] == "historical"


def test_nominal_event_with_both_participants(res) -> None:
    assert triples(events(res, "Russia's invasion of Georgia shocked Europe.")) == {("RUS", "GEO", "ASSAULT")}


def test_nominal_event_needs_a_source(res) -> None:
    assert events(res, "Sanctions against Cuba have done little.") == []


def test_talks_between(res) -> None:
    assert triples(events(res, "Talks between Serbia and Albania resumed on Monday.")) >= {
        ("SRB", "ALB", "CONSULT"), ("ALB", "SRB", "CONSULT")
    }


def test_place_target_is_its_country(res) -> None:
    assert triples(events(res, "Russia attacked Kharkiv on Friday.")) == {("RUS", "UKR", "ASSAULT")}


def test_non_state_target_keeps_its_sector_and_is_out_of_the_states_scope(res) -> None:
    from transforms.evaluate import SCOPE_STATES, to_predicted

    assert events(res, "Turkey bombed Kurdish militants in northern Iraq.") == []  # a people, not a state
    found = events(res, "Turkey bombed militants in northern Iraq.")
    assert [(e["source_code"], e["target_code"]) for e in found] == [("TUR", "IRQREB")]
    assert to_predicted(found[0], SCOPE_STATES).target is None


def test_pronoun_coreference(res) -> None:
    text = "Vladimir Putin arrived in Hanoi on Wednesday. He praised Vietnam for its friendship."
    assert ("RUS", "VNM", "SUPPORT") in triples(events(res, text))


def test_two_countries_description(res) -> None:
    text = "Kenya and Uganda met on Monday. The two countries agreed to reopen the border."
    assert {("KEN", "UGA", "AGREE"), ("UGA", "KEN", "AGREE")} <= triples(events(res, text))


def test_no_interaction_no_event(res) -> None:
    assert events(res, "Both India and Pakistan recorded record temperatures this week.") == []


def test_confidence_ranks_hedged_readings_lower(res) -> None:
    plain = events(res, "Poland condemned Belarus on Monday.")[0]["confidence"]
    hedged = events(res, "China could invade Taiwan.")[0]["confidence"]
    assert plain > hedged


def test_offsets_index_the_text(res) -> None:
    text = "Russian President Vladimir Putin met North Korean leader Kim Jong Un in Pyongyang."
    for e in events(res, text):
        assert text[e["source_start"]:e["source_end"]] == e["source_text"]
        assert text[e["target_start"]:e["target_end"]] == e["target_text"]
        assert text[e["action_start"]:e["action_end"]] == e["action_text"]


def test_unknown_actor_is_kept_with_text_and_no_code(res) -> None:
    found = events(res, "Ethiopia accused the Harar Valley Defence Front of attacks.")
    assert [(e["source_code"], e["target_code"], e["target_text"]) for e in found] == [
        ("ETH", None, "the Harar Valley Defence Front")
    ]


def test_non_state_actor_from_the_dictionary_is_coded(res) -> None:
    found = events(res, "Hezbollah fired rockets at Israel on Monday.")
    assert [(e["source_code"], e["target_code"], e["cameo_root"]) for e in found] == [("LBNREB", "ISR", "19")]


def test_person_code_follows_the_event_date(res) -> None:
    then = events(res, "Donald Trump met Kim Jong Un in Singapore in June 2018.", published=date(2024, 6, 1))
    now = events(res, "Donald Trump met Kim Jong Un on Monday.", published=date(2024, 6, 1))
    assert then[0]["source_code"] == "USAGOV" and then[0]["modality"] == "historical"
    assert now[0]["source_code"] == "USAELI"


def test_domestic_event_between_two_actors_of_one_country(res) -> None:
    found = events(res, "The Sudanese army attacked Sudanese rebels in Darfur.")
    assert [(e["source_code"], e["target_code"], e["plover_type"]) for e in found] == [("SDNMIL", "SDNREB", "ASSAULT")]


def test_domestic_crackdown(res) -> None:
    found = events(res, "Iraqi soldiers arrested Iraqi insurgents.")
    assert [(e["source_code"], e["target_code"], e["cameo_root"]) for e in found] == [("IRQMIL", "IRQREB", "17")]


def test_domestic_pair_rules() -> None:
    from transforms.actors import ResolvedActor
    from transforms.coding.events import domestic_pair

    def actor(code, country, sector, kind="demonym"):
        return ResolvedActor(code, country, sector, code or "x", 0, 1, kind)

    iraq = actor("IRQ", "IRQ", None, "country")
    government = actor("IRQGOV", "IRQ", "GOV")
    army = actor("IRQMIL", "IRQ", "MIL")
    rebels = actor("IRQREB", "IRQ", "REB")
    assert domestic_pair(army, rebels) and domestic_pair(rebels, government)
    assert domestic_pair(iraq, rebels)  # "Iraq attacked rebels"
    assert domestic_pair(government, army)  # two organs of one state
    assert not domestic_pair(army, army)  # never an actor with itself
    assert not domestic_pair(iraq, government)  # one state under two names
    assert not domestic_pair(iraq, actor("IRQ", "IRQ", None, "capital"))
    assert not domestic_pair(army, actor("SYRREB", "SYR", "REB"))  # not one country
    assert not domestic_pair(actor(None, None, None, "unknown"), actor(None, None, None, "unknown"))


def test_announced_acts_take_intent_and_threat_codes(res) -> None:
    visit = events(res, "Japan will send aid to Nepal.")[0]
    assert (visit["cameo_code"][:2], visit["plover_type"], visit["modality"]) == ("03", "AGREE", "future")
    tariffs = events(res, "Canada will impose sanctions on Iran.")[0]
    assert (tariffs["cameo_code"][:2], tariffs["plover_type"], tariffs["modality"]) == ("13", "THREATEN", "future")
    asserted = events(res, "Canada imposed sanctions on Iran.")[0]
    assert asserted["cameo_code"][:2] == "16"


def test_act_conditional_on_the_other_side_is_a_threat(res) -> None:
    found = events(res, "Nigeria will withdraw its troops from Chad unless Chad holds elections.")
    assert [(e["source_code"][:3], e["target_code"][:3], e["plover_type"]) for e in found] == [("NGA", "TCD", "THREATEN")]


def test_protest_without_named_target_is_aimed_at_the_government_of_its_place(res) -> None:
    found = events(res, "Thousands of Iraqi Kurds demonstrated in Kirkuk on Sunday.")
    assert [(e["source_code"], e["target_code"], e["plover_type"]) for e in found] == [("IRQCVL", "IRQGOV", "PROTEST")]
    assert found[0]["target_text"] == "Kirkuk"
    rioted = events(res, "Egyptian demonstrators rioted on Monday.")
    assert [(e["source_country"], e["target_code"]) for e in rioted] == [("EGY", "EGYGOV")]


def test_curfew_falls_on_the_population_of_its_place(res) -> None:
    found = events(res, "The Turkish government imposed a curfew in the town of Cizre.")
    assert [(e["source_code"], e["target_code"], e["cameo_code"]) for e in found] == [("TURGOV", "TURCVL", "1723")]


def test_hunger_strike_is_not_a_military_strike(res) -> None:
    found = events(res, "Algerian landowners began a hunger strike outside the parliament in Algiers.")
    assert [(e["source_country"], e["target_code"], e["cameo_code"]) for e in found] == [("DZA", "DZAGOV", "142")]


def test_bare_group_takes_the_country_of_its_place_or_of_a_one_country_story(res) -> None:
    placed = events(res, "Demonstrators in Baghdad blocked a road to the airport.")
    assert [(e["source_code"], e["target_code"]) for e in placed] == [("IRQOPP", "IRQGOV")]
    story = events(res, "Rebels shelled the town of Kadugli on Sunday, the Sudanese army said.")
    assert [(e["source_code"], e["target_country"]) for e in story] == [("SDNREB", "SDN")]
    # with two countries in play a bare group stays uncoded
    two = events(res, "Rebels attacked the Sudanese army near the border with Chad.")
    assert not any(e["source_sector"] == "REB" and e["source_code"] for e in two)
    # state forces as an object are the source's means, not a context guess
    fired = events(res, "Russia fired missiles at Kyiv.")
    assert [(e["source_code"], e["target_country"]) for e in fired] == [("RUS", "UKR")]


def test_party_to_a_demanded_act_is_the_target(res) -> None:
    found = events(res, "The European Union demanded the withdrawal of Serbian forces.")
    assert ("IGO", "SRB", "REQUEST") in {(e["source_code"][:3], e["target_country"], e["plover_type"]) for e in found}
    # a thing shipped is not a party: "a shipment of Russian arms" names no target
    assert not events(res, "Iran received a shipment of Russian arms.")


def test_threat_is_aimed_at_the_party_its_condition_names(res) -> None:
    found = events(res, "Russia threatened to stop the negotiations if the United States deploys new missiles in Europe.")
    assert [(e["source_code"], e["target_code"], e["plover_type"]) for e in found] == [("RUS", "USA", "THREATEN")]


def test_unnamed_victims_and_threatened_places_take_the_place_country(res) -> None:
    killed = events(res, "Two Palestinian gunmen killed five people in Tel Aviv on Sunday.")
    assert [(e["source_country"], e["target_code"]) for e in killed] == [("PSE", "ISRCVL")]
    assert not events(res, "Two Palestinian gunmen killed five people on Sunday.")
    threat = events(res, "Hamas threatened to resume attacks in Israel.")
    assert [(e["source_country"], e["target_country"], e["plover_type"]) for e in threat] == [("PSE", "ISR", "THREATEN")]


def test_group_named_by_its_region(res) -> None:
    found = events(res, "The Sudanese government accused Darfur rebels of violating the ceasefire.")
    assert [(e["source_code"], e["target_code"], e["plover_type"]) for e in found] == [("SDNGOV", "SDNREB", "ACCUSE")]


def test_titled_person_outside_the_dictionary_holds_the_office_of_a_one_country_story(res) -> None:
    found = events(res, "President Arvo Tammsalu banned Estonian opposition candidates from the elections.")
    assert [(e["source_code"], e["target_code"], e["source_text"]) for e in found] == [
        ("ESTGOV", "ESTOPP", "President Arvo Tammsalu")
    ]
    # with two countries in play the stranger stays uncoded
    two = events(res, "President Arvo Tammsalu criticised Latvia and Estonia.")
    assert all(e["source_code"] is None for e in two)


def test_mediation_effort_between_parties(res) -> None:
    found = events(res, "Qatar launched a mediation effort on Saturday between the Emirates and Saudi Arabia.")
    assert sorted((e["source_code"], e["target_code"], e["plover_type"]) for e in found) == [
        ("QAT", "ARE", "CONSULT"), ("QAT", "SAU", "CONSULT")
    ]


def test_ethnic_people_belong_to_the_state_they_live_in(res) -> None:
    found = events(res, "Ethnic Albanians in south Serbia are demanding a U.N. military presence.")
    assert [(e["source_code"], e["target_code"]) for e in found] == [("SRBCVL", "IGOUNO")]
    # without a place they are left uncoded rather than given the kin state
    assert not events(res, "Serb forces killed three ethnic Albanians in a gunbattle.")


def test_a_movements_government_is_the_government(res) -> None:
    found = events(res, "Nicaragua's Sandinista government ordered the opposition newspaper La Prensa to close.")
    assert [(e["source_code"], e["target_code"]) for e in found] == [("NICGOV", "NICMED")]


def test_complaint_is_about_the_doers_of_the_act(res) -> None:
    found = events(res, "Lebanon complained to the United Nations on Tuesday over two Israeli air raids.")
    assert [(e["source_code"], e["target_code"], e["plover_type"]) for e in found] == [("LBN", "ISR", "ACCUSE")]


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
