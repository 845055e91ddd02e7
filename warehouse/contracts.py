"""How the frame contracts in ``schemas.frames`` map onto warehouse tables.

The migrations declare the tables by hand (SQL is the reviewable artefact), and
the tests compare those declarations with the contracts through this module, so
a column added to a contract and forgotten in a migration fails the suite.
The loader also uses it to refuse staged Parquet that drifted from a contract.
"""

from __future__ import annotations

import polars as pl

from schemas.frames import (
    DOCUMENTS,
    EVENTS,
    INGEST_ERRORS,
    REJECTED_EVENTS,
    RUNS,
    VALIDATION_RESULTS,
)

# warehouse table -> frame contract. Order is the load order.
TABLE_CONTRACTS: dict[str, dict[str, pl.DataType]] = {
    "documents": DOCUMENTS,
    "events": EVENTS,
    "rejected_events": REJECTED_EVENTS,
    "ingest_errors": INGEST_ERRORS,
    "validation_results": VALIDATION_RESULTS,
    "runs": RUNS,
}

# Type names as DuckDB reports them (DESCRIBE, information_schema.columns).
_SIMPLE_TYPES: dict[type, str] = {
    pl.Utf8: "VARCHAR",
    pl.Int8: "TINYINT",
    pl.Int16: "SMALLINT",
    pl.Int32: "INTEGER",
    pl.Int64: "BIGINT",
    pl.Float64: "DOUBLE",
    pl.Date: "DATE",
    pl.Boolean: "BOOLEAN",
}


def duckdb_type(dtype: pl.DataType) -> str:
    """The DuckDB column type that stores a contract dtype, as DuckDB spells it."""
    if isinstance(dtype, pl.Datetime) or dtype == pl.Datetime:
        if getattr(dtype, "time_zone", None) == "UTC":
            return "TIMESTAMP WITH TIME ZONE"
        return "TIMESTAMP"
    for pl_type, name in _SIMPLE_TYPES.items():
        if dtype == pl_type:
            return name
    raise TypeError(f"no warehouse type for contract dtype {dtype!r}")


def duckdb_columns(contract: dict[str, pl.DataType]) -> list[tuple[str, str]]:
    """``[(column, duckdb type), ...]`` in contract order."""
    return [(name, duckdb_type(dtype)) for name, dtype in contract.items()]
