"""The Great Expectations suite that gates EVENTS rows into the warehouse.

``validate_events`` runs the "dotterel_events" suite over one batch of events
and splits it into rows that passed every expectation and rows that failed at
least one (with the failed expectations named). ``write_data_docs`` renders the
raw GX results of a run as static HTML (GX Data Docs).

Notes on how GX is used here (GX 1.x):

* GX has no Polars support, so the frame is validated through an Arrow-backed
  pandas view (``to_pandas(use_pyarrow_extension_array=True)``); every
  expectation in the suite works on those dtypes (tested). The Arrow view also
  keeps NaN apart from null (a plain pandas conversion turns nulls into NaN and
  GX then counts NaN as missing), so a NaN goldstein, confidence or coordinate
  fails its range expectation instead of passing as a missing value.
* ``great_expectations`` is imported lazily: importing it costs seconds, and
  most of the project (CLI, API, tests of other stages) never needs it.
* Only the in-memory pandas path is used; GX's SQL path does not work with
  DuckDB.
* Rows are identified by a row-index column passed as
  ``unexpected_index_column_names`` with result_format COMPLETE, so every
  failing expectation reports the exact rows it failed on.
* An event may be one-sided (issue #10): one side missing, every column of
  that side NULL. So the side columns are not required outright; columns
  computed for the validation run (`side_shapes`) say what each side is, and
  the suite expects a side "named" (text and offsets) or "missing" (all null)
  and an event with a code on one side at least.
* A duplicated event_id rejects the duplicates *after the first occurrence*
  (the first row with that id stays valid if nothing else is wrong with it).
  The results table still reports GX's own unexpected_count for the
  uniqueness expectation, which counts every occurrence.
"""

from __future__ import annotations

import copy
import html
import json
import re
import shutil
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, fields
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import polars as pl

from schemas.data_docs_offline import ValidationPage, make_offline
from schemas.frames import (
    EVENTS,
    MODALITIES,
    POLARITIES,
    QUAD_CLASSES,
    REJECTED_EVENTS,
    VALIDATION_RESULTS,
    empty,
)
from transforms.codes import region_codes

SUITE_NAME = "dotterel_events"
ROW_INDEX = "_dotterel_row"  # added for the validation run only
DOC_LENGTH = "doc_length"  # added for the validation run only, from doc_lengths
EVENT_ID_REGEX = r"^[0-9a-f]{16,64}$"  # lower-case hex digest (or a prefix of one)
DATA_DOCS_SITE = "dotterel_local_site"

REQUIRED = (
    "event_id",
    "doc_id",
    "sentence_index",
    "sentence_text",
    "action_text",
    "cameo_code",
    "cameo_root",
    "plover_type",
    "quad_class",
    "goldstein",
    "polarity",
    "modality",
    "confidence",
    "action_start",
    "action_end",
    "extractor_version",
    "run_id",
)
# The two sides of an event. A side is named (text and offsets, a code when the
# dictionary knows the actor) or missing (every column NULL): a one-sided event.
SIDES = ("source", "target")
NAMED_SIDE = ("start", "end")  # not null where the side's text is not null
MISSING_SIDE = ("code", "country", "sector", "start", "end")  # null where its text is null
CODED_SIDE = "coded_side"  # added for the validation run only: whether a side has a code
OFFSET_PAIRS = (
    ("source_start", "source_end"),
    ("action_start", "action_end"),
    ("target_start", "target_end"),
)
COUNTRY_COLUMNS = ("source_country", "target_country", "location_country")
CODE_COLUMNS = ("source_code", "target_code")
UNIQUE_EXPECTATION = "expect_column_values_to_be_unique"


