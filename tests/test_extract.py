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


def document_events(res, text: str, fields: dict | None = None) -> list[dict]:
    """Events of a document as a flow run codes it (reading, recasing, batch coding)."""
    from transforms.batch import code_document, prepare_doc
    from transforms.documents import make_document

    document = make_document("t", "t", text, {"published": PUBLISHED, **(fields or {})})
    found, _ = code_document(res.nlp(prepare_doc(res, document)), document, res)
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
    pytest.param("Ghana and Togo summoned each other's ambassadors.", {("GHA", "TGO", "ACCUSE"), ("TGO", "GHA", "ACCUSE")},
                 id="a possessive reciprocal"),
    pytest.param("Ghana and Togo traded accusations on Monday.", {("GHA", "TGO", "ACCUSE"), ("TGO", "GHA", "ACCUSE")},
                 id="traded accusations"),
    pytest.param("Sudan and Chad mutually agreed to pull their forces out of the border area.",
                 {("SDN", "TCD", "AGREE"), ("TCD", "SDN", "AGREE")}, id="mutually"),
    pytest.param("Ghana and Togo accused each other of violating the ceasefire.",
                 {("GHA", "TGO", "ACCUSE"), ("TGO", "GHA", "ACCUSE"), ("GHA", "TGO", "ASSAULT"), ("TGO", "GHA", "ASSAULT")},
                 id="accused each other of an act"),
    pytest.param("Kenya criticised each other.", set(), id="one subject is no reciprocal"),
    pytest.param("Kenya and Uganda criticised each of the other countries.", set(), id="not a reciprocal phrase"),
]

# One-sided events (roots.one_sided_source, rules/agentless_passive.py): (sentence, every event);
# None is the missing side
ONE_SIDED = [
    pytest.param("The Peruvian interior minister resigned on Thursday.", {("PER", None, "CONCEDE")},
                 id="a resignation has no target"),
    pytest.param("The Chilean minister resigned over the scandal.", {("CHL", None, "CONCEDE")},
                 id="a motive is no party"),
    pytest.param("Some 40 Colombian guerrillas surrendered on Friday.", {("COL", None, "RETREAT")},
                 id="a surrender with no one named"),
    pytest.param("Greenpeace activists protested on Monday.", {("NGOGREENPEACE", None, "PROTEST")},
                 id="a protest with no country to aim at"),
    pytest.param("Eight Nigerien soldiers were killed near the border.", {(None, "NER", "ASSAULT")},
                 id="an agentless passive of violence has no source"),
    pytest.param("Three Turkish journalists have been detained in Istanbul.", {(None, "TUR", "COERCE")},
                 id="an agentless passive of coercion"),
    pytest.param("The Chilean senator resigned on Monday.", set(), id="resigning is a leader's news, not a legislator's"),
    pytest.param("Chadian rebels surrendered to a local militia.", set(),
                 id="a named party the dictionary cannot code is not a missing side"),
    pytest.param("The Ugandan minister will resign next week.", set(), id="an announced resignation is a statement"),
    pytest.param("The Bolivian minister said the economy would grow.", set(), id="a bare statement is no event"),
    pytest.param("A jailed Russian dissident wrote to the newspaper.", set(), id="a participle describes, it reports no act"),
    pytest.param("Dozens of houses in the Malian village were burned.", set(), id="things suffer no one-sided event"),
    pytest.param("The Kenyan minister was forced to apologise.", set(), id="a passive governing a verb"),
]

