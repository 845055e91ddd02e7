"""Tests for transforms.codes, transforms.lexicons and the TSV tables they load (fast: no NLP model)."""

from __future__ import annotations

import dataclasses
from importlib.resources import files
from pathlib import Path

import pytest

from transforms.codes import NOT_AN_EVENT, CameoCode, cameo_table, plover_types
from transforms.lexicons import WORD_CLASSES, Compositions, NounLexicon, VerbLexicon, WordClasses

DATA = files("transforms") / "data"


def _data_rows(name: str) -> list[list[str]]:
    """Raw rows of a packaged TSV (header and comments dropped), read independently
    of the module under test."""
    lines = [
        line
        for line in (DATA / name).read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    return [line.split("\t") for line in lines[1:]]


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# ----------------------------------------------------------------- CAMEO table


def test_table_size_and_levels():
    table = cameo_table()
    assert len(table) >= 280
    by_len = {n: [c for c in table if len(c) == n] for n in (2, 3, 4)}
    assert sorted(by_len[2]) == [f"{r:02d}" for r in range(1, 21)]
    assert len(by_len[3]) > 140 and len(by_len[4]) > 140


def test_codes_stay_text_with_leading_zeros():
    table = cameo_table()
    assert all(isinstance(code, str) for code in table)
    assert "010" in table and "10" in table
    assert table["010"].name.startswith("Make statement")
    assert table["10"].name == "DEMAND"
    assert table["0211"].root == "02"
    # the raw file, too, keeps the zeros
    assert "010" in {row[0] for row in _data_rows("cameo_codes.tsv")}


def test_roots_and_quad_classes_consistent():
    expected_quad = {**dict.fromkeys(range(1, 6), 1), **dict.fromkeys(range(6, 9), 2),
                     **dict.fromkeys(range(9, 14), 3), **dict.fromkeys(range(14, 21), 4)}
    table = cameo_table()
    for code, entry in table.items():
        assert entry.code == code
        assert entry.root == code[:2]
        assert entry.root in table
        assert entry.quad_class == expected_quad[int(entry.root)]
        if len(code) == 4:
            assert code[:3] in table, f"{code} has no 3-digit parent"


def test_goldstein_range_and_known_values():
    table = cameo_table()
    assert all(-10.0 <= e.goldstein <= 10.0 for e in table.values())
    assert table["190"].goldstein == -10.0
    assert table["057"].goldstein == 8.0
    assert table["010"].goldstein == 0.0
    assert table["0874"].goldstein == 10.0


def test_entries_are_frozen_and_table_is_a_copy():
    table = cameo_table()
    with pytest.raises(dataclasses.FrozenInstanceError):
        table["190"].goldstein = 0.0  # type: ignore[misc]
    del table["190"]
    assert "190" in cameo_table()
    assert isinstance(cameo_table()["190"], CameoCode)


# ----------------------------------------------------------------- PLOVER


@pytest.mark.parametrize(
    ("code", "plover"),
    [
        ("190", "ASSAULT"),
        ("19", "ASSAULT"),
        ("163", "COERCE"),  # the 2021 table files sanctions under COERCE
        ("161", "SANCTION"),
        ("036", "AGREE"),
        ("040", "CONSULT"),
        ("042", "CONSULT"),
        ("057", "SUPPORT"),
        ("072", "AID"),
        ("081", "CONCEDE"),
        ("0841", "RETREAT"),
        ("1124", "ACCUSE"),
        ("100", "REQUEST"),
        ("154", "MOBILIZE"),
        ("173", "COERCE"),
        ("020", "REQUEST"),  # Dotterel choice: appeals are not coded by PLOVER
        ("010", "STATEMENT"),  # Dotterel extension type
    ],
)
def test_plover_type_for_known_codes(code, plover):
    assert cameo_table()[code].plover_type == plover


def test_every_code_has_a_known_plover_type():
    types = plover_types()
    assert {"AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT",
            "ACCUSE", "REQUEST", "REJECT", "THREATEN", "PROTEST", "MOBILIZE", "SANCTION",
            "COERCE", "ASSAULT"} <= types
    assert all(e.plover_type in types for e in cameo_table().values())
    mapped = {row[0] for row in _data_rows("plover_map.tsv")}
    assert set(cameo_table()) <= mapped


def test_plover_map_carries_source_and_licence():
    header = (DATA / "plover_map.tsv").read_text(encoding="utf-8").split("\ncameo\t")[0]
    assert "CC BY-SA 4.0" in header
    assert "Open Event Data Alliance" in header
    assert "CAMEO2PLOVER-2021" in header


# ----------------------------------------------------------------- lexicon files


def test_lexicon_codes_exist_and_keys_are_unique():
    table = cameo_table()
    verb_rows = _data_rows("verbs.tsv")
    assert len(verb_rows) >= 300
    keys = [tuple(row[:3]) for row in verb_rows]
    assert len(keys) == len(set(keys)), "duplicate (lemma, particle, object) rows"
    for row in verb_rows:
        assert len(row) == 5, row
        assert row[3] == NOT_AN_EVENT or row[3] in table, row
    noun_rows = _data_rows("nouns.tsv")
    assert len(noun_rows) >= 60
    assert len({row[0] for row in noun_rows}) == len(noun_rows)
    for row in noun_rows:
        assert row[1] == NOT_AN_EVENT or row[1] in table, row


def test_verb_lexicon_covers_every_root_of_interest():
    roots = {row[3][:2] for row in _data_rows("verbs.tsv") if row[3] != NOT_AN_EVENT}
    assert {f"{r:02d}" for r in range(1, 21)} <= roots


# ----------------------------------------------------------------- verb lookups


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("impose", "", ["sanction"]), "163"),
        (("impose",), "170"),
        (("provide", "", ["weapon"]), "072"),
        (("supply", "", ["arm", "shell"]), "072"),  # "arms" lemmatises to "arm"
        (("sign", "", ["agreement"]), "057"),
        (("hold", "", ["talk"]), "046"),
        (("send", "", ["troop"]), "074"),
        (("deploy", "", ["troop"]), "154"),
        (("carry", "out", ["attack"]), "190"),
        (("pull", "out"), "0874"),
        (("recall", "", ["ambassador"]), "161"),
        (("fire", "", ["missile"]), "195"),
        (("release", "", ["hostage"]), "0841"),
        (("accuse", "", ["beijing"], ["of:espionage"]), "1125"),
        (("accuse", "", ["beijing"], ["of"]), "112"),
        (("meet", "", [], ["with"]), "040"),
        (("call", "", [], ["for"]), "020"),
        (("call", "", [], ["prep:on"]), "020"),
        (("call", "", [], ["for:ceasefire"]), "0256"),
        (("call",), "041"),
        (("Impose", "", ["SANCTION"]), "163"),  # case-insensitive
    ],
)
def test_default_verb_lookups(args, expected):
    assert VerbLexicon.load().lookup(*args) == expected


