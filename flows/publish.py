"""What a run writes after its data is committed: Data Docs and the report.

Once the load transaction has committed, the run has done its job; a report
that cannot be written (a full disk, an unwritable folder) must not turn it
into a failure, or a rerun would redo work that is already in the warehouse.
Each step here is therefore caught and turned into a one-line warning that
the run summary carries and the CLI prints, and the run still exits 0.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

DEFAULT_KEEP_DATA_DOCS = 3


@dataclass
class Published:
    data_docs: str | None = None  # index.html of this run's Data Docs
    report: str | None = None  # the report page
    warnings: list[str] = field(default_factory=list)


def _attempt(what: str, step: Callable[[], Any], published: Published, logger: logging.Logger | None):
    try:
        return step()
    except Exception as exc:  # anything: the data is committed whatever happens here
        message = f"{what} not written: {type(exc).__name__}: {exc}"
        published.warnings.append(message)
        if logger is not None:
            logger.warning(message)
        return None


def publish_outputs(
    *,
    run_id: str,
    warehouse: Path,
    gx_results: list,
    data_docs_dir: Path,
    keep_data_docs: int = DEFAULT_KEEP_DATA_DOCS,
    report_dir: Path | None = None,
    write_data_docs: Callable[[list, Path, str], Path] | None = None,
    write_report: Callable[..., Path] | None = None,
    logger: logging.Logger | None = None,
) -> Published:
    """Write this run's Data Docs (then keep the newest ``keep_data_docs``) and the report.

    ``write_data_docs`` and ``write_report`` default to the real writers; the
    flow passes its Prefect tasks so each shows as a task run.
    """
    from schemas.expectations import prune_data_docs

    if write_data_docs is None:
        from schemas.expectations import write_data_docs
    if write_report is None:
        from warehouse.reporting import write_report

    published = Published()
    if keep_data_docs > 0 and gx_results:
        index = _attempt("validation report (Data Docs)",
                         lambda: write_data_docs(gx_results, data_docs_dir, run_id), published, logger)
        published.data_docs = str(index) if index else None
    _attempt("pruning of old Data Docs", lambda: prune_data_docs(data_docs_dir, keep_data_docs), published, logger)
    if report_dir is not None:
        page = _attempt(
            "report",
            lambda: write_report(warehouse, Path(report_dir), data_docs_dir=data_docs_dir),
            published,
            logger,
        )
        published.report = str(page) if page else None
    return published