# Coordination (issue #10, class 2): one event per conjunct, (sentence, every event)
COORDINATION = [
    pytest.param("Kenya and the Ugandan army attacked Somalia on Monday.",
                 {("KEN", "SOM", "ASSAULT"), ("UGA", "SOM", "ASSAULT")}, id="a country and a force"),
    pytest.param("Ministers in Peru and Chile criticised Bolivia.",
                 {("PER", "BOL", "ACCUSE"), ("CHL", "BOL", "ACCUSE")}, id="officials placed in two countries"),
    pytest.param("Bolivia restored ties with Peru, Chile, Brazil and Ecuador.",
                 {("BOL", c, "SUPPORT") for c in ("PER", "CHL", "BRA", "ECU")}, id="ties with a list"),
    pytest.param("Ghana, Togo, Benin and Nigeria condemned Mali.",
                 {(c, "MLI", "ACCUSE") for c in ("GHA", "TGO", "BEN", "NGA")}, id="a listed subject"),
    pytest.param("The defence ministers of Ghana and Togo met in Accra.",
                 {("GHA", "TGO", "CONSULT"), ("TGO", "GHA", "CONSULT")}, id="the ministers of two countries"),
    pytest.param("Iran summoned the ambassadors of France, Germany and Britain on Sunday.",
                 {("IRN", c, "ACCUSE") for c in ("FRA", "DEU", "GBR")}, id="the ambassadors of a list"),
    pytest.param("Kenya's foreign minister held talks with the leaders of Ghana and Senegal during a tour.",
                 {("KEN", "GHA", "CONSULT"), ("KEN", "SEN", "CONSULT")}, id="a list one phrase down"),
    pytest.param("Peru, along with Chile and Ecuador, expelled the Bolivian ambassador.",
                 {(c, "BOL", "SANCTION") for c in ("PER", "CHL", "ECU")}, id="along with"),
    pytest.param("Kenya, together with Uganda, condemned Rwanda.",
                 {("KEN", "RWA", "ACCUSE"), ("UGA", "RWA", "ACCUSE")}, id="together with"),
    pytest.param("Kenya's ties with Peru and Chile worsened.", set(), id="a head with its own actor is not split"),
]

# Complements and purpose clauses (issue #10, class 4): (sentence, every event)
COMPLEMENTS = [
    pytest.param("Kenya accused Uganda of shipping arms to the Sudanese rebels.",
                 {("KEN", "UGA", "ACCUSE"), ("UGA", "SDN", "AID")}, id="an accusation and the act it imputes"),
    pytest.param("Ghana accused the Togolese army of occupying farmland inside Ghanaian territory.",
                 {("GHA", "TGO", "ACCUSE"), ("TGO", "GHA", "COERCE")}, id="the phrase on the object"),
    pytest.param("Chile thanked Peru for sending food aid to Bolivia.",
                 {("CHL", "PER", "SUPPORT"), ("PER", "BOL", "AID")}, id="thanks and the act thanked for"),
    pytest.param("India accused Canada of harbouring separatists.", {("IND", "CAN", "ACCUSE")},
                 id="an imputed act the lexicon does not code"),
    pytest.param("Canada joined Australia in condemning China.",
                 {("CAN", "CHN", "ACCUSE"), ("AUS", "CHN", "ACCUSE")}, id="joined Y in doing"),
    pytest.param("Iraq accused Turkish forces of shelling a resort, killing nine Iraqi civilians.",
                 {("IRQ", "TUR", "ACCUSE")}, id="a participle after a verb of saying is not the sayer's act"),
    pytest.param("Moscow dispatched two warships to the Caribbean to back Venezuela.", {("RUS", "VEN", "AID")},
                 id="a deployment to back someone is protective"),
    pytest.param("Kenya sent troops to Somalia to fight the rebels.", {("KEN", "SOM", "AID")},
                 id="the act is the event, its purpose is not"),
    pytest.param("The Ghanaian envoy flew to Lome to seek the release of two fishermen.", {("GHA", "TGO", "CONSULT")},
                 id="a visit and its purpose"),
    pytest.param("The foreign ministers of Brazil and Chile met on Friday to coordinate their response.",
                 {("BRA", "CHL", "CONSULT"), ("CHL", "BRA", "CONSULT")}, id="a mutual act and its purpose"),
    pytest.param("Egypt sent a team of mediators to Doha to meet Qatari officials.", {("EGY", "QAT", "CONSULT")},
                 id="an uncoded act leaves its purpose to be read"),
    pytest.param("Ecuadorian police raided the Mexican embassy in Quito, prompting Mexico to break off relations "
                 "with Ecuador.", {("ECU", "MEX", "ASSAULT"), ("MEX", "ECU", "SANCTION")},
                 id="object control: prompting Y to act"),
]

