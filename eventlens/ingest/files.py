"""Reading articles from files, folders and standard input: .txt, .html/.htm, .json, .jsonl (optionally .gz)."""

from __future__ import annotations

import gzip
import json
import os
import sys
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from ..config import Settings
from ..errors import InputError, TooLargeInput, UnreadableInput
from ..jsonl import jsonl_lines
from ..record import Article
from .text import check_article, decode_bytes

SUFFIXES = (".txt", ".text", ".html", ".htm", ".json", ".jsonl", ".ndjson")
#: Files that may hold a feed or an OPML list (read by :mod:`.sources`), or an XHTML page.
XML_SUFFIXES = (".xml", ".rss", ".atom", ".rdf", ".opml")
Result = Article | InputError  # noqa: UP040 (a plain alias keeps it usable at run time)
Maker = Callable[..., Article]


def read_bytes(path: Path, settings: Settings) -> bytes:
    """Read a file, refusing it before reading when it is over ``max_bytes``; ``.gz`` is decompressed (bounded)."""
    source = str(path)
    try:
        size = path.stat().st_size
        if size > settings.max_bytes:
            raise TooLargeInput(source, f"{size:,} bytes, over the limit of {settings.max_bytes:,} (max_bytes)")
        if path.suffix == ".gz":
            data = _read_gzip(path, settings.max_bytes + 1)
        else:
            data = path.read_bytes()
    except gzip.BadGzipFile as e:
        raise UnreadableInput(source, f"not gzip data: {e}") from e
    except (EOFError, zlib.error) as e:  # the stream ends early or is damaged
        raise UnreadableInput(source, f"truncated or corrupt gzip: {e}") from e
    except OSError as e:
        raise UnreadableInput(source, f"cannot read: {e.strerror or e}") from e
    if len(data) > settings.max_bytes:
        raise TooLargeInput(source, f"over the limit of {settings.max_bytes:,} bytes once decompressed (max_bytes)")
    return data


