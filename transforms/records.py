"""What a record from outside may hold before it becomes a document (pure).

A JSONL line or CSV row is data someone else wrote: it can nest a hundred
thousand levels deep, carry a lone surrogate ("\\ud800") or a NUL in any
string, or give an object where a string belongs. Each of these must be
refused here, for that record alone, because past this point the same value
crashes a whole run (a RecursionError, a UnicodeEncodeError at load) or is
stored mangled (an object id turned into "{'obj': 28}"). Messages name JSON's
types (object, array, string, number, boolean, null), never Python's, since
the person who reads them wrote JSON.
"""

from __future__ import annotations

import json
import math
import re

#: Deeper records are refused: no news record needs more, and deeper ones
#: would crash whatever later walks them recursively (json.dumps, Polars).
MAX_DEPTH = 64
#: Python refuses to convert longer integers (sys.get_int_max_str_digits).
MAX_INT_DIGITS = 4300

_SURROGATE = re.compile("[\ud800-\udfff]")
_ESCAPED_BYTE = re.compile("[\udc80-\udcff]")
_TYPE_NAMES = ((bool, "a boolean"), (int, "a number"), (float, "a number"), (str, "a string"),
               (list, "an array"), (dict, "an object"))
#: Optional fields a document takes as text (`documents.title`, ...).
TEXT_FIELDS = ("title", "published", "source", "url")


class RecordError(ValueError):
    """One record cannot become a document; the message says why."""


class NotText(RecordError):
    """The record's bytes are not text (a NUL, a byte that is not UTF-8): a sign of a binary file."""


def json_type(value: object) -> str:
    """The JSON type of a parsed value, with its article: 'an object', 'null'."""
    if value is None:
        return "null"
    for kind, name in _TYPE_NAMES:
        if isinstance(value, kind):
            return name
    return f"a {type(value).__name__}"  # not reachable from JSON or CSV


def shown(text: str) -> str:
    """A string as a message can carry it: surrogates and control characters escaped."""
    escaped = text.encode("utf-8", "backslashreplace").decode("utf-8")
    return "".join(c if c.isprintable() else f"\\x{ord(c):02x}" for c in escaped)


def check_decoded(text: str, field: str | None = None) -> None:
    """Refuse a record holding a byte that is not UTF-8 (decoded with surrogateescape)."""
    found = _ESCAPED_BYTE.search(text)
    if found:
        byte = ord(found.group()) - 0xDC00
        where = f"offset {found.start()} of field '{shown(field)}'" if field is not None else f"column {found.start() + 1}"
        raise NotText(f"not UTF-8 text: byte 0x{byte:02x} at {where}")


def _no_constant(name: str) -> object:
    raise RecordError(f"invalid JSON: {name} is not a JSON number")


def _finite(text: str) -> float:
    value = float(text)
    if math.isinf(value):
        raise RecordError(f"invalid JSON: number {text[:20]} is too large")
    return value


def _bounded_int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_INT_DIGITS:
        raise RecordError(f"invalid JSON: a number of {len(text):,} digits")
    return int(text)


def parse_json(line: str) -> object:
    """One JSON value, held to JSON's own rules and to what the run can store."""
    check_decoded(line)
    nul = line.find("\x00")
    if nul >= 0:
        raise NotText(f"NUL character in the record: at column {nul + 1}")
    try:
        value = json.loads(line, parse_constant=_no_constant, parse_float=_finite, parse_int=_bounded_int)
    except json.JSONDecodeError as exc:
        raise RecordError(f"invalid JSON: {exc.msg} at column {exc.colno}") from None
    except RecursionError:
        raise RecordError(f"nested deeper than {MAX_DEPTH} levels") from None
    return value


def _where(path: tuple) -> str:
    if not path:
        return "the record"
    text = shown(str(path[0])) + "".join(f"[{p}]" if isinstance(p, int) else f".{shown(p)}" for p in path[1:])
    return f"field '{text}'"


def check_values(value: object) -> None:
    """Refuse nesting past MAX_DEPTH, lone surrogates and NULs in any key or string.

    Iterative, so that the check itself cannot hit the recursion limit.
    """
    stack: list[tuple[object, tuple, int]] = [(value, (), 0)]
    while stack:
        item, path, depth = stack.pop()
        if isinstance(item, str):
            _check_string(item, path)
        elif isinstance(item, (dict, list)):
            if depth >= MAX_DEPTH:
                raise RecordError(f"nested deeper than {MAX_DEPTH} levels (at {_where(path)})")
            pairs = item.items() if isinstance(item, dict) else enumerate(item)
            for key, child in pairs:
                if isinstance(key, str):
                    _check_string(key, path + (key,), what="name of ")
                stack.append((child, path + (key,), depth + 1))


def _check_string(text: str, path: tuple, what: str = "") -> None:
    found = _SURROGATE.search(text)
    if found:
        raise RecordError(
            f"lone surrogate in {what}{_where(path)}: \\u{ord(found.group()):04x} is not a Unicode character"
        )
    nul = text.find("\x00")
    if nul >= 0:
        raise RecordError(f"NUL character in {what}{_where(path)}: at offset {nul}")


def record_fields(raw: object) -> tuple[str, dict]:
    """(doc_id, fields) of a record that can become a document, else RecordError."""
    if not isinstance(raw, dict):
        raise RecordError(f"expected an object, got {json_type(raw)}")
    check_values(raw)
    doc_id = raw.get("id")
    if doc_id is None or (isinstance(doc_id, str) and not doc_id.strip()):
        raise RecordError("record has no 'id'")
    if isinstance(doc_id, bool) or not isinstance(doc_id, (str, int)):
        raise RecordError(f"'id' must be a string or an integer, got {json_type(doc_id)}")
    if "text" not in raw:
        raise RecordError("record has no 'text'")
    text = raw["text"]
    if not isinstance(text, str):
        raise RecordError(f"'text' must be a string, got {json_type(text)}")
    if not text.strip():
        raise RecordError("record 'text' is empty")
    check_text_fields(raw)
    return str(doc_id).strip(), raw


def check_text_fields(raw: dict) -> None:
    """The optional document fields are strings (or null) if given."""
    for name in TEXT_FIELDS:
        value = raw.get(name)
        if value is not None and not isinstance(value, str):
            raise RecordError(f"'{name}' must be a string, got {json_type(value)}")
