"""One batch of documents through NLP and coding, into contract frames.

A batch (not a sentence, not a document) is the unit of work a flow task runs:
large enough that spaCy's `nlp.pipe` batches efficiently, small enough that
memory stays flat however big the corpus is.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

import polars as pl
from spacy.tokens import Doc

from schemas.frames import DOCUMENTS, EVENTS, conform
from transforms.documents import Document, IngestError
from transforms.headlines import headline_caser
from transforms.coding.extract import extract_events
from transforms.coding.readings import DocContext
from transforms.places import document_places
from transforms.resources import Resources
from transforms.sizing import DEFAULT_PIPE_CHARS, DEFAULT_WINDOW_CHARS, join_docs, minibatches, split_doc, window_bounds


@dataclass
class BatchFrames:
    documents: pl.DataFrame
    events: pl.DataFrame
    sentences: int
    errors: list[IngestError] = field(default_factory=list)


def prepare_doc(res: Resources, document: Document) -> Doc:
    """Tokenize and pin sentence starts the parser must respect.

    A date line or wire dateline ("PYONGYANG, June 19 (Reuters) -") is not
    part of the first sentence's subject, and a blank line always ends a
    sentence: without this the small parser glues them onto their neighbours.
    A headline in title case is parsed in sentence case (`transforms/headlines.py`;
    same length, so offsets still index the text).
    """
    doc = res.nlp.make_doc(headline_caser(res.actors, res.gazetteer).recase(document.parse_text))
    body_start = document.body_start
    paragraph_start = False
    for token in doc:
        if token.i == 0:
            continue
        if token.is_space and "\n\n" in token.text.replace("\r", ""):
            paragraph_start = True
            continue
        if paragraph_start and not token.is_space:
            token.is_sent_start = True
            paragraph_start = False
        elif body_start and token.idx >= body_start and doc[token.i - 1].idx < body_start:
            token.is_sent_start = True
        elif token.i > 0 and doc[token.i - 1].is_space and "\n" in doc[token.i - 1].text:
            # a single line break before a capitalised word starts a new sentence too
            if token.is_title or token.is_upper:
                token.is_sent_start = True
    return doc


def document_row(document: Document, run_id: str, extractor_version: str) -> dict:
    return {
        "doc_id": document.doc_id,
        "source_path": document.source_path,
        "title": document.title,
        "source": document.source,
        "url": document.url,
        "published_date": document.published_date,
        "published_date_origin": document.published_date_origin,
        "dateline_place": document.dateline_place,
        "text": document.text,
        "content_sha256": document.content_sha256,
        "metadata": json.dumps(document.metadata, ensure_ascii=False, default=str, sort_keys=True),
        "extractor_version": extractor_version,
        "run_id": run_id,
    }


def process_batch(
    documents: Sequence[Document],
    res: Resources,
    run_id: str,
    pipe_chars: int = DEFAULT_PIPE_CHARS,
    window_chars: int = DEFAULT_WINDOW_CHARS,
) -> BatchFrames:
    """Parse a batch in `nlp.pipe` minibatches of at most ``pipe_chars`` and code every document.

    A document longer than ``window_chars`` is parsed in windows cut at
    paragraph breaks and joined back (``transforms.sizing``), so memory
    follows the text of one minibatch, not the length of the longest document.
    A document that cannot be parsed or coded (too long for the model, or a
    reader bug on some odd text) becomes an ingest error; the rest of the batch
    loads. Failed documents are not stored, so a later run retries them.
    """
    failed: list[IngestError] = []
    prepared: list[tuple[Document, str, list[Doc]]] = []
    for document in documents:
        try:
            if len(document.text) > res.nlp.max_length:
                raise ValueError(
                    f"document too long for the model: {len(document.text):,} characters "
                    f"(limit {res.nlp.max_length:,}); split it into several documents"
                )
            doc = prepare_doc(res, document)
            bounds = window_bounds(doc, window_chars)
            # the parser's text (headline recased, markup blanked), which the windows join back into
            prepared.append((document, doc.text, [doc] if len(bounds) == 1 else split_doc(doc, bounds)))
        except Exception as exc:  # one document's problem must not sink its batch
            failed.append(IngestError(document.source_path, document.doc_id, str(exc)))
    rows: list[dict] = []
    kept: list[Document] = []
    sentences = 0
    parsed = _parse(res, [part for _, _, parts in prepared for part in parts], pipe_chars)
    for document, parse_text, parts in prepared:
        pieces = [next(parsed) for _ in parts]
        try:
            events, count = code_document(join_docs(pieces, parse_text), document, res)
        except Exception as exc:
            failed.append(
                IngestError(document.source_path, document.doc_id, f"extraction failed: {type(exc).__name__}: {exc}")
            )
            continue
        sentences += count
        for event in events:
            event["run_id"] = run_id
        rows.extend(events)
        kept.append(document)
    return BatchFrames(
        documents=conform([document_row(d, run_id, res.extractor_version) for d in kept], DOCUMENTS),
        events=conform(rows, EVENTS),
        sentences=sentences,
        errors=failed,
    )


def _parse(res: Resources, docs: list[Doc], pipe_chars: int) -> Iterator[Doc]:
    """The parsed docs in order, one `nlp.pipe` call per minibatch of at most ``pipe_chars``."""
    for group in minibatches(docs, pipe_chars):
        yield from res.nlp.pipe(group, batch_size=len(group))


def code_document(doc: Doc, document: Document, res: Resources) -> tuple[list[dict], int]:
    context, dateline_country = document_places(doc, document.dateline_place, res.gazetteer)
    ctx = DocContext(
        doc_id=document.doc_id,
        content_sha256=document.content_sha256,
        published=document.published_date,
        dateline_place=document.dateline_place,
        country_context=context,
        mentions=res.matcher.find(doc),
        dateline_country=dateline_country,
        text=document.parse_text,
    )
    return extract_events(doc, ctx, res)
