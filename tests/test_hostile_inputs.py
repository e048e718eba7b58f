"""Hostile inputs through ``extract`` and ``ingest`` (#16): one bad article costs only itself, whatever it holds.

- a lone surrogate (``"\\ud800"`` in JSON) in an id, title or text is refused with its reason; the rest go on;
- raw U+2028, U+2029 and U+0085 inside JSON strings are valid JSON Lines: no line is lost or misnumbered;
- one id rule: ids the web could not show (``a/b``, spaces, 300 characters) are refused where they come in;
- symbolic links inside an input folder are skipped and reported unless ``--follow-symlinks``.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from eventlens.analyse import ingest_flow
from eventlens.cli import app
from eventlens.extract import Extractor
from eventlens.jsonl import jsonl_lines
from eventlens.record import ID_PATTERN, Article, article_id_problem
from eventlens.store import Store

GOOD = "Russian troops massed near the border with Ukraine on Tuesday, officials in Kyiv said."
GOOD2 = "NATO foreign ministers met in Brussels on Friday to discuss the crisis, diplomats said."
GOOD3 = "France called for urgent talks with Moscow on Monday, the foreign ministry in Paris said."
#: Line breaks for str.splitlines() that JSON lets stand raw inside a string (the text checks would count the
#: C0 ones in a short text as binary data, so texts get only the others).
RAW_BREAKS = "\u2028\u2029\u0085\x1c\x1d\x1e"
TEXT_BREAKS = "\u2028\u2029\u0085"


@pytest.fixture
def run(extractor: Extractor, monkeypatch: pytest.MonkeyPatch) -> Callable[..., Any]:
    """``run("extract"|"ingest", *args)`` in this process, with the session's pipeline."""
    monkeypatch.setattr("eventlens.extract.Extractor", lambda settings: extractor)

    def extract(articles: Iterable[Article], settings: object, workers: int) -> Iterator[object]:
        yield from extractor.pipe(articles)

    monkeypatch.setattr(ingest_flow, "_extract", extract)

    def invoke(command: str, *args: str) -> Any:
        return CliRunner().invoke(app, [command, "--workers", "1", *args])

    return invoke


def records(stdout: str) -> list[dict[str, Any]]:
    # "\n" only: a record may hold U+2028 raw, which str.splitlines() would cut.
    return [json.loads(line) for line in stdout.split("\n") if line.strip()]


def stored_ids(db: Path) -> set[str]:
    with Store(db, read_only=True) as store:
        return set(store.ids())


