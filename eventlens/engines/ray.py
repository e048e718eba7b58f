"""The same extraction on Ray Data: one loaded pipeline per actor, records written as Parquet.

``eventlens extract INPUTS --engine ray --output DIR [--address ADDR]`` reads the inputs with Ray Data, runs
``map_batches`` over an actor pool (each actor builds the pipeline once, exactly as a local worker does) and writes a
Parquet dataset with one row per input article:

========  ========  ==========================================================================
column    type      meaning
========  ========  ==========================================================================
``id``    string    the article id
``record``string    the record's JSON, as ``eventlens extract`` prints it (null when it failed)
``error`` string    why the article could not be read or extracted (null when it worked)
========  ========  ==========================================================================

``eventlens load DIR --db FILE`` then brings the records into DuckDB.

Inputs: JSON Lines (``.jsonl``/``.ndjson``, optionally ``.gz``) are read line by line, so one big file is spread
over every actor; Parquet files need a ``text`` column (and may have id, title, published, source, url); other files
(``.txt``, ``.html``, ``.json``) are read whole. Every row is turned into an :class:`Article` by eventlens's own
readers, so the records are the ones the local engine gives for the same input. On a cluster the paths must be
readable from every node (a shared file system or object store URI).

Ray is an optional extra (``pip install 'eventlens[ray]'``) and is imported only when this engine runs.
"""

from __future__ import annotations

import gzip
import io
import json
import logging
import os
import time
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..config import Settings
from ..errors import ConfigError, EventlensError, InputError, TooLargeInput, UnreadableInput
from ..ingest.files import article_from_mapping, base_suffix, checked, iter_paths, read_text_input
from ..ingest.text import decode_bytes
from ..record import Article

log = logging.getLogger(__name__)

#: CPUs an actor asks Ray for. Below 1 so that, on a small machine, the read tasks still find a CPU next to an
#: actor pool as large as the core count (with 1 CPU per actor the pool takes every core and the reads wait forever).
ACTOR_CPUS = 0.5
JSONL_SUFFIXES = (".jsonl", ".ndjson")
PARQUET_SUFFIXES = (".parquet", ".pq")
#: Row kind of one JSON object (a JSONL line or a Parquet row).
LINE = "line"


@dataclass
class RayRun:
    """What a Ray run did: articles written, failures, and where the time went."""

    output: str
    records: int
    failed: int
    startup_s: float
    run_s: float


def import_ray() -> Any:
    """Import Ray, or say how to install it."""
    try:
        import ray
        import ray.data  # noqa: F401  (the extra is ray[data])
    except ImportError as e:
        raise ConfigError(
            "--engine ray needs Ray Data: install the extra with pip install 'eventlens[ray]' (ray[data])"
        ) from e
    return ray


def start_ray(address: str | None, workers: int) -> Any:
    """Connect to the cluster at ``address``, or start a local Ray with ``workers`` CPUs for the actors.

    A local Ray keeps Ray's token authentication (its default); the token is written to ``~/.ray/auth_token``.
    To reach a remote cluster that uses tokens, set ``RAY_AUTH_TOKEN`` (or the token file) as its admin says.
    """
    ray = import_ray()
    if ray.is_initialized():
        return ray
    # Ray's own warnings (token authentication is on, progress bars are off) are not the user's business here.
    options: dict[str, Any] = {"log_to_driver": False, "logging_level": logging.ERROR, "configure_logging": True}
    try:
        if address:
            ray.init(address=address, **options)
        else:
            # Enough logical CPUs for the actor pool (0.5 each) and the read/write tasks beside it.
            ray.init(num_cpus=max(2, workers), include_dashboard=False, **options)
    except ConnectionError as e:
        raise EventlensError(f"cannot reach the Ray cluster at {address}: {e}") from e
    except Exception as e:  # Ray raises many kinds (auth, version mismatch); say which one
        if "auth" in str(e).lower() or "token" in str(e).lower():
            raise EventlensError(
                f"Ray refused the connection ({e}); set RAY_AUTH_TOKEN to the cluster's token, "
                "or RAY_AUTH_MODE=disabled on a trusted local cluster"
            ) from e
        raise EventlensError(f"cannot start Ray: {type(e).__name__}: {e}") from e
    _quiet_ray_data()
    return ray


def _quiet_ray_data() -> None:
    """No progress bars or info logs from Ray Data: eventlens reports on stderr itself."""
    import ray.data

    for name in ("ray", "ray.data"):
        logging.getLogger(name).setLevel(logging.ERROR)
    ctx = ray.data.DataContext.get_current()
    ctx.enable_progress_bars = False
    ctx.execution_options.preserve_order = True
    ctx.print_on_execution_start = False