def test_not_an_event_rows_stop_defaults():
    lex = VerbLexicon.load()
    assert lex.lookup("release", objects=["statement"]) is None
    assert lex.lookup("hit", objects=["record"]) is None
    assert lex.lookup("hit", objects=["target"]) == "190"
    assert lex.lookup("fire", objects=["official"]) is None
    assert lex.lookup("nonexistentverb") is None


def test_known_lemmas():
    lemmas = VerbLexicon.load().known_lemmas()
    assert isinstance(lemmas, frozenset)
    assert {"impose", "attack", "meet", "sanction", "criticise", "criticize"} <= lemmas


def test_lookup_order(tmp_path):
    extra = _write(tmp_path, "order.tsv", "\n".join([
        "lemma\tparticle\tobject\tcode\tnote",
        "zzverb\t\t\t010\tbare default",
        "zzverb\tup\t\t020\tparticle default",
        "zzverb\tup\tprep:with\t030\tpreposition",
        "zzverb\tup\tprep:with:bar\t036\tpreposition + noun",
        "zzverb\tup\tthing\t040\tobject",
        "zzverb\t\talpha\t042\t",
        "zzverb\t\tbeta\t043\t",
    ]) + "\n")
    lex = VerbLexicon.load([extra])
    # object beats preposition+noun beats preposition beats particle default
    assert lex.lookup("zzverb", "up", ["thing"], ["with:bar"]) == "040"
    assert lex.lookup("zzverb", "up", ["other"], ["with:bar"]) == "036"
    assert lex.lookup("zzverb", "up", [], ["with:baz"]) == "030"
    assert lex.lookup("zzverb", "up", [], ["with"]) == "030"
    assert lex.lookup("zzverb", "up") == "020"
    # unknown particle falls back to the bare default
    assert lex.lookup("zzverb", "off") == "010"
    # object rows are keyed by particle: no particle -> bare default
    assert lex.lookup("zzverb", "", ["thing"]) == "010"
    # objects are tried in the order given
    assert lex.lookup("zzverb", "", ["beta", "alpha"]) == "043"
    assert lex.lookup("zzverb", "", ["alpha", "beta"]) == "042"
    # a lone string is one object, not a sequence of letters
    assert lex.lookup("zzverb", "", "alpha") == "042"


