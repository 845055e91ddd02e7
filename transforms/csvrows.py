"""CSV read strictly, row by row, so one broken quote costs one row (pure).

The csv module left to itself forgives: an unclosed quote swallows every row
after it into one field, and text after a closing quote is glued on. Here the
module parses with ``strict=True``, each record is also held to RFC 4180's
quoting (a quote inside an unquoted field is an error, not kept or dropped),
and after a malformed record reading starts again on the next physical line,
so the rows after a bad one are read as the rows they are.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass

# One RFC 4180 record (without its line break): quoted fields may hold
# anything with quotes doubled; unquoted fields hold no quote and no line break.
_FIELD = r'(?:"[^"]*(?:""[^"]*)*"|[^",\r\n]*)'
_RECORD = re.compile(f"{_FIELD}(?:,{_FIELD})*")
_EXPLAINED = {
    "unexpected end of data": "a quote opened here is never closed",
    "',' expected after '\"'": "text after a closing quote (a quote inside a field must be doubled)",
}
_LONGEST_FIELD = 1 << 30


@dataclass(frozen=True)
class CsvRow:
    number: int  # 1 for the header; a row per record, blank or not, as a spreadsheet counts
    line: int  # the physical line it starts on
    cells: list[str]


@dataclass(frozen=True)
class CsvError:
    number: int
    line: int
    reason: str


def _from(lines: list[str], start: int) -> Iterator[str]:
    for index in range(start, len(lines)):
        yield lines[index]


def strict_csv_rows(text: str) -> Iterator[CsvRow | CsvError]:
    """Every record of a CSV text in order, a malformed one as a CsvError."""
    csv.field_size_limit(_LONGEST_FIELD)
    lines = list(io.StringIO(text, newline=""))  # split as the csv module splits: \r, \n, \r\n
    position, number = 0, 0
    while position < len(lines):
        reader = csv.reader(_from(lines, position), strict=True)
        consumed = 0
        try:
            for cells in reader:
                number += 1
                record = "".join(lines[position:position + reader.line_num - consumed])
                first_line, position, consumed = position + 1, position + reader.line_num - consumed, reader.line_num
                if cells and not _RECORD.fullmatch(_without_line_break(record)):
                    yield CsvError(number, first_line, "a quote inside an unquoted field (quote the whole field and double the quote)")
                    continue
                yield CsvRow(number, first_line, cells)
            return
        except csv.Error as exc:
            number += 1
            reason = _EXPLAINED.get(str(exc), str(exc))
            ran_on = reader.line_num - consumed
            if ran_on > 1 and str(exc) != "unexpected end of data":
                reason = f"a quote opened here is not closed properly (its field runs on into line {position + ran_on})"
            yield CsvError(number, position + 1, reason)
            position += 1  # the rows after it are read again from the next line


def _without_line_break(record: str) -> str:
    if record.endswith("\r\n"):
        return record[:-2]
    return record[:-1] if record.endswith(("\n", "\r")) else record