def input_files(inputs: list[str]) -> dict[str, list[str]]:
    """The files behind ``inputs`` (folders expanded), grouped by how Ray reads them: jsonl, parquet, whole."""
    groups: dict[str, list[str]] = {"jsonl": [], "parquet": [], "whole": []}
    for item in inputs:
        path = Path(item)
        if "://" in item:  # an object store URI: read as it says, Ray resolves it
            files = [item]
        elif path.is_dir():
            files = [str(p) for p in iter_paths(path)] + [str(p) for p in sorted(path.rglob("*.parquet"))]
        elif path.exists():
            files = [str(path)]
        else:
            raise ConfigError(f"{item}: no such file or folder")
        for file in files:
            suffix = base_suffix(Path(file))
            kind = "jsonl" if suffix in JSONL_SUFFIXES else "parquet" if suffix in PARQUET_SUFFIXES else "whole"
            groups[kind].append(file)
    return groups


def read_dataset(ray: Any, groups: dict[str, list[str]]) -> Any:
    """One Ray dataset of rows ``{source, suffix, payload}`` from every input, whatever its format."""
    parts = []
    if groups["jsonl"]:
        lines = ray.data.read_text(groups["jsonl"], include_paths=True, drop_empty_lines=True)
        parts.append(lines.map_batches(_jsonl_rows, batch_format="pyarrow", num_cpus=ACTOR_CPUS))
    if groups["parquet"]:
        rows = ray.data.read_parquet(groups["parquet"], include_paths=True)
        parts.append(rows.map_batches(_parquet_rows, batch_format="pyarrow", num_cpus=ACTOR_CPUS))
    if groups["whole"]:
        files = ray.data.read_binary_files(groups["whole"], include_paths=True)
        parts.append(files.map_batches(_file_rows, batch_format="pyarrow", num_cpus=ACTOR_CPUS))
    if not parts:
        raise ConfigError("no input files that eventlens reads (.jsonl .json .txt .html .parquet)")
    return parts[0] if len(parts) == 1 else parts[0].union(*parts[1:])


def _rows(sources: list[str], suffixes: list[str], payloads: list[bytes]) -> Any:
    import pyarrow as pa

    return pa.table(
        {
            "source": pa.array(sources, pa.string()),
            "suffix": pa.array(suffixes, pa.string()),
            "payload": pa.array(payloads, pa.binary()),
        }
    )


def _jsonl_rows(batch: Any) -> Any:
    paths = batch.column("path").to_pylist()
    return _rows(paths, [LINE] * len(paths), [t.encode("utf-8") for t in batch.column("text").to_pylist()])


def _parquet_rows(batch: Any) -> Any:
    rows = batch.to_pylist()
    payloads = [json.dumps({k: v for k, v in row.items() if k != "path"}, default=str).encode() for row in rows]
    return _rows([row["path"] for row in rows], [LINE] * len(rows), payloads)


def _file_rows(batch: Any) -> Any:
    paths = batch.column("path").to_pylist()
    suffixes = [base_suffix(Path(p)) for p in paths]
    return _rows(paths, suffixes, batch.column("bytes").to_pylist())


def articles_from_row(
    source: str, suffix: str, payload: bytes, settings: Settings, defaults: dict[str, Any] | None = None
) -> Iterator[Article | InputError]:
    """Articles (or input errors) from one row, through the readers the local engine uses.

    ``suffix`` is ``line`` for one JSON object (a JSONL line or a Parquet row), else the file's kind.
    """
    defaults = {k: v for k, v in (defaults or {}).items() if v is not None}
    defaults.setdefault("source", Path(source).name)  # as the local reader names a file's articles
    if suffix == LINE:
        try:
            data = json.loads(payload)
        except (json.JSONDecodeError, UnicodeDecodeError, RecursionError) as e:
            yield UnreadableInput(source, f"line is not JSON: {e}")
            return
        yield from checked(settings, source, article_from_mapping, data, source, defaults)
        return
    try:
        if source.endswith(".gz"):
            with gzip.GzipFile(fileobj=io.BytesIO(payload)) as f:
                payload = f.read(settings.max_bytes + 1)
        if len(payload) > settings.max_bytes:
            raise TooLargeInput(source, f"over the limit of {settings.max_bytes:,} bytes (max_bytes)")
        text = decode_bytes(payload, source)
    except (OSError, EOFError, zlib.error) as e:
        yield UnreadableInput(source, f"truncated or corrupt gzip: {e}")
        return
    except InputError as e:
        yield e
        return
    yield from read_text_input(text, source, suffix, settings, defaults)


