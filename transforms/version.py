"""The extractor's version: the one stamp documents, events and runs carry.

It changes when the coding changes, so the loader recodes a document whose
text did not change (see `warehouse/loader.py`). User dictionaries change the
coding too, so a run with `--actors`, `--verbs`, ... stamps the version with
their fingerprint, once, when its resources are loaded; every row of that run
takes the stamp from there. Nothing here imports the rest of the project.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path

EXTRACTOR_VERSION = "0.4.0"


def stamped(fingerprint: str | None) -> str:
    """The version of a run whose user dictionaries hash to `fingerprint` (None: no user files)."""
    return EXTRACTOR_VERSION if not fingerprint else f"{EXTRACTOR_VERSION}+dict.{fingerprint}"


def extractor_version(user_files: Sequence[Path]) -> str:
    """The extractor version, plus a fingerprint of any user dictionaries.

    A rerun with a changed --actors, --verbs, --governors or --compositions
    file must recode documents whose text did not change; the loader (and the
    run's skip of unchanged documents) compares this version to decide.
    """
    if not user_files:
        return stamped(None)
    digest = hashlib.sha256()
    for path in user_files:
        digest.update(Path(path).read_bytes())
    return stamped(digest.hexdigest()[:10])