@dataclass(frozen=True)
class CodeTables:
    """The code sets the suite checks against (filled by the caller).

    Frozen (hashable) so the GX context/suite built for one set of tables can
    be cached per process. Plain sets are accepted and frozen.
    """

    cameo_codes: frozenset[str]
    cameo_roots: frozenset[str]
    plover_types: frozenset[str]
    countries: frozenset[str]  # ISO 3166-1 alpha-3
    # CAMEO region codes: a region or bloc ("the West") is coded WST..., with no country
    regions: frozenset[str] = field(default_factory=lambda: frozenset(region_codes()))

    def __post_init__(self) -> None:
        for f in fields(self):
            object.__setattr__(self, f.name, frozenset(getattr(self, f.name)))

    @classmethod
    def of(cls, cameo: Mapping[str, Any]) -> CodeTables:
        """The tables of a run: its CAMEO table (code -> entry with `root` and
        `plover_type`), every ISO 3166 country (plus Kosovo's XKX) and the CAMEO
        region codes."""
        import pycountry

        return cls(
            cameo_codes=frozenset(cameo),
            cameo_roots=frozenset(c.root for c in cameo.values()),
            plover_types=frozenset(c.plover_type for c in cameo.values()),
            countries=frozenset(c.alpha_3 for c in pycountry.countries) | {"XKX"},
            regions=frozenset(region_codes()),
        )

    def actor_code_regex(self) -> str:
        """What an actor code begins with: a country (the event's country column holds
        it too), a CAMEO region code (the country column stays NULL), IGO or NGO; a
        sector or a short name may follow ("RUSMIL", "WST", "EURGOV", "IGONATO")."""
        heads = sorted(self.countries | self.regions | {"IGO", "NGO"})
        return rf"^(?:{'|'.join(heads)})[A-Z0-9]*$"


@dataclass
class ValidationOutcome:
    valid: pl.DataFrame  # EVENTS schema: rows that passed every expectation
    rejected: pl.DataFrame  # REJECTED_EVENTS schema
    results: pl.DataFrame  # VALIDATION_RESULTS schema, one row per expectation
    success: bool  # GX's verdict for the whole batch
    gx_result: Any  # ExpectationSuiteValidationResult (for Data Docs); None if not run


def build_suite(tables: CodeTables):
    """The "dotterel_events" ExpectationSuite for one set of code tables.

    The validated frame is EVENTS plus a ``doc_length`` column (the length of
    the text the offsets index; null when the document is unknown, which fails
    its not-null expectation).
    """
    import great_expectations as gx
    import great_expectations.expectations as gxe

    exps: list = [
        gxe.ExpectTableColumnsToMatchSet(
            column_set=[*REQUIRED, DOC_LENGTH], exact_match=False
        ),
    ]
    exps += [gxe.ExpectColumnValuesToNotBeNull(column=c) for c in (*REQUIRED, DOC_LENGTH)]
    exps += side_expectations()
    exps += [
        gxe.ExpectColumnValuesToBeUnique(column="event_id"),
        gxe.ExpectColumnValuesToMatchRegex(column="event_id", regex=EVENT_ID_REGEX),
        gxe.ExpectColumnValuesToBeInSet(column="cameo_code", value_set=sorted(tables.cameo_codes)),
        gxe.ExpectColumnValuesToBeInSet(column="cameo_root", value_set=sorted(tables.cameo_roots)),
        gxe.ExpectColumnValuesToBeInSet(
            column="plover_type", value_set=sorted(tables.plover_types)
        ),
        gxe.ExpectColumnValuesToBeInSet(column="quad_class", value_set=list(QUAD_CLASSES)),
        gxe.ExpectColumnValuesToBeInSet(column="polarity", value_set=list(POLARITIES)),
        gxe.ExpectColumnValuesToBeInSet(column="modality", value_set=list(MODALITIES)),
    ]
    # Nulls are skipped by GX's column-map expectations, so these allow missing codes.
    countries = sorted(tables.countries)
    exps += [
        gxe.ExpectColumnValuesToBeInSet(column=c, value_set=countries) for c in COUNTRY_COLUMNS
    ]
    actor_code = tables.actor_code_regex()
    exps += [gxe.ExpectColumnValuesToMatchRegex(column=c, regex=actor_code) for c in CODE_COLUMNS]
    exps += [
        gxe.ExpectColumnValuesToBeBetween(column="sentence_index", min_value=0),
        gxe.ExpectColumnValuesToBeBetween(column="goldstein", min_value=-10, max_value=10),
        gxe.ExpectColumnValuesToBeBetween(column="confidence", min_value=0, max_value=1),
        gxe.ExpectColumnValuesToBeBetween(column="latitude", min_value=-90, max_value=90),
        gxe.ExpectColumnValuesToBeBetween(column="longitude", min_value=-180, max_value=180),
    ]
    for start, end in OFFSET_PAIRS:
        exps += [
            gxe.ExpectColumnValuesToBeBetween(column=start, min_value=0),
            # start < end
            gxe.ExpectColumnPairValuesAToBeGreaterThanB(
                column_A=end,
                column_B=start,
                or_equal=False,
                ignore_row_if="either_value_is_missing",
            ),
            # end <= doc_length
            gxe.ExpectColumnPairValuesAToBeGreaterThanB(
                column_A=DOC_LENGTH,
                column_B=end,
                or_equal=True,
                ignore_row_if="either_value_is_missing",
            ),
        ]
    return gx.ExpectationSuite(name=SUITE_NAME, expectations=exps)


