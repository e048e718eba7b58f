"""Where the package's own data lives (one helper instead of each module walking up from ``__file__``), and the
on-disk cache of the indexes eventlens builds from it.

Data ships inside the package (``eventlens/data/...``), so it is found the same way in a source checkout, an
installed wheel and a Ray worker.
"""

from __future__ import annotations

import gc
import hashlib
import json
import logging
import os
import re
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

import yaml

logger = logging.getLogger(__name__)

#: The package's data folder.
DATA_DIR = Path(__file__).resolve().parent / "data"


def data_path(*parts: str) -> Path:
    """The path of a file or folder under the package's data folder, e.g. ``data_path("actors", "states.yaml")``."""
    return DATA_DIR.joinpath(*parts)


#: Values of the ``cache_dir`` setting (or ``$EVENTLENS_CACHE_DIR``) that turn caching off.
CACHE_OFF = ("", "off", "0", "no")


if TYPE_CHECKING:
    SafeLoader = yaml.SafeLoader
else:  # libyaml's loader where PyYAML has it: ten times as fast (tenths of a second of a cold start), same data
    SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(path: str | Path) -> Any:
    """The data of the YAML file at ``path`` (UTF-8), read with the safe loader (libyaml's where available)."""
    return yaml.load(Path(path).read_text(encoding="utf-8"), Loader=SafeLoader)  # noqa: S506 (a safe loader)


def cache_folder(cache_dir: str | Path | None = None) -> Path | None:
    """The one place that decides where eventlens caches the indexes it builds from its data: the ``cache_dir``
    setting when given, else ``$EVENTLENS_CACHE_DIR``, else ``$XDG_CACHE_HOME/eventlens``, else
    ``~/.cache/eventlens``; None (no caching) when the setting or the variable is ``off``.

    Every cache passes its component's ``cache_dir`` here, so a run writes its files in one folder only.
    """
    configured = str(cache_dir) if cache_dir else os.environ.get("EVENTLENS_CACHE_DIR")  # "" is unset, as in Settings
    if configured is not None:
        return None if configured.strip().lower() in CACHE_OFF else Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "eventlens"


def fingerprint(*parts: str | bytes) -> str:
    """A short hash of what an index is built from (data, versions): its cache file's name changes with them."""
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode("utf-8") if isinstance(part, str) else part)
        digest.update(b"\0")
    return digest.hexdigest()[:20]


def cached_json(name: str, key: str, build: Callable[[], Any], *, cache_dir: str | Path | None = None) -> Any:
    """What ``build()`` returns (JSON data), read from the cache when an earlier run stored it under ``key``.

    The first run builds and stores it (written to a temporary file, then renamed: a reader never sees half a
    file); later runs, worker processes and Ray actors read it. A cache that cannot be read or written costs only
    the time to build: eventlens never fails for it. JSON, not pickle: a cache file is data, never code.
    """
    data = read_json(name, key, cache_dir=cache_dir)
    if data is None:
        data = build()
        store_json(name, key, data, cache_dir=cache_dir)
    return data


def read_json(name: str, key: str, *, cache_dir: str | Path | None = None) -> Any:
    """The JSON data stored under ``name`` and ``key`` (:func:`store_json`), or None when there is none to read."""
    root = cache_folder(cache_dir)
    if root is None:
        return None
    try:
        return json.loads((root / f"{name}-{key}.json").read_bytes())
    except (OSError, ValueError):
        return None


def store_json(name: str, key: str, data: Any, *, cache_dir: str | Path | None = None) -> None:
    """Store JSON data under ``name`` and ``key`` in the cache (nothing when caching is off or fails), replacing
    what ``name`` held under other keys."""
    root = cache_folder(cache_dir)
    if root is not None:
        text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        _store(root / f"{name}-{key}.json", lambda f: f.write(text.encode("utf-8")))


def cached_file(
    name: str, key: str, suffix: str, write: Callable[[IO[bytes]], Any], *, cache_dir: str | Path | None = None
) -> Path | None:
    """The path of a cache file that ``write`` fills (e.g. a model decompressed once), made on first use.

    None when caching is off or the file cannot be written: the caller then reads its data the slow way. The
    caller reads the file as data (``numpy.load(..., allow_pickle=False)``, JSON), never as code.
    """
    root = cache_folder(cache_dir)
    if root is None:
        return None
    path = root / f"{name}-{key}{suffix}"
    if path.is_file() or _store(path, write):
        return path
    return None


#: Earlier names of a cache's files (``name-<key>.suffix``), removed when the cache is next written: the gazetteer
#: was one JSON document before it became JSON lines, its name index was spaCy phrase patterns.
FORMER_NAMES: dict[str, tuple[str, ...]] = {
    "geonames": ("gazetteer-*.json",),
    "place-names": ("place-patterns-*.json",),
}


def stale_files(path: Path) -> list[Path]:
    """The files of ``path``'s cache (``name-<key>.suffix``) that hold other keys or an earlier format: only names
    eventlens writes, a hexadecimal key and all, so no other file in the folder is ever matched (``phoenix-*``
    does not take ``phoenix-extra-*``, nor a user's own ``phoenix-notes.json``)."""
    name, rest = path.name.rsplit("-", 1)
    families = [(name, rest[rest.index(".") :])]
    families += [(n.rsplit("-*", 1)[0], n.rsplit("-*", 1)[1]) for n in FORMER_NAMES.get(name, ())]
    patterns = [re.compile(f"{re.escape(n)}-[0-9a-f]+{re.escape(suffix)}") for n, suffix in families]
    return [
        p
        for p in path.parent.iterdir()
        if p.name != path.name and any(pattern.fullmatch(p.name) for pattern in patterns)
    ]


def _store(path: Path, write: Callable[[IO[bytes]], Any]) -> bool:
    """Write a cache file atomically (a temporary file, then renamed: another process reads the old file or the new
    one, never half of one) and remove the same cache's files built from other data, versions or formats."""
    root = path.parent
    temporary: Path | None = None
    try:
        root.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("wb", dir=root, suffix=".tmp", delete=False) as f:
            temporary = Path(f.name)
            write(f)
        os.replace(temporary, path)
        for stale in stale_files(path):  # built from other data, versions or formats: never read again
            stale.unlink(missing_ok=True)
        return True
    except OSError as e:
        logger.debug("cannot cache %s in %s: %s", path.name, root, e)
        return False
    finally:
        if temporary is not None:  # left over only when writing failed (once renamed, the name is gone)
            temporary.unlink(missing_ok=True)


@contextmanager
def no_gc() -> Iterator[None]:
    """The cyclic garbage collector off for a block that builds indexes: tens of thousands of small objects and no
    cycles, so each collection it would trigger only walks the heap again (a tenth of a second or more per pass,
    once the gazetteer and the actor dictionary are loaded)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
