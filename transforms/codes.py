"""CAMEO code table, CAMEO -> PLOVER map, and the TSV reading every lexicon shares.

Every stage that codes, validates or aggregates events needs the same facts (which
codes exist, their Goldstein weight and quad class, their PLOVER type). They live as
reviewed TSV files in ``transforms/data`` so that analysts can read and extend them
without touching code; this module and ``transforms/lexicons.py`` (the coder's verb,
noun, governor and composition lexicons) parse them, and fail loudly (file and line)
on anything malformed, because a silently skipped row means silently missing events.

Pure standard library: the tables are needed in workers that must not import the NLP
stack, and they are small enough that parsing them by hand is simpler than a
dataframe round trip.

Conventions shared by all files:

* tab-separated, UTF-8, one header row, ``#`` comment lines anywhere;
* CAMEO codes are text and keep their leading zeros ('010' is "make statement",
  '10' is the DEMAND root);
* in the lexicons the code ``-`` means "not an event": such a row stops a default
  (``release a statement`` must not become a prisoner release).

CAMEO roots 01 (statements) and 02 (appeals) are not coded in PLOVER; see the header
of ``plover_map.tsv`` for the Dotterel choices (02 -> REQUEST, 01 -> the extension
type STATEMENT, which is not part of PLOVER).
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path
from types import MappingProxyType

__all__ = [
    "NOT_AN_EVENT",
    "CameoCode",
    "cameo_table",
    "plover_types",
    "region_codes",
]

#: Lexicon code meaning "this reading is not an event"; lookups return None for it.
NOT_AN_EVENT = "-"

_CAMEO_FILE = "cameo_codes.tsv"
_PLOVER_FILE = "plover_map.tsv"

_REGION_FILE = "region_codes.tsv"

_CAMEO_COLUMNS = ("code", "name", "root", "goldstein", "quad_class")
_REGION_COLUMNS = ("code", "name")
_PLOVER_COLUMNS = ("cameo", "plover_type", "mode", "context", "source")


@dataclass(frozen=True)
class CameoCode:
    """One CAMEO event code with the attributes the warehouse stores next to it.

    Frozen because instances are shared by every caller of :func:`cameo_table`.
    """

    code: str
    name: str
    root: str
    goldstein: float
    quad_class: int
    plover_type: str


# --------------------------------------------------------------------------- parsing


def package_text(name: str) -> tuple[str, str]:
    """Return (label for messages, text) of a data file shipped in the package."""
    resource = files("transforms") / "data" / name
    return f"transforms/data/{name}", resource.read_text(encoding="utf-8")


def user_text(path: Path | str) -> tuple[str, str]:
    """Return (label for messages, text) of a user-supplied file."""
    path = Path(path)
    return str(path), path.read_text(encoding="utf-8")


def tsv_rows(
    text: str, source: str, columns: Sequence[str], required: int
) -> Iterator[tuple[int, list[str]]]:
    """Yield (line number, stripped fields) for each data row of a TSV text.

    Blank and ``#`` lines are skipped, and so is the first row when it is the header
    (user files may leave the header out). Trailing optional columns may be omitted;
    the result is always padded to ``len(columns)`` fields.
    """
    first = True
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        fields = line.split("\t")
        if first:
            first = False
            names = [f.strip().lower() for f in fields]
            if len(names) >= required and names == list(columns[: len(names)]):
                continue
        if not required <= len(fields) <= len(columns):
            raise ValueError(
                f"{source}:{lineno}: expected {required} to {len(columns)} tab-separated "
                f"fields ({', '.join(columns)}), found {len(fields)}"
            )
        fields = [f.strip() for f in fields] + [""] * (len(columns) - len(fields))
        yield lineno, fields


def _quad_class(root: str) -> int:
    """Quad class of a CAMEO root: 01-05 verbal coop., 06-08 material coop.,
    09-13 verbal conflict, 14-20 material conflict."""
    number = int(root)
    if 1 <= number <= 5:
        return 1
    if number <= 8:
        return 2
    if number <= 13:
        return 3
    if number <= 20:
        return 4
    raise ValueError(f"CAMEO root out of range: {root!r}")


def _is_code_shaped(code: str) -> bool:
    return code.isascii() and code.isdigit() and 2 <= len(code) <= 4


# --------------------------------------------------------------------------- CAMEO


@functools.lru_cache(maxsize=1)
def _plover_map() -> Mapping[str, str]:
    """CAMEO code -> PLOVER type, as listed in plover_map.tsv."""
    source, text = package_text(_PLOVER_FILE)
    mapping: dict[str, str] = {}
    for lineno, (code, ptype, _mode, _context, _origin) in tsv_rows(
        text, source, _PLOVER_COLUMNS, 2
    ):
        if not _is_code_shaped(code) or not ptype:
            raise ValueError(f"{source}:{lineno}: bad row for CAMEO code {code!r}")
        mapping[code] = ptype.upper()
    return MappingProxyType(mapping)


@functools.lru_cache(maxsize=1)
def _cameo() -> Mapping[str, CameoCode]:
    """Parse and check cameo_codes.tsv once; shared, read-only."""
    source, text = package_text(_CAMEO_FILE)
    plover = _plover_map()
    table: dict[str, CameoCode] = {}
    for lineno, (code, name, root, gold, quad) in tsv_rows(text, source, _CAMEO_COLUMNS, 5):
        where = f"{source}:{lineno}"
        if not _is_code_shaped(code):
            raise ValueError(f"{where}: bad CAMEO code {code!r}")
        if code in table:
            raise ValueError(f"{where}: duplicate CAMEO code {code!r}")
        if root != code[:2]:
            raise ValueError(f"{where}: root {root!r} does not match code {code!r}")
        try:
            goldstein = float(gold)
            quad_class = int(quad)
        except ValueError as exc:
            raise ValueError(f"{where}: bad number ({exc})") from None
        if not -10.0 <= goldstein <= 10.0:
            raise ValueError(f"{where}: Goldstein value {goldstein} outside -10..10")
        if quad_class != _quad_class(root):
            raise ValueError(f"{where}: quad class {quad_class} does not fit root {root}")
        # Fallback (parent, then root) keeps codes the PLOVER table omits usable.
        ptype = plover.get(code) or plover.get(code[:3]) or plover.get(code[:2])
        if not ptype:
            raise ValueError(f"{where}: no PLOVER type for {code!r} in {_PLOVER_FILE}")
        table[code] = CameoCode(code, name, root, goldstein, quad_class, ptype)
    return MappingProxyType(table)


def cameo_table() -> dict[str, CameoCode]:
    """All CAMEO codes (2-, 3- and 4-digit) keyed by code text, PLOVER type filled in.

    Returns a fresh dict each call (the parsed table itself is cached), so callers
    may modify their copy without affecting anyone else.
    """
    return dict(_cameo())


def plover_types() -> frozenset[str]:
    """Every PLOVER type a CAMEO code can map to (includes the Dotterel STATEMENT)."""
    return frozenset(entry.plover_type for entry in _cameo().values())


# --------------------------------------------------------------------------- regions


@functools.lru_cache(maxsize=1)
def _regions() -> Mapping[str, str]:
    source, text = package_text(_REGION_FILE)
    table: dict[str, str] = {}
    for lineno, (code, name) in tsv_rows(text, source, _REGION_COLUMNS, 2):
        if not (len(code) == 3 and code.isascii() and code.isalpha() and code.isupper()) or not name:
            raise ValueError(f"{source}:{lineno}: bad region row {code!r}")
        if code in table:
            raise ValueError(f"{source}:{lineno}: duplicate region code {code!r}")
        table[code] = name
    return MappingProxyType(table)


def region_codes() -> Mapping[str, str]:
    """CAMEO region codes (WST, EUR, MEA, ...) -> their names: the actor codes of a region
    or bloc, which has no country (its events keep ``source_country`` NULL)."""
    return _regions()


def check_code(code: str, where: str) -> str:
    """Validate a lexicon code against the CAMEO table (or the not-an-event marker)."""
    if code != NOT_AN_EVENT and code not in _cameo():
        raise ValueError(
            f"{where}: unknown CAMEO code {code!r} (codes are text with leading zeros, "
            f"e.g. '057'; use '{NOT_AN_EVENT}' for 'not an event')"
        )
    return code


def check_word(value: str, what: str, where: str, required: bool) -> str:
    """Lexicon keys are single lower-case tokens; catch 'carry out' in the lemma column."""
    if required and not value:
        raise ValueError(f"{where}: empty {what}")
    if any(ch.isspace() for ch in value):
        raise ValueError(f"{where}: {what} {value!r} must be a single token")
    return value.lower()