def side_shapes(frame: pl.DataFrame) -> pl.DataFrame:
    """`frame` with the side columns the suite checks (for the validation run only).

    ``<side>_side`` is "named" (text and offsets), "missing" (every column of the
    side null: a one-sided event) or "incomplete" (anything else); ``coded_side``
    is "coded" when at least one side has a code. Computed here once, so the
    suite checks each with one plain expectation instead of a dozen conditional
    ones (GX row conditions query the frame once each and cost a batch a third
    of a second more).
    """
    shapes = []
    for side in SIDES:
        named = pl.all_horizontal(pl.col(f"{side}_{c}").is_not_null() for c in ("text", *NAMED_SIDE))
        missing = pl.all_horizontal(pl.col(f"{side}_{c}").is_null() for c in ("text", *MISSING_SIDE))
        shapes.append(
            pl.when(named).then(pl.lit("named")).when(missing).then(pl.lit("missing")).otherwise(pl.lit("incomplete"))
            .alias(f"{side}_side")
        )
    coded = pl.col("source_code").is_not_null() | pl.col("target_code").is_not_null()
    shapes.append(pl.when(coded).then(pl.lit("coded")).otherwise(pl.lit("uncoded")).alias(CODED_SIDE))
    return frame.with_columns(shapes)


def side_expectations() -> list:
    """A side is whole or missing; an event codes one side at least (so names it too)."""
    import great_expectations.expectations as gxe

    return [
        *(gxe.ExpectColumnValuesToBeInSet(column=f"{side}_side", value_set=["named", "missing"]) for side in SIDES),
        gxe.ExpectColumnValuesToBeInSet(column=CODED_SIDE, value_set=["coded"]),
    ]


# --- validation ---------------------------------------------------------------

_LOCK = threading.RLock()
_CACHE: dict[CodeTables, tuple[Any, Any]] = {}  # tables -> (context, ValidationDefinition)
_CACHE_MAX = 4


def _ephemeral_context(data_docs_sites: dict | None = None):
    """An in-memory GX context: no progress bars, no default temp docs site."""
    import great_expectations as gx
    from great_expectations.data_context.types.base import (
        DataContextConfig,
        InMemoryStoreBackendDefaults,
        ProgressBarsConfig,
    )

    config = DataContextConfig(
        store_backend_defaults=InMemoryStoreBackendDefaults(init_temp_docs_sites=False),
        progress_bars=ProgressBarsConfig(globally=False),
        data_docs_sites=data_docs_sites or {},
        analytics_enabled=False,
    )
    return gx.get_context(mode="ephemeral", project_config=config)


