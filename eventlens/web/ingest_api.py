"""``POST /api/ingest``: the one route that writes, open only on a writable server and only with its token.

``eventlens serve --writable`` opens the database for writing and prints (or takes from ``EVENTLENS_INGEST_TOKEN``)
a secret; a client sends one article as JSON with ``Authorization: Bearer <token>``. The server extracts it and
stores it with all its rows in one transaction, next to the readers (DuckDB runs them side by side in one process;
another process could not write the file while the server holds it). Without the token: 401; on a read-only
server: 403; a body over the size limit: 413; text the extractor refuses (empty, too long, not English): 422; an id
that cannot be used for its text (it has the form of another text's content hash): 409. The same id with another
text is stored as a new version (201, ``new_version``, under the text's content hash), never ``unchanged``.
"""

from __future__ import annotations

import secrets
import threading
from typing import Annotated, Any

from fastapi import APIRouter, Header, Request
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ..config import Settings
from ..errors import IdConflict, InputError
from ..extract import Extractor
from ..ingest.text import check_article
from ..record import Article
from .errors import ApiError, Unauthorized

router = APIRouter(prefix="/api", tags=["ingest"])

#: Largest body accepted (bytes), whatever ``max_bytes`` says: one news article, not a corpus.
MAX_BODY = 2_000_000


class ReadOnly(ApiError):
    status = 403
    code = "read_only"


class TooLarge(ApiError):
    status = 413
    code = "too_large"


class Conflict(ApiError):
    status = 409
    code = "id_conflict"


class Unprocessable(ApiError):
    status = 422
    code = "invalid_article"


class ArticleIn(BaseModel):
    """One article to ingest (the record contract's ``article`` keys; only ``text`` is required)."""

    model_config = ConfigDict(extra="forbid")

    text: str = Field(min_length=1, max_length=MAX_BODY)
    # The id rule itself is checked with the text (check_article): one rule, one reason, whatever the source.
    id: str | None = Field(default=None, max_length=1000)
    title: str | None = Field(default=None, max_length=1000)
    published: str | None = Field(default=None, max_length=40)
    source: str | None = Field(default=None, max_length=200)
    url: str | None = Field(default=None, max_length=2000)


class IngestResult(BaseModel):
    status: str
    article_id: str
    events: int
    duplicate_of: str | None = None
    previous_version: str | None = None
    story_id: str | None = None


class Ingestor:
    """The extractor (loaded on first use) and the settings a writable server ingests with."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._extractor: Extractor | None = None
        self._lock = threading.Lock()

    def extractor(self) -> Extractor:
        with self._lock:
            if self._extractor is None:
                self._extractor = Extractor(self.settings)
            return self._extractor


def check_token(request: Request, authorization: str | None) -> None:
    """401 unless ``authorization`` is ``Bearer <the server's token>`` (compared in constant time)."""
    expected: str = request.app.state.token
    scheme, _, given = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not secrets.compare_digest(given.strip().encode(), expected.encode()):
        raise Unauthorized("this endpoint needs the server's token: Authorization: Bearer <token>")


async def read_body(request: Request, limit: int) -> bytes:
    """The request body, refused (413) as soon as it passes ``limit`` bytes, whatever Content-Length claims."""
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise TooLarge(f"the body is over {limit:,} bytes")
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise TooLarge(f"the body is over {limit:,} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


def ingest_one(request: Request, payload: ArticleIn) -> dict[str, Any]:
    """Extract and store one article (runs in a worker thread)."""
    ingestor: Ingestor = request.app.state.ingestor
    db = request.app.state.db
    article = Article(**payload.model_dump(exclude_none=True))
    try:
        article = check_article(article, "request body", ingestor.settings)
        record = ingestor.extractor().extract(article)
    except InputError as e:
        raise Unprocessable(e.reason) from e
    try:
        with db.write_lock:
            result = db.ingest_flow().add(record)
    except IdConflict as e:
        raise Conflict(e.reason) from e
    return IngestResult(
        status=result.status,
        article_id=result.article_id,
        events=result.events,
        duplicate_of=result.duplicate_of,
        previous_version=result.previous_version,
        story_id=result.story_id,
    ).model_dump()


@router.post("/ingest", status_code=201, response_model=IngestResult)
async def ingest(request: Request, authorization: Annotated[str | None, Header()] = None) -> dict[str, Any]:
    """Extract one article (JSON: ``text`` and optional ``id``, ``title``, ``published``, ``source``, ``url``)
    and store it. Needs ``Authorization: Bearer <token>`` on a server started with ``--writable``."""
    if not request.app.state.db.writable:
        raise ReadOnly("this server is read-only (start it with --writable to accept articles)")
    check_token(request, authorization)
    body = await read_body(request, MAX_BODY)
    try:
        payload = ArticleIn.model_validate_json(body)
    except ValidationError as e:
        first = e.errors()[0]
        where = ".".join(str(p) for p in first.get("loc", ())) or "body"
        raise Unprocessable(f"{where}: {first.get('msg', 'invalid')}") from e
    return await run_in_threadpool(ingest_one, request, payload)


__all__ = ["ArticleIn", "Ingestor", "router"]