# Passives, coordinated verbs and acts read from the receiving end (issue #10, class 5)
PASSIVES = [
    pytest.param("The Nigerian envoy was greeted by Ghana's foreign minister in Accra and flew on to Lome.",
                 {("GHA", "NGA", "CONSULT"), ("NGA", "TGO", "CONSULT")},
                 id="the host is the source; the guest flies on"),
    pytest.param("A Spanish proposal for a truce was welcomed by Rabat but rejected by Algiers within hours.",
                 {("MAR", "ESP", "SUPPORT"), ("DZA", "ESP", "REJECT")}, id="coordinated passives, each its agent"),
    pytest.param("The Saudi crown prince arrived in Tokyo on Thursday and was received by the Japanese prime minister.",
                 {("SAU", "JPN", "CONSULT"), ("JPN", "SAU", "CONSULT")},
                 id="an active verb and a passive one share the subject"),
    pytest.param("The Laotian prime minister was welcomed in Hanoi on Tuesday.", {("VNM", "LAO", "CONSULT")},
                 id="welcomed in a capital: its country hosts"),
    pytest.param("Kenya welcomed the decision by Uganda.", {("KEN", "UGA", "SUPPORT")}, id="a thing welcomed is no guest"),
    pytest.param("The German government welcomed the American president's statement.", {("DEU", "USA", "SUPPORT")},
                 id="a guest's thing is no guest"),
    pytest.param("Morocco obtained armed drones from Israel.", {("ISR", "MAR", "AID")}, id="obtained from: the giver acts"),
    pytest.param("Ghana's finance minister won the backing of the World Bank on Monday.",
                 {("IGOWB", "GHA", "SUPPORT")}, id="won the backing of"),
    pytest.param("Iran's missile strikes on Israel drew condemnation from Germany.",
                 {("IRN", "ISR", "ASSAULT"), ("DEU", "IRN", "ACCUSE")}, id="drew condemnation from: towards the doer"),
    pytest.param("Kenya was promised new loans and grain by China.", {("CHN", "KEN", "AGREE")},
                 id="the agent after coordinated objects"),
]

# Ellipsis (issue #10, class 9): (sentence, every event)
ELLIPSIS = [
    pytest.param("Poland expelled 20 Belarusian diplomats on Monday, and Lithuania 15.",
                 {("POL", "BLR", "SANCTION"), ("LTU", "BLR", "SANCTION")}, id="gapping"),
    pytest.param("Ghana condemned the Togolese raid, as did Benin and Niger.",
                 {("GHA", "TGO", "ACCUSE"), ("BEN", "TGO", "ACCUSE"), ("NER", "TGO", "ACCUSE")}, id="as did X and Y"),
    pytest.param("Sweden has sent tanks to Ukraine, and Norway has as well.",
                 {("SWE", "UKR", "AID"), ("NOR", "UKR", "AID")}, id="X has as well"),
    pytest.param("Kenya recalled its ambassador from Uganda, and Tanzania followed suit.",
                 {("KEN", "UGA", "SANCTION"), ("TZA", "UGA", "SANCTION")}, id="followed suit"),
    pytest.param("Britain sanctioned three Russian generals; the European Union did the same a week later.",
                 {("GBR", "RUS", "COERCE"), ("IGOEU", "RUS", "COERCE")}, id="did the same after a semicolon"),
    pytest.param("Kenya condemned Uganda. Tanzania followed suit.", {("KEN", "UGA", "ACCUSE"), ("TZA", "UGA", "ACCUSE")},
                 id="followed suit in the next sentence"),
    pytest.param("Peru expelled the Chilean ambassador on Tuesday, and Chile responded in kind hours later.",
                 {("PER", "CHL", "SANCTION"), ("CHL", "PER", "SANCTION")}, id="responded in kind: the act returned"),
    pytest.param("Canada, like Britain, has imposed sanctions on Iranian generals.",
                 {("CAN", "IRN", "COERCE"), ("GBR", "IRN", "COERCE")}, id="X, like Y, did"),
    pytest.param("Countries like Britain imposed sanctions on Iran.", set(), id="like without commas lists examples"),
    pytest.param("Kenya will visit Uganda, the first African state to do so this year.", {("KEN", "UGA", "AGREE")},
                 id="an infinitive do so describes"),
]

