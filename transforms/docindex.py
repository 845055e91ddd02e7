"""Per-document lookups the coder asks for thousands of times, computed once per document.

Every ``token.children``, ``doc.ents`` or ``token.dep_`` in spaCy builds new
Python objects (a Token per child, a Span per entity, a str per label); the
coder asks the same questions of the same document over and over (children by
dependency, the entity around a token, the date entities of a sentence), and
profiling showed those objects costing more than the answers. ``doc_index``
builds plain lists once per document and keeps the last document's index per
thread. A parsed Doc is not changed while it is coded, so the index stays true.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

_LOCAL = threading.local()


class DocIndex:
    __slots__ = ("doc", "tokens", "pos", "deps", "heads", "kids", "ents", "ent_at")

    def __init__(self, doc: "Doc"):
        self.doc = doc
        # One Token object per position, made once: ``doc[i]`` makes a new one on every call.
        self.tokens: list["Token"] = list(doc)
        self.pos: list[str] = [token.pos_ for token in self.tokens]
        self.deps: list[str] = [token.dep_ for token in self.tokens]
        self.heads: list[int] = [token.head.i for token in self.tokens]
        kids: list[list[int]] = [[] for _ in range(len(doc))]
        for i, head in enumerate(self.heads):
            if head != i:
                kids[head].append(i)
        self.kids = kids
        self.ents: tuple["Span", ...] = tuple(doc.ents)
        ent_at: list[int] = [-1] * len(doc)
        for number, ent in enumerate(self.ents):
            for i in range(ent.start, ent.end):
                ent_at[i] = number
        self.ent_at = ent_at

    def children(self, token: "Token", deps: tuple[str, ...] | frozenset[str]) -> list["Token"]:
        """``[c for c in token.children if c.dep_ in deps]``, in the same order."""
        tokens, own = self.tokens, self.deps
        return [tokens[j] for j in self.kids[token.i] if own[j] in deps]

    def entity_at(self, i: int) -> "Span | None":
        number = self.ent_at[i]
        return None if number < 0 else self.ents[number]


def doc_index(doc: "Doc") -> DocIndex:
    """The index of ``doc`` (this thread's last document's, or a new one)."""
    cached = getattr(_LOCAL, "index", None)
    if cached is not None and cached.doc is doc:
        return cached
    cached = DocIndex(doc)
    _LOCAL.index = cached
    return cached