def test_user_file_overrides_and_leaves_default_alone(tmp_path):
    first = _write(tmp_path, "first.tsv",
                   "# project overrides\nimpose\t\tsanction\t1312\tmine\nabduct\t\t\t-\t\n")
    second = _write(tmp_path, "second.tsv", "impose\t\tsanction\t163\tback again\n")
    lex = VerbLexicon.load([first])
    assert lex.lookup("impose", objects=["sanction"]) == "1312"
    assert lex.lookup("abduct") is None
    assert "abduct" not in lex.known_lemmas()
    assert VerbLexicon.load([first, second]).lookup("impose", objects=["sanction"]) == "163"
    # the cached package lexicon is untouched
    default = VerbLexicon.load()
    assert default.lookup("impose", objects=["sanction"]) == "163"
    assert default.lookup("abduct") == "181"


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("impose\t\tsanction\n", "bad.tsv:3"),  # too few fields
        ("impose\t\tsanction\t999\t\n", "999"),  # unknown code
        ("impose\t\tsanction\t63\t\n", "'63'"),  # leading zero lost
        ("carry out\t\tattack\t190\t\n", "single token"),
        ("impose\t\tprep:\t190\t\n", "prep:X"),
    ],
)
def test_malformed_verb_rows_raise(tmp_path, body, message):
    bad = _write(tmp_path, "bad.tsv", "lemma\tparticle\tobject\tcode\tnote\n# c\n" + body)
    with pytest.raises(ValueError, match=message) as info:
        VerbLexicon.load([bad])
    assert "bad.tsv:3" in str(info.value)


# ----------------------------------------------------------------- nouns


def test_noun_lookups_and_extension(tmp_path):
    nouns = NounLexicon.load()
    assert nouns.lookup("invasion") == "190"
    assert nouns.lookup("talk") == "046"
    assert nouns.lookup("Sanction") == "163"
    assert nouns.lookup("attack") == "190"
    assert nouns.lookup("nonexistentnoun") is None
    extra = _write(tmp_path, "nouns.tsv", "lemma\tcode\tnote\ninvasion\t192\t\nmassacre\t-\t\n")
    mine = NounLexicon.load([extra])
    assert mine.lookup("invasion") == "192"
    assert mine.lookup("massacre") is None
    assert "massacre" not in mine.known_lemmas()
    assert NounLexicon.load().lookup("invasion") == "190"
    # a noun read through its verb: a '-' noun is still a candidate, coded by the verb's rows
    assert nouns.verb_of("expulsion") == "expel"
    assert nouns.lookup("recall") is None and "recall" in nouns.known_lemmas()
    verbs = VerbLexicon.load()
    assert verbs.specific("expel", ["diplomat"]) == "161"
    assert verbs.specific("expel", ["zzthing"]) is None  # never the verb's default
    assert verbs.specific("withdraw", [], ["from:treaty"]) == "160"
    assert verbs.specific("hand_over", ["suspect"]) == "063"
    broken = _write(tmp_path, "broken.tsv", "lemma\tcode\tnote\ninvasion\t1900\t\n")
    with pytest.raises(ValueError, match=r"broken\.tsv:2"):
        NounLexicon.load([broken])


