"""What a run shows of itself: Prefect artifacts, and one line for the `serve` terminal.

Each flow run publishes three artifacts, so Prefect's UI answers "what did
this run do" without opening the warehouse: a summary table (documents,
events, rejected rows, ingest errors by reason, seconds, documents per
second), the top ingest-error reasons, and a link to the report page. Keys are
per warehouse (the UI groups a key's versions into a history).
"""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

TOP_REASONS = 10


def _key(kind: str, warehouse: str) -> str:
    """An artifact key: lowercase letters, digits and dashes only (Prefect's rule)."""
    stem = re.sub(r"[^a-z0-9]+", "-", Path(warehouse).stem.lower()).strip("-") or "warehouse"
    return f"{stem}-{kind}"


def docs_per_second(summary: dict) -> float:
    seconds = summary.get("seconds") or 0
    return round(summary["documents"] / seconds, 2) if seconds else 0.0


def reasons_text(summary: dict, limit: int = 3) -> str:
    """``'invalid JSON 2, empty file 1'``: the top reasons in one phrase."""
    reasons = summary.get("ingest_error_reasons") or []
    text = ", ".join(f"{reason} {n}" for reason, n in reasons[:limit])
    if len(reasons) > limit:
        text += f", {len(reasons) - limit} more reason(s)"
    return text


def summary_table(summary: dict) -> list[dict]:
    rows = [
        ("run id", summary["run_id"]),
        ("status", summary["status"]),
        ("documents", summary["documents"]),
        ("documents loaded (new or changed)", summary["documents_loaded"]),
        ("documents unchanged", summary["documents_unchanged"]),
        ("sentences", summary["sentences"]),
        ("events", summary["events"]),
        ("events loaded", summary["events_loaded"]),
        ("rejected rows", summary["rejected"]),
        ("ingest errors", summary["ingest_errors"]),
    ]
    rows += [(f"  {reason}", n) for reason, n in summary.get("ingest_error_reasons") or []]
    rows += [
        ("seconds", summary["seconds"]),
        ("documents per second", docs_per_second(summary)),
        ("warehouse", summary["warehouse"]),
        ("model", summary["model"]),
        ("report", summary.get("report") or ""),
    ]
    rows += [("warning", w) for w in summary.get("warnings") or []]
    return [{"measure": k, "value": str(v)} for k, v in rows]


def publish_artifacts(summary: dict) -> list:
    """Create the run's artifacts in the current flow run; returns their ids."""
    from prefect.artifacts import create_link_artifact, create_markdown_artifact, create_table_artifact

    warehouse = summary["warehouse"]
    ids = [
        create_table_artifact(
            summary_table(summary), key=_key("run-summary", warehouse),
            description=f"Dotterel run {summary['run_id']} into {warehouse}",
        )
    ]
    reasons = summary.get("ingest_error_reasons") or []
    if reasons:
        table = [{"reason": reason, "inputs skipped": n} for reason, n in reasons[:TOP_REASONS]]
        ids.append(create_table_artifact(table, key=_key("ingest-errors", warehouse),
                                         description="Top reasons inputs were skipped"))
    else:
        ids.append(create_markdown_artifact("No inputs were skipped.", key=_key("ingest-errors", warehouse),
                                            description="Top reasons inputs were skipped"))
    if summary.get("report"):
        ids.append(create_link_artifact(Path(summary["report"]).as_uri(), link_text="Dotterel report",
                                        key=_key("report", warehouse), description="The warehouse's report page"))
    return ids


def run_line(summary: dict) -> str:
    """One line per run for a terminal that serves a schedule."""
    when = datetime.now().astimezone().strftime("%Y-%m-%d %H:%M:%S")
    line = (
        f"{when} run {summary['run_id']} {summary['status']}: {summary['documents']} documents "
        f"({summary['documents_loaded']} loaded), {summary['events_loaded']} events loaded, "
        f"{summary['rejected']} rejected, {summary['ingest_errors']} ingest errors"
    )
    if summary.get("ingest_error_reasons"):
        line += f" ({reasons_text(summary)})"
    line += f", {summary['seconds']} s"
    if summary.get("report"):
        line += f"; report {summary['report']}"
    for warning in summary.get("warnings") or []:
        line += f"; warning: {warning}"
    return line


def failed_run_line(run_id: str, error: BaseException) -> str:
    when = datetime.now().astimezone().strftime("%Y-%m-%d %H:%M:%S")
    return f"{when} run {run_id} failed: {type(error).__name__}: {error}"
