"""What the coder's parts pass between them: actors, readings, the document context."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from spacy.tokens import Token

from transforms.actors import ActorMention, ResolvedActor


@dataclass(frozen=True)
class Actor:
    """A resolved actor plus the token it was read from."""

    resolved: ResolvedActor
    token: Token

    @property
    def coded(self) -> bool:
        return self.resolved.code is not None


@dataclass
class DocContext:
    """What extraction of one document needs besides the parse."""

    doc_id: str
    content_sha256: str
    published: date | None
    dateline_place: str | None
    country_context: Sequence[str]
    mentions: Sequence[ActorMention]
    last_person: ResolvedActor | None = None
    dateline_country: str | None = None
    # The text as written when the parse read a recased copy of it (a headline in
    # sentence case, `transforms/headlines.py`): same length; event rows take their
    # words from it. None: the parse's own text.
    text: str | None = None


@dataclass
class Reading:
    """One coded predicate before it becomes event rows.

    A rule returns one: the token it is anchored on (the action's span), the
    CAMEO code, the source and target actors (every source x target pair is an
    event; with no targets, `symmetric_ok` pairs coordinated sources with each
    other), and what the clause says about the act. `one_sided` says the act is
    an event with only one side named ("the minister resigned", "12 policemen
    were killed"): with no pair, each named actor makes an event whose other
    side is missing (NULL in the row), as CAMEO and PLOVER code such acts.
    """

    anchor: Token
    code: str
    sources: list[Actor]
    targets: list[Actor]
    inherited: bool
    negative: bool
    modality: str
    reporter: ResolvedActor | None
    nominal: bool = False
    symmetric_ok: bool = False
    one_sided: bool = False