# ----------------------------------------------------------------- word classes and compositions


def test_packaged_word_classes():
    words = WordClasses.load().words
    assert {"say", "deny", "accuse"} <= words.speech
    assert {"agree", "pledge"} <= words.commit and words.threat == {"threaten"}
    assert {"will", "'ll"} <= words.future_aux and "must" in words.hypothetical_aux
    assert "set" in words.future_frame and "set" not in words.future
    assert words.obligation.isdisjoint(words.content)  # "tell" is read as content only
    assert all(getattr(words, name) for name in WORD_CLASSES), "a class without words"


def test_user_word_classes_replace_a_words_rows(tmp_path):
    extra = _write(tmp_path, "governors.tsv", "lemma\tclass\tnote\nvow\tthreat\t\nvow\tspeech\t\nsay\t-\t\nmull\tfuture\t\n")
    words = WordClasses.load([extra]).words
    assert "vow" in words.threat and "vow" in words.speech and "vow" not in words.commit
    assert "say" not in words.speech and "say" not in words.obligation
    assert "mull" in words.future and "mull" not in words.hypothetical
    assert "vow" in WordClasses.load().words.commit  # the packaged classes are untouched


def test_packaged_compositions():
    compositions = Compositions.load()
    for name, governed, default, expected in [
        ("intent", "0741", None, "0334"),  # agreed to send troops
        ("intent", "046", None, "036"),
        ("intent", "190", None, "030"),  # no intent code of its own: the '*' row
        ("intent", "190", "190", "190"),  # with a caller's fallback
        ("threat", "1901", None, "1384"),  # threatened to attack: the 2-digit row
        ("threat", "1723", None, "1323"),  # the most specific prefix wins
        ("threat", None, None, "130"),
        ("threat", "13", "138", "138"),
        ("refusal", "0741", None, "1224"),
        ("refusal", "010", None, "120"),
    ]:
        assert compositions.compose(name, governed, default) == expected, (name, governed)


def test_user_compositions_override_one_row(tmp_path):
    extra = _write(tmp_path, "compositions.tsv", "composition\tgoverned\tcode\tnote\nthreat\t19\t138\t\nintent\t*\t039\t\n")
    compositions = Compositions.load([extra])
    assert compositions.compose("threat", "190") == "138" and compositions.compose("threat", "192") == "1382"
    assert compositions.compose("intent", "190") == "039"
    assert Compositions.load().compose("threat", "190") == "1384"
    with pytest.raises(ValueError, match="no default .* for threat, refusal"):
        Compositions({("intent", "*"): "030"})


@pytest.mark.parametrize(
    ("lexicon", "body", "message"),
    [
        (WordClasses, "vow\tpromise\t\n", "unknown word class 'promise'"),
        (WordClasses, "carry out\tlight\t\n", "single token"),
        (WordClasses, "vow\n", "expected 2 to 3"),
        (Compositions, "hope\t04\t036\t\n", "unknown composition 'hope'"),
        (Compositions, "threat\t19\t1399\t\n", "'1399'"),
        (Compositions, "threat\t999\t138\t\n", "'999'"),
        (Compositions, "threat\t19\t-\t\n", "not '-'"),
    ],
)
def test_malformed_word_class_and_composition_rows_raise(tmp_path, lexicon, body, message):
    bad = _write(tmp_path, "bad.tsv", "# a user file\n" + body)
    with pytest.raises(ValueError, match=message) as info:
        lexicon.load([bad])
    assert "bad.tsv:2" in str(info.value)