def _validation_definition(tables: CodeTables):
    """(context, ValidationDefinition) over a whole-dataframe batch, cached per tables."""
    cached = _CACHE.get(tables)
    if cached is not None:
        return cached
    import great_expectations as gx

    context = _ephemeral_context()
    asset = context.data_sources.add_pandas("dotterel").add_dataframe_asset("events")
    batch_definition = asset.add_batch_definition_whole_dataframe("whole_batch")
    suite = context.suites.add(build_suite(tables))
    vd = context.validation_definitions.add(
        gx.ValidationDefinition(name="dotterel_events_batch", data=batch_definition, suite=suite)
    )
    if len(_CACHE) >= _CACHE_MAX:
        _CACHE.clear()
    _CACHE[tables] = (context, vd)
    return context, vd


def _columns(config) -> list[str]:
    kw = config.kwargs
    if kw.get("column") is not None:
        return [kw["column"]]
    if kw.get("column_A") is not None:
        return [kw["column_A"], kw["column_B"]]
    if kw.get("column_list") is not None:
        return list(kw["column_list"])
    return []


def expectation_name(config) -> str:
    """'expect_x(column)' / 'expect_x(col_a,col_b)' / 'expect_x' for table level."""
    cols = _columns(config)
    return f"{config.type}({','.join(cols)})" if cols else config.type


def _column_name(config) -> str | None:
    return ",".join(_columns(config)) or None


def _details(config) -> str:
    kw = {k: v for k, v in config.kwargs.items() if k not in ("batch_id", "result_format")}
    return json.dumps(kw, sort_keys=True, default=str)


def _raised(exception_info: Any) -> str | None:
    """The exception message if GX could not evaluate an expectation."""
    if not exception_info:
        return None
    infos = [exception_info] if "raised_exception" in exception_info else exception_info.values()
    for info in infos:
        if isinstance(info, dict) and info.get("raised_exception"):
            return str(info.get("exception_message"))
    return None


def _conform_events(events: pl.DataFrame) -> pl.DataFrame:
    missing = [c for c in EVENTS if c not in events.columns]
    extra = [c for c in events.columns if c not in EVENTS]
    if missing or extra:
        raise ValueError(f"events frame does not match EVENTS: missing={missing} extra={extra}")
    return events.select([pl.col(c).cast(t) for c, t in EVENTS.items()])


