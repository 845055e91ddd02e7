"""Checking a cron expression before Prefect is asked to serve it.

Prefect would reject a bad schedule only after reaching the server; a user
typing `--cron` deserves the one-line answer at once. Prefect's own schedule
model does the parsing, so what we accept is exactly what it serves.
"""

from __future__ import annotations


def validate_cron(expression: str) -> str:
    from prefect.client.schemas.schedules import CronSchedule

    try:
        CronSchedule(cron=expression)
    except Exception as exc:  # pydantic.ValidationError carries the parser's reason
        raise ValueError(f"not a valid cron expression: {expression!r} (e.g. '0 * * * *' for hourly)") from exc
    return expression
