"""Prefect flows and the `dotterel` CLI.

Prefect reads its settings when it is first imported, so the package applies
Dotterel's defaults (`prefect_env`) before any module of it imports Prefect.
"""

from flows import prefect_env

prefect_env.apply()