def validate_events(
    events: pl.DataFrame,
    doc_lengths: dict[str, int],
    tables: CodeTables,
    run_id: str,
    batch: int,
) -> ValidationOutcome:
    """Validate one batch of EVENTS rows and split it into valid and rejected.

    ``doc_lengths`` maps doc_id to the length of the document text the offsets
    index; an event whose doc_id is not in it is rejected
    (``expect_column_values_to_not_be_null(doc_length)``).
    """
    from great_expectations.core.run_identifier import RunIdentifier

    frame = _conform_events(events).with_row_index(ROW_INDEX).cast({ROW_INDEX: pl.Int64})
    lengths = pl.DataFrame(
        {"doc_id": list(doc_lengths), DOC_LENGTH: list(doc_lengths.values())},
        schema={"doc_id": pl.Utf8, DOC_LENGTH: pl.Int64},
    )
    work = side_shapes(frame.join(lengths, on="doc_id", how="left", maintain_order="left"))
    pdf = work.to_pandas(use_pyarrow_extension_array=True)
    result_format = {
        "result_format": "COMPLETE",
        "unexpected_index_column_names": [ROW_INDEX, "event_id"],
        "return_unexpected_index_query": False,
    }
    with _LOCK:
        context, vd = _validation_definition(tables)
        gx_result = vd.run(
            batch_parameters={"dataframe": pdf},
            result_format=result_format,
            # An explicit run_time: without one GX parses run_name as a date,
            # and a run id such as 20261129T030058Z-2795ad3a reads as a time
            # with a -27:95 offset, which crashes (or silently shifts) the run.
            run_id=RunIdentifier(run_name=run_id, run_time=datetime.now(timezone.utc)),
        )
        # ValidationDefinition.run also keeps every result in the context's
        # in-memory store; drop it so a long run does not accumulate them.
        store = context.validation_results_store
        for key in store.list_keys():
            store.remove_key(key)
    gx_result.meta["dotterel_batch"] = batch

    n = frame.height
    failures: dict[int, list[str]] = {}
    result_rows = []
    for r in gx_result.results:
        config = r.expectation_config
        name = expectation_name(config)
        error = _raised(r.exception_info)
        if error is not None:
            raise RuntimeError(f"GX could not evaluate {name}: {error}")
        res = r.result or {}
        result_rows.append(
            {
                "run_id": run_id,
                "batch": batch,
                "expectation": config.type,
                "column_name": _column_name(config),
                "success": bool(r.success),
                "element_count": res.get("element_count"),
                "unexpected_count": res.get("unexpected_count"),
                "details": _details(config),
            }
        )
        if r.success:
            continue
        index_list = res.get("unexpected_index_list")
        if index_list is None:  # table-level expectation: it fails every row
            bad = list(range(n))
        else:
            bad = sorted({int(d[ROW_INDEX]) for d in index_list})
        if config.type == UNIQUE_EXPECTATION:
            bad = _after_first(frame, bad, config.kwargs["column"])
        for i in bad:
            names = failures.setdefault(i, [])
            if name not in names:
                names.append(name)

    failed = pl.DataFrame(
        {
            ROW_INDEX: list(failures),
            "failed_expectations": ["; ".join(v) for v in failures.values()],
        },
        schema={ROW_INDEX: pl.Int64, "failed_expectations": pl.Utf8},
    )
    valid = frame.join(failed, on=ROW_INDEX, how="anti", maintain_order="left").select(list(EVENTS))
    rejected = (
        frame.join(failed, on=ROW_INDEX, how="inner", maintain_order="left")
        .sort(ROW_INDEX)
        .select(list(REJECTED_EVENTS))
    )
    results = (
        pl.DataFrame(result_rows, schema=VALIDATION_RESULTS, orient="row")
        if result_rows
        else empty(VALIDATION_RESULTS)
    )
    return ValidationOutcome(
        valid=valid,
        rejected=rejected,
        results=results,
        success=bool(gx_result.success),
        gx_result=gx_result,
    )


def _after_first(frame: pl.DataFrame, rows: list[int], column: str) -> list[int]:
    """Of rows sharing a value of ``column``, all but the first (lowest index)."""
    values = frame[column].gather(rows).to_list()
    seen: set = set()
    later = []
    for i, v in zip(rows, values):
        if v in seen:
            later.append(i)
        seen.add(v)
    return later


# --- data docs ----------------------------------------------------------------

_SAFE = re.compile(r"[^A-Za-z0-9._-]+")