# Headlines (issue #10, class 10), read as a flow run reads a document: (headline, every event)
HEADLINES = [
    pytest.param("Ghana Expels Three Togolese Diplomats Over Spying Claims", {("GHA", "TGO", "SANCTION")},
                 id="title case"),
    pytest.param("GHANA EXPELS THREE TOGOLESE DIPLOMATS", {("GHA", "TGO", "SANCTION")}, id="all capitals"),
    pytest.param("Peru To Send Troops To Bolivia", {("PER", "BOL", "AGREE")}, id="to + verb: an announced act"),
    pytest.param("Five Malian Soldiers Killed In Border Ambush", {(None, "MLI", "ASSAULT")},
                 id="a participle predicate: an agentless passive"),
    pytest.param("Ghana, Togo Sign Border Deal In Accra", {("GHA", "TGO", "SUPPORT"), ("TGO", "GHA", "SUPPORT")},
                 id="a comma for and"),
    pytest.param("Iran Has Supplied Drones To Sudan, Says Egypt", {("IRN", "SDN", "AID")}, id="says X: reported"),
    pytest.param("Kenya Mulls Sending Troops To Somalia", {("KEN", "SOM", "AID")}, id="mulls: hypothetical"),
    pytest.param("Russian President Vladimir Putin met North Korean leader Kim Jong Un in Pyongyang.",
                 {("RUS", "PRK", "CONSULT")}, id="a sentence with names is not recased"),
]

# Modality and negation across clauses (issue #10, class 7): (sentence, every event)
MODALITY = [
    pytest.param("The Brazilian president said she would not travel to Moscow.", {("BRA", "RUS", "REJECT")},
                 id="saying one will not act is a refusal"),
    pytest.param("Britain ruled out talks with Argentina.", {("GBR", "ARG", "REJECT")}, id="ruling talks out"),
    pytest.param("Qatar will host talks between Sudanese and Chadian negotiators in Doha.",
                 {("QAT", "SDN", "AGREE"), ("QAT", "TCD", "AGREE"), ("SDN", "TCD", "AGREE"), ("TCD", "SDN", "AGREE")},
                 id="talks to be hosted are intents, between coordinated modifiers"),
]

# (sentence, events it must give among others): a participle adjunct shares the subject, an
# object pronoun stands for the nearest noun phrase of its number
SHARED_SUBJECTS = [
    pytest.param("Ghana and Togo severed diplomatic ties with Benin on Monday, accusing it of harbouring rebels.",
                 {("GHA", "BEN", "ACCUSE"), ("TGO", "BEN", "ACCUSE")}, id="a participle and an object pronoun"),
    pytest.param("Chile expelled two Bolivian diplomats on Monday, accusing them of espionage.",
                 {("CHL", "BOL", "ACCUSE")}, id="them: the nearest plural"),
    pytest.param("Peru expelled the Chilean ambassador on Friday, accusing him of spying.",
                 {("PER", "CHL", "ACCUSE")}, id="him: the nearest person named"),
    pytest.param('"We will attack Ukraine," the Russian defence minister said.', {("RUS", "UKR", "THREATEN")},
                 id="a quoted we is the speaker"),
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
    pytest.param("The Peruvian interior minister resigned on Thursday.",
                 ("target_text", "target_code", "target_country", "target_sector", "target_start", "target_end"),
                 [(None,) * 6], id="every column of a missing side is null"),
    pytest.param("Kenya accused Uganda of shipping arms to Sudan.", ("plover_type", "modality", "reporter_code"),
                 [("ACCUSE", "asserted", None), ("AID", "reported", "KEN")], id="an imputed act is reported"),
    pytest.param("The Saudi crown prince arrived in Tokyo on Thursday and was received by the Japanese prime minister.",
                 ("source_code", "cameo_code", "target_code"), [("SAUGOV", "042", "JPNGOV"), ("JPNGOV", "043", "SAUGOV")],
                 id="a visit and its host"),
    pytest.param("Peru and Chile have reportedly reached an agreement on fishing rights.", ("modality",),
                 [("reported",), ("reported",)], id="reportedly"),
    pytest.param("Russia is said to have sent troops to Belarus.", ("plover_type", "modality"), [("AID", "reported")],
                 id="is said to: hearsay"),
    pytest.param("Germany will not deliver missiles to Ukraine, Scholz said.", ("plover_type", "modality", "polarity"),
                 [("REJECT", "asserted", "positive")], id="a refusal reported by its own side"),
    pytest.param("Ghana no longer supplies arms to Togo.", ("plover_type", "polarity"), [("AID", "negative")],
                 id="no longer"),
    pytest.param("Nepal did not rule out sending troops to Lebanon.", ("plover_type", "modality", "polarity"),
                 [("AID", "hypothetical", "positive")], id="not ruled out: possible"),
    pytest.param("Kenya stopped short of recalling its ambassador from Uganda.", ("plover_type", "polarity"),
                 [("SANCTION", "negative")], id="stopped short of"),
    pytest.param("Japan refrained from imposing sanctions on Russia.", ("source_country", "polarity"),
                 [("JPN", "negative")], id="refrained from"),
    pytest.param("Three Chinese vessels are suspected of having delivered arms to North Korea.",
                 ("source_country", "target_country", "plover_type", "modality"), [("CHN", "PRK", "AID", "reported")],
                 id="suspected of having done"),
    pytest.param("Chile has sent troops to Peru, and Bolivia will too.", ("source_country", "plover_type", "modality"),
                 [("CHL", "AID", "asserted"), ("BOL", "AGREE", "future")], id="X will too: an announced act"),
    pytest.param("Chile thanked Peru for sending food aid to Bolivia.", ("plover_type", "modality"),
                 [("SUPPORT", "asserted"), ("AID", "asserted")], id="an act thanked for is asserted"),
    pytest.param("Eight Nigerien soldiers were killed near the border.",
                 ("source_text", "source_code", "source_start", "target_code", "target_text"),
                 [(None, None, None, "NERMIL", "Nigerien soldiers")], id="a missing source"),
]


