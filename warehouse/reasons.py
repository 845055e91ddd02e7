"""Why documents were skipped, in words that group.

An ingest error's message names the record's own values ("duplicate doc_id
'ap-17' (first read from a.jsonl)", "invalid JSON: Expecting value at column
3"). To tell a user *why* a run skipped what it skipped, those messages are
folded into reasons: the part before the first ": " (the detail after it
varies per record), without a trailing parenthetical, with quoted values that
are data masked (quoted field names such as 'id' stay) and numbers as N. The same fold serves the run
summary, the Prefect artifacts and the report, so they always agree.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

_QUOTED = re.compile(r"""'[^']*'|"[^"]*\"""")
# Quoted words that name a record's fields (README: input columns) are part
# of the reason; any other quoted value is the record's own data.
_FIELD_NAMES = frozenset({"id", "text", "title", "published", "source", "url"})
_PARENTHETICAL = re.compile(r"\s*\([^)]*\)?\s*$")
_NUMBER = re.compile(r"(?<![\w.-])\d+(?![\w.-])")


def _mask(match: re.Match) -> str:
    quoted = match.group(0)
    return quoted if quoted[1:-1] in _FIELD_NAMES else "…"


def ingest_error_reason(message: str | None) -> str:
    """The reason a message gives, with the record's own details left out."""
    if not message:
        return "unknown"
    head = message.strip().split("\n", 1)[0]
    head = head.split(": ", 1)[0]
    head = _QUOTED.sub(_mask, head)
    head = _PARENTHETICAL.sub("", head)
    head = _NUMBER.sub("N", head).strip(" ,;")
    return head or "unknown"


def top_reasons(messages: Iterable[str | None], limit: int | None = 5) -> list[tuple[str, int]]:
    """``[(reason, count), ...]`` most frequent first, ties by reason."""
    counts = Counter(ingest_error_reason(m) for m in messages)
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return ranked if limit is None else ranked[:limit]
