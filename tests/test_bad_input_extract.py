"""Bad input through ``eventlens extract``: each is reported in one line naming it, and the rest of the batch goes on.

Every case runs ``eventlens extract good.txt BAD good2.txt``: exit 1, two records on stdout, one line on stderr that
names BAD and says why. Memory and time stay bounded because refusals happen before parsing (size, encoding) or
inside the parsers' own limits (lxml's depth limit, the sentence-length check).
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from eventlens.cli import app
from eventlens.extract import Extractor

WEB = Path(__file__).parent / "fixtures" / "web"
GOOD = "Russian troops massed near the border with Ukraine on Tuesday, officials in Kyiv said.\n"
GOOD2 = "NATO foreign ministers met in Brussels on Friday to discuss the crisis, diplomats said.\n"
FRENCH = "Le ministre a rencontré vendredi à Genève son homologue russe pour discuter de la crise ukrainienne."
RUSSIAN = "Министр иностранных дел встретился в пятницу в Женеве с российским коллегой для обсуждения кризиса."
CHINESE = "外交部长星期五在日内瓦会见了俄罗斯同行，讨论乌克兰危机。双方同意继续对话。"
ARABIC = "التقى وزير الخارجية يوم الجمعة في جنيف بنظيره الروسي لمناقشة الأزمة الأوكرانية."


def gz(data: bytes) -> bytes:
    return gzip.compress(data)


def half(data: bytes) -> bytes:
    return data[: len(data) // 2]


#: name → (file content, what the reason must say)
CASES: dict[str, tuple[Callable[[], bytes], str]] = {
    "empty.txt": (lambda: b"", "empty text"),
    "blank.txt": (lambda: b"  \n\t\n  ", "empty text"),
    "image.bin": (lambda: b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8, "binary data"),
    "controls.txt": (lambda: b"\x01\x02\x03\x04 some words " * 200, "binary data (control characters)"),
    "truncated.txt.gz": (lambda: half(gz(GOOD.encode() * 200)), "truncated or corrupt gzip"),
    "fake.txt.gz": (lambda: b"this was never gzip", "not gzip data"),
    "latin1.txt": (lambda: "Café talks in Genève ended.".encode("latin-1"), "not valid UTF-8 at byte 3"),
    "mixed.txt": (lambda: "Naïve talks — ".encode() + "in Genève".encode("latin-1"), "mixed encodings"),
    "huge.html": (lambda: b"<html><body>" + b"<p>filler</p>" * 4_000_000, "over the limit of 10,000,000"),
    "nested.html": (lambda: b"<html><body>" + b"<div>" * 100_000 + GOOD.encode() + b"</div>" * 100_000, "nested"),
    "sentence_1mb.txt": (lambda: b"and the troops moved " * 50_000, "over the limit of 300,000 (max_chars)"),
    "sentence_100k.txt": (lambda: b"and the troops moved " * 5_000, "no sentence break"),
    "deep.json": (lambda: b"[" * 100_000 + b"]" * 100_000, "JSON nested too deeply"),
    "object.json": (lambda: b'{"title": "no text here"}', "no 'text' field"),
    "french.txt": (lambda: FRENCH.encode(), "language 'fr'"),
    "russian.txt": (lambda: RUSSIAN.encode(), "language 'ru'"),
    "chinese.txt": (lambda: CHINESE.encode(), "language 'zh'"),
    "arabic.txt": (lambda: ARABIC.encode(), "language 'ar'"),
    "empty.jsonl": (lambda: b"\n\n", "empty: no articles"),
    "bomb.rss": (lambda: (WEB / "bomb.rss").read_bytes(), "refused: the XML declares entities"),
    "xxe.rss": (lambda: (WEB / "xxe.rss").read_bytes(), "refused: the XML declares entities"),
    "feed.rss": (lambda: (WEB / "feed.rss").read_bytes(), "feeds are read by `eventlens ingest`"),
    "self.opml": (lambda: (WEB / "self.opml").read_bytes(), "an OPML list of feeds"),
}


@pytest.fixture
def run_extract(extractor: Extractor, monkeypatch: pytest.MonkeyPatch) -> Callable[..., Any]:
    """``run_extract(*args)`` → click's Result, in this process (``--workers 1``) with the session's pipeline
    instead of loading a new one (wherever the command looks ``Extractor`` up)."""
    monkeypatch.setattr("eventlens.extract.Extractor", lambda settings: extractor)
    monkeypatch.setattr("eventlens.commands.extract.Extractor", lambda settings: extractor, raising=False)

    def run(*args: str) -> Any:
        return CliRunner().invoke(app, ["extract", "--workers", "1", *args])

    return run


def batch(tmp_path: Path, name: str, content: bytes) -> list[str]:
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "good2.txt").write_text(GOOD2, encoding="utf-8")
    (tmp_path / name).write_bytes(content)
    return [str(tmp_path / "good.txt"), str(tmp_path / name), str(tmp_path / "good2.txt")]


@pytest.mark.parametrize("name", list(CASES))
def test_bad_input_is_reported_and_the_batch_goes_on(
    run_extract: Callable[..., Any], tmp_path: Path, name: str
) -> None:
    make, reason = CASES[name]
    result = run_extract(*batch(tmp_path, name, make()))
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["article"]["text"] for r in records] == [GOOD, GOOD2]
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert str(tmp_path / name) in lines[0] and reason in lines[0]


def test_missing_file_is_named(run_extract: Callable[..., Any], tmp_path: Path) -> None:
    files = batch(tmp_path, "present.txt", GOOD.encode())
    result = run_extract(files[0], str(tmp_path / "nowhere.txt"), files[2])
    assert result.exit_code == 1 and len(result.stdout.splitlines()) == 2
    assert f"{tmp_path / 'nowhere.txt'}: no such file or folder" in result.stderr


def test_jsonl_bad_lines_are_reported_by_line_number(run_extract: Callable[..., Any], tmp_path: Path) -> None:
    dump = tmp_path / "dump.jsonl"
    lines = ["{not json", json.dumps({"title": "no text"}), json.dumps({"text": 42}), json.dumps({"text": GOOD})]
    dump.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run_extract(str(dump))
    assert [json.loads(r)["article"]["text"] for r in result.stdout.splitlines()] == [GOOD]
    assert result.exit_code == 1
    reasons = result.stderr.strip().splitlines()
    assert len(reasons) == 3
    assert f"{dump}:1: line is not JSON" in reasons[0]
    assert f"{dump}:2: no 'text' field" in reasons[1] and f"{dump}:3: no 'text' field" in reasons[2]


def test_everything_bad_exits_126(run_extract: Callable[..., Any], tmp_path: Path) -> None:
    (tmp_path / "a.bin").write_bytes(b"\x00" * 100)
    (tmp_path / "b.txt").write_bytes(b"")
    result = run_extract(str(tmp_path / "a.bin"), str(tmp_path / "b.txt"))
    assert result.exit_code == 126 and result.stdout == ""


@pytest.mark.parametrize(
    ("text", "published"),
    [
        ("The ministers will meet again on December 31, 9999, in Geneva, officials said.", "2022-01-19"),
        ("Russia and Ukraine will hold talks next Friday in Geneva, officials said.", "9999-12-30"),
        ("The treaty of 9999 was signed by Russia and Ukraine in Geneva on Monday.", "9999-12-31"),
    ],
)
def test_year_9999_goes_through(run_extract: Callable[..., Any], tmp_path: Path, text: str, published: str) -> None:
    path = tmp_path / "future.txt"
    path.write_text(text, encoding="utf-8")
    result = run_extract(str(path), "--published", published)
    assert result.exit_code == 0, result.stderr
    (record,) = [json.loads(line) for line in result.stdout.splitlines()]
    for item in record["dates"]:
        assert text[item["start"] : item["end"]] == item["text"]
