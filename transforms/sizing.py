"""Work sized by text, not by count: memory follows characters, never documents.

spaCy's parser holds a whole minibatch at once, so 32 documents of 60 KB cost
as much memory as 1,600 of 1.2 KB. Everything here bounds characters instead:

* ``char_batches`` groups a document stream into flow batches of about
  ``max_chars`` characters (a batch always takes at least one document);
* ``minibatches`` groups prepared Docs into ``nlp.pipe`` calls of at most
  ``max_chars`` characters;
* ``window_bounds`` cuts a long prepared Doc into token windows of at most
  ``max_chars`` characters, preferring paragraph breaks, then line breaks,
  then sentence starts the reader pinned, so each window is parsed alone and
  the windows are joined back into one Doc whose text (and so every offset)
  is the stored text exactly.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:  # spaCy is imported by the workers that parse, not by the run that batches
    from spacy.tokens import Doc

T = TypeVar("T")

DEFAULT_BATCH_CHARS = 50_000  # a flow batch: about 8,000 words, a few seconds of parsing
DEFAULT_PIPE_CHARS = 64_000  # one nlp.pipe minibatch: a whole default batch, which parses 2% faster than two
DEFAULT_WINDOW_CHARS = 10_000  # a document longer than this is parsed in windows


def char_batches(items: Iterable[T], max_chars: int, size: Callable[[T], int], max_items: int | None = None) -> Iterator[list[T]]:
    """Consecutive groups of about ``max_chars`` (and at most ``max_items``) items.

    A group closes as soon as it reaches ``max_chars``, so it exceeds that by
    at most one item; an item larger than ``max_chars`` is a group of its own.
    """
    group: list[T] = []
    chars = 0
    for item in items:
        n = size(item)
        if group and chars + n > max_chars:
            yield group
            group, chars = [], 0
        group.append(item)
        chars += n
        if chars >= max_chars or (max_items is not None and len(group) >= max_items):
            yield group
            group, chars = [], 0
    if group:
        yield group


def minibatches(docs: Sequence[Doc], max_chars: int) -> Iterator[list[Doc]]:
    return char_batches(docs, max_chars, lambda d: len(d.text_with_ws) if len(d) else 1)


def _break_strength(doc: Doc, i: int) -> int:
    """How good a place to start a window token ``i`` is (0: not at all)."""
    prev = doc[i - 1]
    if prev.is_space and prev.text.count("\n") >= 2:
        return 3
    if prev.is_space and "\n" in prev.text:
        return 2
    if doc[i].is_sent_start:
        return 1
    return 0


def window_bounds(doc: Doc, max_chars: int) -> list[tuple[int, int]]:
    """Token ranges ``[start, end)`` covering ``doc``, each at most ``max_chars`` long where possible.

    Each window ends at the best break (paragraph > line > pinned sentence
    start > any token) in its second half; one token longer than
    ``max_chars`` is a window of its own.
    """
    n = len(doc)
    if n == 0 or len(doc.text) <= max_chars:
        return [(0, n)]
    bounds: list[tuple[int, int]] = []
    start = 0
    while start < n:
        limit_char = doc[start].idx + max_chars
        if doc[n - 1].idx + len(doc[n - 1].text_with_ws) <= limit_char:
            bounds.append((start, n))
            break
        best, best_strength = None, -1
        half = doc[start].idx + max_chars // 2
        i = start + 1
        while i < n and doc[i].idx + len(doc[i].text_with_ws) <= limit_char:
            if doc[i].idx >= half:
                strength = _break_strength(doc, i)
                if strength >= best_strength:
                    best, best_strength = i, strength
            i += 1
        end = best if best is not None else max(i, start + 1)
        bounds.append((start, end))
        start = end
    return bounds


def split_doc(doc: Doc, bounds: Sequence[tuple[int, int]]) -> list[Doc]:
    """The windows as Docs of their own, keeping the sentence starts pinned on ``doc``."""
    parts = []
    for start, end in bounds:
        part = doc[start:end].as_doc()
        for k, token in enumerate(part):
            pinned = doc[start + k].is_sent_start
            token.is_sent_start = True if k == 0 else pinned
        parts.append(part)
    return parts


def join_docs(parts: Sequence[Doc], text: str) -> Doc:
    """The parsed windows as one Doc; refuses a join whose text is not ``text`` exactly."""
    from spacy.tokens import Doc

    if len(parts) == 1:
        return parts[0]
    joined = Doc.from_docs(list(parts), ensure_whitespace=False)
    if joined.text != text:
        raise ValueError("windows of a long document did not join back into its text")
    return joined
