"""The extractor's version: the one stamp documents, events and runs carry.

It changes when the coding changes, so the loader recodes a document whose
text did not change (see `warehouse/loader.py`). User dictionaries change the
coding too, so a run with `--actors`, `--verbs`, ... stamps the version with
their fingerprint, once, when its resources are loaded; every row of that run
takes the stamp from there. Nothing here imports the rest of the project.
"""

from __future__ import annotations

EXTRACTOR_VERSION = "0.4.0"


def stamped(fingerprint: str | None) -> str:
    """The version of a run whose user dictionaries hash to `fingerprint` (None: no user files)."""
    return EXTRACTOR_VERSION if not fingerprint else f"{EXTRACTOR_VERSION}+dict.{fingerprint}"
