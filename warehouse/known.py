"""What the warehouse already holds, so a run can skip unchanged documents before parsing.

Read once, read-only, at the start of a run: the doc_id and content hash of
every document coded by the run's extractor version. A document whose id and
text hash are in it would be classified "unchanged" by the loader anyway, so
the run drops it before it reaches spaCy; a changed dictionary means another
extractor version, so nothing matches and everything is recoded. About 100
bytes per document held (100 MB for a million documents).
"""

from __future__ import annotations

from pathlib import Path

from warehouse.connect import connect_read_only


def coded_documents(warehouse: Path, extractor_version: str) -> dict[str, str]:
    """doc_id -> content_sha256 of the documents this extractor version coded."""
    if not Path(warehouse).is_file():
        return {}
    conn = connect_read_only(warehouse)
    try:
        exists = conn.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'main' AND table_name = 'documents'"
        ).fetchone()[0]
        if not exists:
            return {}
        rows = conn.execute(
            "SELECT doc_id, content_sha256 FROM documents WHERE extractor_version = $1", [extractor_version]
        ).fetchall()
    finally:
        conn.close()
    return dict(rows)
