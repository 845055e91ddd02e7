"""Markdown read as text: its markup blanked to spaces, every offset kept (pure).

The parser must read "- The EU imposed sanctions on Iran." as the sentence it
is, not as a dash glued to it, but event offsets index `documents.text`, the
file as stored. So the parser is given a *reading view*: the stored text with
each markup character replaced by a space. It has the same length, the same
line breaks and the words at the same offsets, so every offset found in it
indexes the stored text exactly.

Markdown libraries (markdown-it, mistune) give block structure by line but no
column for inline markup, so the markup is found here, for the CommonMark
constructs news exports use: front matter, headings (ATX and setext), thematic
breaks, block quotes, list markers and task boxes, code fences, table pipes and
delimiter rows, HTML tags and comments, link and image syntax (URLs and image
alt text are not words of the article), link reference definitions, emphasis,
strikethrough, code spans and backslash escapes. Everything else is kept.
"""

from __future__ import annotations

import re

_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n.*?\n---[ \t]*(?=\r?\n|\Z)", re.S)
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,}).*$")
_RULE = re.compile(r"^ {0,3}(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,}|=+[ \t]*)$")
_TABLE_DELIMITER = re.compile(r"^ {0,3}\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)+\|?[ \t]*$")
_REFERENCE = re.compile(r"^ {0,3}\[[^\]\n]+\]:[ \t]*\S.*$")
# Container markers at the start of a line: quotes, then a list marker and task box.
_QUOTES = re.compile(r"^(?:[ \t]*>)+")
_HEADING = re.compile(r"^( {0,3})(#{1,6})(?=[ \t]|$)")
_CLOSING_HASHES = re.compile(r"[ \t]+#+[ \t]*$")
_LIST = re.compile(r"^([ \t]*)([-*+]|\d{1,9}[.)])(?=[ \t])([ \t]+\[[ xX]\](?=[ \t]))?")
# Inline markup.
_IMAGE = re.compile(r"!\[[^\]\n]*\](?:\([^)\n]*\)|\[[^\]\n]*\])")
_LINK = re.compile(r"\[(?P<label>[^\]\n]+)\](?P<target>\([^)\n]*\)|\[[^\]\n]*\])")
_AUTOLINK = re.compile(r"<(?:[A-Za-z][A-Za-z0-9+.-]{1,31}:[^<>\s]*|[^<>\s@]+@[^<>\s]+)>")
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")
_CODE_TICKS = re.compile(r"`+")
_ESCAPE = re.compile(r"\\(?=[!-/:-@\[-`{-~])")
# Emphasis runs: '*', '~~' anywhere they touch a word on one side only or
# both; '_' not inside a word (snake_case stays).
_STARS = re.compile(r"\*{1,3}(?=\S)|(?<=\S)\*{1,3}")
_TILDES = re.compile(r"~~(?=\S)|(?<=\S)~~")
_UNDERSCORES = re.compile(r"(?<![A-Za-z0-9])_{1,3}(?=\S)|(?<=\S)_{1,3}(?![A-Za-z0-9])")


def _blank(chars: list[str], start: int, end: int) -> None:
    for i in range(start, end):
        if chars[i] not in "\r\n":
            chars[i] = " "


def reading_view(text: str) -> str:
    """`text` with its Markdown markup as spaces: same length, same offsets."""
    chars = list(text)
    for pattern in (_FRONT_MATTER, _COMMENT):
        for m in pattern.finditer(text):
            _blank(chars, m.start(), m.end())
    in_fence: str | None = None
    offset = 0
    lines = text.splitlines(keepends=True)
    for index, line in enumerate(lines):
        body = line.rstrip("\r\n")
        start, offset = offset, offset + len(line)
        fence = _FENCE.match(body)
        if fence or in_fence:
            if fence and (in_fence is None or fence.group(1).startswith(in_fence)):
                in_fence = None if in_fence else fence.group(1)[0] * 3
                _blank(chars, start, start + len(body))
            continue
        _read_line(chars, start, body, _in_table(lines, index))
    return "".join(chars)


def _in_table(lines: list[str], index: int) -> bool:
    """A line with pipes belongs to a table if a delimiter row is next to it or it is one."""
    if "|" not in lines[index]:
        return False
    for near in (index - 1, index, index + 1):
        if 0 <= near < len(lines) and _TABLE_DELIMITER.match(lines[near].rstrip("\r\n")):
            return True
    return False


def _read_line(chars: list[str], start: int, body: str, in_table: bool) -> None:
    """Blank the markup of one line (outside code fences) in `chars`, where it starts at `start`."""
    if _RULE.match(body) or _REFERENCE.match(body) or _TABLE_DELIMITER.match(body):
        _blank(chars, start, start + len(body))
        return
    at = 0
    quotes = _QUOTES.match(body)
    if quotes:
        for i, c in enumerate(quotes.group(), start):
            if c == ">":
                chars[i] = " "
        at = quotes.end()
    rest = body[at:]
    heading = _HEADING.match(rest)
    if heading:
        _blank(chars, start + at, start + at + heading.end())
        closing = _CLOSING_HASHES.search(rest)
        if closing:
            _blank(chars, start + at + closing.start(), start + at + closing.end())
    else:
        listed = _LIST.match(rest)
        if listed:
            _blank(chars, start + at + listed.start(2), start + at + listed.end())
    if in_table:
        for i, c in enumerate(body):
            if c == "|":
                chars[start + i] = " "
    _read_inline(chars, start, body)


def _read_inline(chars: list[str], start: int, body: str) -> None:
    for m in _IMAGE.finditer(body):
        _blank(chars, start + m.start(), start + m.end())
    for m in _LINK.finditer(body):
        _blank(chars, start + m.start(), start + m.start("label"))
        _blank(chars, start + m.end("label"), start + m.end())
    for pattern in (_AUTOLINK, _TAG, _CODE_TICKS, _ESCAPE, _STARS, _TILDES, _UNDERSCORES):
        for m in pattern.finditer(body):
            _blank(chars, start + m.start(), start + m.end())