def _read_gzip(path: Path, limit: int) -> bytes:
    """Decompress up to ``limit`` bytes; reading on to the end makes a truncated stream raise ``EOFError``
    (a single ``read(n)`` returns what it has and only the next call notices the missing end)."""
    chunks: list[bytes] = []
    size = 0
    with gzip.open(path, "rb") as f:
        while size < limit:
            chunk = f.read(min(1 << 20, limit - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    return b"".join(chunks)


def base_suffix(path: Path) -> str:
    """The suffix that says what a file holds (``a.jsonl.gz`` → ``.jsonl``)."""
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
    return suffixes[-1] if suffixes else ""


def walk(path: Path, *, follow_symlinks: bool = False) -> Iterator[Path | InputError]:
    """The files under ``path`` that eventlens reads, sorted so runs are repeatable, and a skipped link as an error.

    A symbolic link found inside a folder may lead anywhere (``notes.txt -> /etc/passwd``), so it is skipped and
    reported unless ``follow_symlinks`` (#16); a link named on the command line is followed, as ``grep -r`` does.
    Followed folder links are entered once each, so a link cycle ends.
    """
    if not path.is_dir():
        yield path
        return
    found: list[Path] = []
    skipped: list[Path] = []
    entered = {os.path.realpath(path)}
    for folder, dirs, files in os.walk(path, followlinks=follow_symlinks):
        here = Path(folder)
        for name in list(dirs):
            child = here / name
            real = os.path.realpath(child)
            if child.is_symlink() and not follow_symlinks:
                skipped.append(child)
                dirs.remove(name)
            elif real in entered:  # a followed link back to a folder already read
                dirs.remove(name)
            else:
                entered.add(real)
        for name in files:
            child = here / name
            if child.is_symlink() and not follow_symlinks:
                skipped.append(child)
            elif child.is_file() and base_suffix(child) in SUFFIXES:
                found.append(child)
    for link in sorted(skipped):
        yield UnreadableInput(str(link), "a symbolic link inside the folder, not followed (--follow-symlinks reads it)")
    yield from sorted(found)


def iter_paths(path: Path, *, follow_symlinks: bool = False) -> Iterator[Path]:
    """The files under ``path`` that eventlens reads (see :func:`walk`; skipped links are left out silently)."""
    for item in walk(path, follow_symlinks=follow_symlinks):
        if isinstance(item, Path):
            yield item


def article_from_mapping(data: Any, source: str, defaults: dict[str, Any]) -> Article:
    """An :class:`Article` from one JSON object with ``text`` and optional id, title, published, url, source."""
    if not isinstance(data, dict):
        raise UnreadableInput(source, "expected a JSON object with a 'text' field")
    text = data.get("text")
    if not isinstance(text, str):
        raise UnreadableInput(source, "no 'text' field (a string) in this JSON object")

    def opt(key: str) -> str | None:
        value = data.get(key, defaults.get(key))
        return None if value is None else str(value)

    return Article(
        text=text,
        id=opt("id") or "",
        title=opt("title"),
        published=opt("published") or opt("date"),
        source=opt("source"),
        url=opt("url"),
    )


def read_json_text(text: str, source: str, settings: Settings, defaults: dict[str, Any]) -> Iterator[Result]:
    """Articles from a JSON document (one object or a list of objects)."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        yield UnreadableInput(source, f"not valid JSON: {e}")
        return
    except RecursionError:
        yield UnreadableInput(source, "JSON nested too deeply")
        return
    items = data if isinstance(data, list) else [data]
    for i, item in enumerate(items):
        where = f"{source}[{i}]"
        yield from checked(settings, where, article_from_mapping, item, where, defaults)


def read_jsonl_text(text: str, source: str, settings: Settings, defaults: dict[str, Any]) -> Iterator[Result]:
    """Articles from JSON Lines; a bad line is reported with its number and the rest are read."""
    for number, line in jsonl_lines(text):
        where = f"{source}:{number}"
        try:
            data = json.loads(line)
        except json.JSONDecodeError as e:
            yield UnreadableInput(where, f"line is not JSON: {e.msg}")
            continue
        except RecursionError:
            yield UnreadableInput(where, "line is JSON nested too deeply")
            continue
        yield from checked(settings, where, article_from_mapping, data, where, defaults)


def checked(settings: Settings, source: str, make: Maker, *args: Any) -> Iterator[Result]:
    """Run ``make(*args)`` and the article checks, turning an :class:`InputError` into a reported result."""
    try:
        yield check_article(make(*args), source, settings)
    except InputError as e:
        yield e


def read_text_input(
    text: str, source: str, suffix: str, settings: Settings, defaults: dict[str, Any]
) -> Iterator[Result]:
    """Articles from decoded input text, by kind (``suffix``)."""
    if suffix in (".jsonl", ".ndjson"):
        yield from read_jsonl_text(text, source, settings, defaults)
    elif suffix == ".json":
        yield from read_json_text(text, source, settings, defaults)
    elif suffix in (".html", ".htm"):
        from .html import article_from_html

        yield from checked(settings, source, article_from_html, text, source, defaults)
    else:
        # Plain text is kept byte for byte: offsets must index what the user gave.
        yield from checked(settings, source, _plain_article, text, defaults)


def _plain_article(text: str, defaults: dict[str, Any]) -> Article:
    keys = ("id", "title", "published", "source", "url")
    return Article(text=text, **{k: defaults[k] for k in keys if defaults.get(k) is not None})


def read_path(path: Path, settings: Settings, defaults: dict[str, Any] | None = None) -> Iterator[Result]:
    """Every article in a file or folder; unreadable inputs are yielded as :class:`InputError`."""
    defaults = dict(defaults or {})
    if not path.exists():
        yield UnreadableInput(str(path), "no such file or folder")
        return
    for file in walk(path, follow_symlinks=settings.follow_symlinks):
        if isinstance(file, InputError):
            yield file
            continue
        source = str(file)
        try:
            text, suffix = _file_text(file, source, settings)
        except InputError as e:
            yield e
            continue
        file_defaults = dict(defaults)
        file_defaults.setdefault("source", file.name)
        yield from _not_empty(read_text_input(text, source, suffix, settings, file_defaults), source)


def _file_text(file: Path, source: str, settings: Settings) -> tuple[str, str]:
    """A file's decoded text and the kind it is read as (its bytes are not kept while its articles are read)."""
    suffix = base_suffix(file)
    data = read_bytes(file, settings)
    if suffix in XML_SUFFIXES:
        suffix = _xml_kind(data, source)
    return decode_bytes(data, source), suffix


def _xml_kind(data: bytes, source: str) -> str:
    """How to read an .xml/.rss/.atom/.opml file here: a page or text is read; a feed or OPML list is refused
    (hostile XML with its own reason), since reading one means fetching its entries (:mod:`.sources` does that)."""
    from .feeds import check_xml, sniff

    kind = sniff(data, "", source)
    if kind in ("feed", "opml"):
        check_xml(data, source)
        what = "an RSS/Atom feed" if kind == "feed" else "an OPML list of feeds"
        raise UnreadableInput(source, f"{what}: feeds are read by `eventlens ingest` (they fetch their entries)")
    return {"html": ".html", "json": ".json", "jsonl": ".jsonl"}.get(kind, ".txt")


def _not_empty(results: Iterator[Result], source: str) -> Iterator[Result]:
    """Pass results on; an input that yields nothing at all (an empty JSONL file) is reported, not silently lost."""
    empty = True
    for result in results:
        empty = False
        yield result
    if empty:
        yield UnreadableInput(source, "empty: no articles in it")


def read_stdin(settings: Settings, defaults: dict[str, Any] | None = None, *, kind: str = ".txt") -> Iterator[Result]:
    """Articles from standard input (plain text unless ``kind`` says otherwise)."""
    data = sys.stdin.buffer.read(settings.max_bytes + 1)
    if len(data) > settings.max_bytes:
        yield TooLargeInput("-", f"standard input is over the limit of {settings.max_bytes:,} bytes (max_bytes)")
        return
    try:
        text = decode_bytes(data, "-")
    except InputError as e:
        yield e
        return
    yield from _not_empty(read_text_input(text, "-", kind, settings, dict(defaults or {})), "-")
