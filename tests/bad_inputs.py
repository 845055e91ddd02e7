"""The inputs of issue #13, gap 1, written fresh into a folder by each test that uses them.

Each bad input once stopped a whole run (a traceback that named no file) or went
through silently; the good documents beside them must load. `write_gap1_corpus`
returns what a reader must make of the folder: the good documents by doc_id and
text, and the bad inputs by (file, record) with a part of the message each must
give.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path

UNDECODABLE_NAME = b"caf\xe9 report.txt"  # Latin-1, not UTF-8: shown as caf\xe9 report.txt


@dataclass
class Expected:
    good: dict[str, str] = field(default_factory=dict)  # doc_id -> text
    bad: dict[tuple[str, str | None], str] = field(default_factory=dict)  # (file name, record) -> message part

    @property
    def inputs(self) -> int:
        return len(self.good) + len(self.bad)


def _jsonl(records: list[str]) -> str:
    return "\n".join(records) + "\n"


def write_gap1_corpus(folder: Path) -> Expected:
    """Every input gap 1 lists, beside good documents, in `folder` (created)."""
    folder.mkdir(parents=True, exist_ok=True)
    want = Expected()

    def good(doc_id: str, text: str) -> str:
        want.good[doc_id] = text
        return json.dumps({"id": doc_id, "text": text})

    lines = [
        good("feed-1", "Russia attacked Ukraine."),
        "[" * 100_000,  # a depth bomb: once an uncaught RecursionError
        json.dumps({"id": "surrogate", "text": "Iran \ud800 fired missiles at Israel."}),  # once a UnicodeEncodeError at load
        json.dumps({"id": {"obj": 28}, "text": "Seoul condemned Pyongyang."}),  # once stored as "{'obj': 28}"
        json.dumps({"id": "null-text", "text": None}),  # once "NoneType"
        json.dumps({"id": "int-text", "text": 42}),
        json.dumps({"id": "nul", "text": "Kim met\u0000 Putin."}),  # \u0000 in text
        json.dumps({"id": "array-title", "text": "Japan pledged aid to Ukraine.", "title": ["a"]}),
        good("feed-2", "Turkey supplied drones to Ukraine."),
    ]
    (folder / "feed.jsonl").write_text(_jsonl(lines), encoding="utf-8")
    for line, part in ((2, "nested deeper than"), (3, "lone surrogate in field 'text'"),
                       (4, "'id' must be a string or an integer, got an object"),
                       (5, "'text' must be a string, got null"), (6, "'text' must be a string, got a number"),
                       (7, "NUL character in field 'text'"), (8, "'title' must be a string, got an array")):
        want.bad[("feed.jsonl", f"line {line}")] = part

    # A CSV with an unclosed quote (once swallowing the next 10 rows), a stray quote, text after a quote.
    rows = ["id,text", 'csv-broken,"Seoul condemned Pyongyang.']
    rows += [f"csv-{i},China warned Taiwan {i} times." for i in range(10)]
    rows += ['csv-glued,"Kim" met Putin.', 'csv-stray,Kim met "Putin.', "csv-last,Israel struck Gaza."]
    (folder / "rows.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    want.bad[("rows.csv", "row 2")] = "malformed CSV at line 2: a quote opened here is not closed"
    want.good.update({f"csv-{i}": f"China warned Taiwan {i} times." for i in range(10)})
    want.bad[("rows.csv", "row 13")] = "malformed CSV at line 13: text after a closing quote"
    want.bad[("rows.csv", "row 14")] = "malformed CSV at line 14: a quote inside an unquoted field"
    want.good["csv-last"] = "Israel struck Gaza."

    # NUL after the first 8 KB of a text file.
    late = "Egypt hosted talks between Israel and Hamas. " * 200
    (folder / "late_nul.txt").write_bytes(late.encode() + b"\x00 tail")
    want.bad[("late_nul.txt", None)] = "not a text file: NUL character"

    # UTF-16 and UTF-32 with a byte-order mark are text; UTF-16 without one is refused, saying so.
    want.good["utf16.txt"] = "India and Pakistan agreed to a ceasefire."
    (folder / "utf16.txt").write_bytes(want.good["utf16.txt"].encode("utf-16"))
    want.good["utf32-1"] = "Brazil recalled its ambassador from Israel."
    (folder / "utf32.jsonl").write_bytes(_jsonl([json.dumps({"id": "utf32-1", "text": want.good["utf32-1"]})]).encode("utf-32"))
    (folder / "utf16_no_bom.txt").write_bytes("Kim met Putin.".encode("utf-16-le"))
    want.bad[("utf16_no_bom.txt", None)] = "needs a byte-order mark"

    # A file name that is not UTF-8: read, and named with its byte escaped.
    (folder / os.fsdecode(UNDECODABLE_NAME)).write_text("France expelled Russian diplomats.", encoding="utf-8")
    want.good["caf\\xe9 report.txt"] = "France expelled Russian diplomats."

    # Symlinks: a loop to an enclosing directory, a link to itself, a dangling link; a good link is followed.
    (folder / "sub").mkdir()
    (folder / "sub" / "real.txt").write_text("Germany sent tanks to Ukraine.", encoding="utf-8")
    want.good["sub/real.txt"] = "Germany sent tanks to Ukraine."
    (folder / "sub" / "loop").symlink_to("..")
    want.bad[("sub/loop", None)] = "symlink loop"
    (folder / "self.txt").symlink_to("self.txt")
    want.bad[("self.txt", None)] = "symlink loop"
    (folder / "gone.txt").symlink_to("missing.txt")
    want.bad[("gone.txt", None)] = "dangling symlink"
    (folder / "linked").symlink_to("sub")  # followed: its loop is a loop there too
    want.good["linked/real.txt"] = "Germany sent tanks to Ukraine."
    want.bad[("linked/loop", None)] = "symlink loop"
    return want