def _escape_values(value: Any) -> Any:
    """HTML-escape every string inside a result payload (dict keys are left alone)."""
    if isinstance(value, str):
        return html.escape(value, quote=True)
    if isinstance(value, dict):
        return {k: _escape_values(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(_escape_values(v) for v in value)
    return value


def _escaped_copy(result: Any) -> Any:
    """A copy of a suite result whose observed values are HTML-escaped.

    GX 1.24's Data Docs templates are ``.j2`` files, which its
    ``select_autoescape(["html", "xml"])`` does not cover, so table cells
    (the unexpected values and their index columns, i.e. data from the
    articles) are written into the HTML raw. Only the observed ``result``
    payloads are escaped here: expectation kwargs are ours, and GX already
    escapes them when it renders them (escaping them again would show
    ``&amp;lt;``).
    """
    result = copy.deepcopy(result)
    for r in result.results:
        if r.result:
            r.result = _escape_values(r.result)
    return result


def write_data_docs(
    outcomes: Sequence[ValidationOutcome] | Sequence[Any] | ValidationOutcome | Any,
    directory: Path,
    run_id: str,
) -> Path:
    """Write GX Data Docs for a run's validation results; return its index.html.

    ``outcomes`` are ValidationOutcomes (their ``gx_result`` is rendered) or
    raw GX ExpectationSuiteValidationResults. The site for the run is written
    to ``directory/<run_id>/`` (run_id made path-safe), so sites of earlier
    runs are kept and each index lists exactly one run's batches. Observed
    values are HTML-escaped before rendering, because GX writes them into its
    tables raw (see ``_escaped_copy``; checked by the tests).
    """
    from great_expectations.core.run_identifier import RunIdentifier
    from great_expectations.data_context.types.resource_identifiers import (
        ExpectationSuiteIdentifier,
        ValidationResultIdentifier,
    )

    if isinstance(outcomes, ValidationOutcome) or not isinstance(outcomes, Sequence):
        outcomes = [outcomes]
    results = [o.gx_result if isinstance(o, ValidationOutcome) else o for o in outcomes]
    results = [r for r in results if r is not None]

    # GX's filesystem store refuses keys containing '/' or '\\' (and only
    # logs the error), so the run name is made path-safe for the keys too.
    run_name = _SAFE.sub("_", run_id).strip("._") or "run"
    site_dir = (Path(directory) / run_name).resolve()
    site_dir.mkdir(parents=True, exist_ok=True)
    site = {
        "class_name": "SiteBuilder",
        "store_backend": {
            "class_name": "TupleFilesystemStoreBackend",
            "base_directory": str(site_dir),
        },
        "site_index_builder": {"class_name": "DefaultSiteIndexBuilder"},
    }
    expected_pages = []
    with _LOCK:
        context = _ephemeral_context({DATA_DOCS_SITE: site})
        store = context.validation_results_store
        for i, result in enumerate(results):
            run_time = getattr(result.meta.get("run_id"), "run_time", None) or datetime.now(timezone.utc)
            batch = result.meta.get("dotterel_batch", i)
            key = ValidationResultIdentifier(
                expectation_suite_identifier=ExpectationSuiteIdentifier(
                    name=getattr(result, "suite_name", None) or SUITE_NAME
                ),
                run_id=RunIdentifier(run_name=run_name, run_time=run_time),
                batch_identifier=f"batch-{batch}",
            )
            store.set(key, _escaped_copy(result))
            page = site_dir.joinpath("validations", *key.to_tuple()).with_suffix(".html")
            suite = key.expectation_suite_identifier.name
            expected_pages.append(ValidationPage(page, suite, run_name, f"batch-{batch}", bool(result.success)))
        context.build_data_docs(site_names=[DATA_DOCS_SITE])
    # GX logs rendering errors instead of raising them; make them loud here.
    missing = [p for p in [site_dir / "index.html", *(v.path for v in expected_pages)] if not p.is_file()]
    if missing:
        raise RuntimeError(f"GX Data Docs did not write {[str(p) for p in missing]}")
    make_offline(site_dir, expected_pages)  # GX's pages load their scripts and styles from CDNs
    return site_dir / "index.html"


def prune_data_docs(directory: Path, keep: int) -> list[Path]:
    """Delete all but the newest ``keep`` run sites under ``directory``; return the deleted ones.

    Each run's Data Docs site (``directory/<run_id>/``) copies about 4 MB of
    GX's static files, and its pages load their scripts and styles from CDNs,
    so the report (which works offline) is the record to keep; Data Docs are
    kept for the last few runs only. Run ids start with their UTC start time,
    so name order is age order. Only folders that hold a site (an
    ``index.html``) are touched.
    """
    if keep < 0:
        raise ValueError(f"keep must be 0 or more, got {keep}")
    root = Path(directory)
    if not root.is_dir():
        return []
    sites = sorted(p for p in root.iterdir() if p.is_dir() and (p / "index.html").is_file())
    doomed = sites[: max(len(sites) - keep, 0)]
    for site in doomed:
        shutil.rmtree(site)
    return doomed