def make_actor_class(settings: Settings, defaults: dict[str, Any] | None = None) -> type:
    """The actor class for ``map_batches``: it builds the pipeline once and turns rows into records.

    The settings are baked into the class (not passed as constructor arguments), so Ray can restart an actor
    without fetching them from the object store.
    """

    class ExtractActor:
        def __init__(self) -> None:
            from ..extract import Extractor
            from .local import settle_loaded_heap

            self.settings = settings
            self.extractor = Extractor(settings)
            settle_loaded_heap()  # the pipeline lives as long as the actor: out of the collector's way

        def __call__(self, batch: Any) -> Any:
            import pyarrow as pa

            ids: list[str | None] = []
            records: list[str | None] = []
            errors: list[str | None] = []
            for source, suffix, payload in zip(
                batch.column("source").to_pylist(),
                batch.column("suffix").to_pylist(),
                batch.column("payload").to_pylist(),
                strict=True,
            ):
                for id_, record, error in self._extract(source, suffix, payload):
                    ids.append(id_)
                    records.append(record)
                    errors.append(error)
            return pa.table(
                {
                    "id": pa.array(ids, pa.string()),
                    "record": pa.array(records, pa.string()),
                    "error": pa.array(errors, pa.string()),
                }
            )

        def _extract(self, source: str, suffix: str, payload: bytes) -> Iterator[tuple[str, str | None, str | None]]:
            from ..errors import ExtractionFailed

            articles = []
            for item in articles_from_row(source, suffix, payload, self.settings, defaults):
                if isinstance(item, InputError):
                    yield item.source, None, str(item)
                else:
                    articles.append(item)
            for result in self.extractor.pipe(articles):
                if isinstance(result, ExtractionFailed):
                    yield result.source, None, str(result)
                else:
                    yield result.article.id, json.dumps(result.as_dict(), ensure_ascii=False), None

    return ExtractActor


def run_ray(
    inputs: list[str],
    output: Path,
    settings: Settings,
    *,
    workers: int,
    address: str | None = None,
    defaults: dict[str, Any] | None = None,
) -> RayRun:
    """Extract ``inputs`` on Ray into the Parquet dataset ``output`` (a folder, created).

    ``defaults`` fills ``published``, ``title`` and ``source`` for inputs that carry none, as in the local engine.

    Raises:
        ConfigError: Ray is not installed, or no inputs.
        EventlensError: Ray cannot start or reach the cluster, or the run failed.
    """
    from .local import resolve_workers

    workers = resolve_workers(workers)
    groups = input_files(inputs)
    start = time.perf_counter()
    # Ray's C++ core logs notes about its own internals on stderr; keep only fatal ones unless the user asks.
    os.environ.setdefault("RAY_BACKEND_LOG_LEVEL", "fatal")
    ray = start_ray(address, workers)
    started = time.perf_counter()
    dataset = read_dataset(ray, groups).map_batches(
        make_actor_class(settings, defaults),
        batch_format="pyarrow",
        batch_size=settings.batch_size,
        compute=ray.data.ActorPoolStrategy(size=workers),
        num_cpus=ACTOR_CPUS,
    )
    output.mkdir(parents=True, exist_ok=True)
    try:
        dataset.write_parquet(str(output))
    except Exception as e:  # Ray wraps worker errors in its own types
        raise EventlensError(f"the Ray run failed: {type(e).__name__}: {e}") from e
    done = time.perf_counter()
    records, failed = count_output(output)
    return RayRun(str(output), records, failed, started - start, done - started)


def count_output(output: Path) -> tuple[int, int]:
    """Records and failures in a Parquet output folder."""
    import pyarrow.dataset as pads

    table = pads.dataset(str(output), format="parquet").to_table(columns=["error"])
    records = table.column("error").null_count  # a row without an error holds a record
    return records, table.num_rows - records


def output_errors(output: Path) -> Iterator[str]:
    """The reasons recorded for the articles that failed in a Parquet output folder (``source: reason``)."""
    import pyarrow.compute as pc
    import pyarrow.dataset as pads

    dataset = pads.dataset(str(output), format="parquet")
    for batch in dataset.to_batches(columns=["error"], filter=pc.field("error").is_valid()):
        yield from (e for e in batch.column("error").to_pylist() if e is not None)