def write_jsonl(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


#: The second line of a dump, with a lone surrogate (a JSON \\u escape, as a broken encoder writes it) in a field.
SURROGATES = {
    "title": f'{{"id": "a2", "title": "bad \\ud800 title", "text": "{GOOD2}"}}',
    "id": f'{{"id": "a\\udfff2", "text": "{GOOD2}"}}',
    "text": f'{{"id": "a2", "text": "{GOOD2} \\ud83d after."}}',
}


@pytest.mark.parametrize("field", list(SURROGATES))
@pytest.mark.parametrize("command", ["extract", "ingest"])
def test_hostile_lone_surrogate_refuses_that_article_only(
    run: Callable[..., Any], tmp_path: Path, field: str, command: str
) -> None:
    dump = write_jsonl(
        tmp_path / "dump.jsonl",
        [json.dumps({"id": "a1", "text": GOOD}), SURROGATES[field], json.dumps({"id": "a3", "text": GOOD3})],
    )
    db = tmp_path / "db.duckdb"
    args = [str(dump), "--db", str(db)] if command == "ingest" else [str(dump)]
    result = run(command, *args)
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output and "UnicodeEncodeError" not in result.output
    assert f"{dump}:2: {field} holds a lone surrogate" in result.stderr
    if command == "extract":
        assert [r["article"]["id"] for r in records(result.stdout)] == ["a1", "a3"]
    else:
        assert stored_ids(db) == {"a1", "a3"}
        check = CliRunner().invoke(app, ["check", "--db", str(db)])
        assert check.exit_code == 0, check.output


@pytest.mark.parametrize("command", ["extract", "ingest"])
def test_hostile_raw_line_separators_inside_strings_lose_no_line(
    run: Callable[..., Any], tmp_path: Path, command: str
) -> None:
    texts = [f"{GOOD}{TEXT_BREAKS}{GOOD3}", GOOD2, f"{GOOD3}\u2028{GOOD}"]
    lines = [
        json.dumps({"id": f"a{i}", "title": f"T{RAW_BREAKS}", "text": t}, ensure_ascii=False)
        for i, t in enumerate(texts)
    ]
    lines.insert(2, "{not json")  # a really bad line keeps its real number
    dump = write_jsonl(tmp_path / "dump.jsonl", lines)
    assert len(dump.read_text(encoding="utf-8").splitlines()) > len(lines)  # what used to be split
    db = tmp_path / "db.duckdb"
    result = run(command, str(dump), *(["--db", str(db)] if command == "ingest" else []))
    assert f"{dump}:3: line is not JSON" in result.stderr
    assert result.stderr.count("skipped") == 1, result.stderr
    if command == "extract":
        assert [r["article"]["text"] for r in records(result.stdout)] == texts
    else:
        assert stored_ids(db) == {"a0", "a1", "a2"}


def test_hostile_jsonl_lines_split_on_newline_only() -> None:
    text = "\n".join(json.dumps({"n": i, "s": f"x{RAW_BREAKS}y"}, ensure_ascii=False) for i in range(3)) + "\r\n\n"
    assert [(number, json.loads(line)["n"]) for number, line in jsonl_lines(text)] == [(1, 0), (2, 1), (3, 2)]


BAD_IDS = {
    "a/b": "U+002F at character 2",
    "with space": "U+0020 at character 5",
    "x" * 300: "300 characters",
    "..": "U+002E at character 1",
    "": "empty",
    "é1": "U+00E9 at character 1",
}


@pytest.mark.parametrize("bad", list(BAD_IDS))
def test_hostile_id_rule_names_the_problem(bad: str) -> None:
    problem = article_id_problem(bad)
    assert problem is not None and BAD_IDS[bad] in problem


@pytest.mark.parametrize("good", ["a1", "0f3a9c", "voa:2022-01-19.001", "A_b-c", "x" * 120])
def test_hostile_id_rule_takes_ids_the_web_shows(good: str) -> None:
    import re

    assert article_id_problem(good) is None and re.match(ID_PATTERN, good)
    assert re.match(ID_PATTERN, "s" + good)  # the story made from the article is reachable too


@pytest.mark.parametrize("bad", [b for b in BAD_IDS if b])  # an empty id means "none": the text's hash
@pytest.mark.parametrize("command", ["extract", "ingest"])
def test_hostile_ids_the_web_cannot_show_are_refused_at_ingest(
    run: Callable[..., Any], tmp_path: Path, bad: str, command: str
) -> None:
    dump = write_jsonl(
        tmp_path / "dump.jsonl",
        [json.dumps({"id": "a1", "text": GOOD}), json.dumps({"id": bad, "text": GOOD2}), json.dumps({"text": GOOD3})],
    )
    db = tmp_path / "db.duckdb"
    result = run(command, str(dump), *(["--db", str(db)] if command == "ingest" else []))
    assert result.exit_code == 1
    assert f"{dump}:2: the id has" in result.stderr and BAD_IDS[bad] in result.stderr
    if command == "ingest":
        ids = stored_ids(db)
        assert "a1" in ids and len(ids) == 2 and bad not in ids


@pytest.fixture
def folder_with_links(tmp_path: Path) -> tuple[Path, Path]:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text(GOOD3, encoding="utf-8")
    (outside / "more").mkdir()
    (outside / "more" / "deep.txt").write_text(GOOD2, encoding="utf-8")
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    os.symlink(outside / "secret.txt", folder / "notes.txt")
    os.symlink(outside / "more", folder / "linked")
    os.symlink(folder, folder / "loop")  # a cycle, for --follow-symlinks
    return folder, outside


@pytest.mark.parametrize("command", ["extract", "ingest"])
def test_hostile_folder_symlinks_are_not_followed_unless_asked(
    run: Callable[..., Any], tmp_path: Path, folder_with_links: tuple[Path, Path], command: str
) -> None:
    folder, _ = folder_with_links
    db = tmp_path / "db.duckdb"
    result = run(command, str(folder), *(["--db", str(db)] if command == "ingest" else []))
    assert result.exit_code == 1
    for link in ("notes.txt", "linked", "loop"):
        assert f"{folder / link}: a symbolic link inside the folder, not followed" in result.stderr
    texts = [r["article"]["text"] for r in records(result.stdout)] if command == "extract" else None
    if command == "extract":
        assert texts == [GOOD]
    else:
        with Store(db, read_only=True) as store:
            assert [store.record(i).article.text for i in store.ids()] == [GOOD]  # type: ignore[union-attr]


def test_hostile_folder_symlinks_followed_when_asked(
    run: Callable[..., Any], folder_with_links: tuple[Path, Path]
) -> None:
    folder, _ = folder_with_links
    result = run("extract", str(folder), "--follow-symlinks")
    assert result.exit_code == 0, result.output
    assert sorted(r["article"]["text"] for r in records(result.stdout)) == sorted([GOOD, GOOD2, GOOD3])


def test_hostile_a_link_named_on_the_command_line_is_read(
    run: Callable[..., Any], folder_with_links: tuple[Path, Path]
) -> None:
    folder, _ = folder_with_links
    result = run("extract", str(folder / "notes.txt"))
    assert result.exit_code == 0 and [r["article"]["text"] for r in records(result.stdout)] == [GOOD3]