@pytest.mark.parametrize(("sentence", "expected"), EXACTLY + RECIPROCALS + ONE_SIDED + COORDINATION + COMPLEMENTS + PASSIVES
                         + MODALITY + ELLIPSIS)
def test_exact_events(res, sentence: str, expected: set) -> None:
    assert triples(events(res, sentence)) == expected


@pytest.mark.parametrize(("sentence", "expected"), AT_LEAST + SHARED_SUBJECTS)
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


@pytest.mark.parametrize(("headline", "expected"), HEADLINES)
def test_headlines(res, headline: str, expected: set) -> None:
    assert triples(document_events(res, headline)) == expected


def test_a_headline_keeps_its_words_as_written(res) -> None:
    (event,) = document_events(res, "Ghana Expels Three Togolese Diplomats Over Spying Claims")
    assert event["sentence_text"] == "Ghana Expels Three Togolese Diplomats Over Spying Claims"
    assert (event["source_text"], event["target_text"], event["action_text"]) == ("Ghana", "Togolese Diplomats", "Expels")
    assert (event["modality"], event["polarity"]) == ("asserted", "positive")


def test_a_title_field_is_coded_with_offsets_into_the_text(res) -> None:
    found = document_events(res, "The decision followed a week of talks.", {"title": "Peru Expels Bolivian Ambassador"})
    (event,) = found
    assert (event["source_country"], event["target_country"], event["plover_type"]) == ("PER", "BOL", "SANCTION")
    assert event["sentence_index"] == 0 and event["source_start"] == 0 and event["source_text"] == "Peru"


def test_headline_modality_from_its_form(res) -> None:
    by_text = {h: document_events(res, h) for h in (
        "Iran Has Supplied Drones To Sudan, Says Egypt", "Kenya Mulls Sending Troops To Somalia",
        "Peru To Send Troops To Bolivia",
    )}
    assert [e["modality"] for e in by_text["Iran Has Supplied Drones To Sudan, Says Egypt"]] == ["reported"]
    assert [e["modality"] for e in by_text["Kenya Mulls Sending Troops To Somalia"]] == ["hypothetical"]
    assert [e["modality"] for e in by_text["Peru To Send Troops To Bolivia"]] == ["future"]


def test_an_object_pronoun_for_a_thing_is_no_actor(res) -> None:
    # "it" is the plan, not its author; the court is the setting, not the accused
    assert all(e["action_lemma"] != "call" for e in events(res, "Israel rejected the Chinese president's plan on Thursday, "
                                                               "calling it a danger."))
    assert all(e["action_lemma"] != "accuse" for e in events(
        res, "Ghana filed a case against Togo at the International Court of Justice, accusing it of genocide."))


def test_a_prediction_by_others_is_no_refusal(res) -> None:
    found = events(res, "Analysts said Russia would not attack Finland.")
    assert found and all(e["plover_type"] != "REJECT" for e in found)


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
