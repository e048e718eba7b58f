"""`eventlens eval` on hand-coded articles (docs/gold-format.md): the format is validated with every problem named,
events are matched one to one, and the figures count what a researcher expects them to count."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from eventlens.cli import app
from eventlens.commands import eval as eval_command
from eventlens.errors import InputError
from eventlens.evaluation.articles import match_article, score_articles, sentence_around
from eventlens.evaluation.gold import load, parse, validate
from eventlens.extract import Extractor

TEXT = (
    "Valdorian troops shelled the border town of Mirek on Tuesday, killing 12 civilians. "
    "The Kestrian foreign ministry condemned the shelling. "
    "Valdoria's president said he would meet the Kestrian prime minister next week."
)


def span(text: str, words: str, after: int = 0) -> dict[str, Any]:
    start = TEXT.index(words, after)
    return {"text": words, "start": start, "end": start + len(words)}


def party(words: str, code: str | None, sector: str | None = None) -> dict[str, Any]:
    return {**span(TEXT, words), "code": code, "sector": sector}


def gold_event(etype: str, trigger: str, actor: dict[str, Any] | None, recipient: dict[str, Any] | None,
               factuality: str = "asserted", **extra: Any) -> dict[str, Any]:  # fmt: skip
    return {"type": etype, "mode": extra.pop("mode", None), "trigger": span(TEXT, trigger), "actor": actor,
            "recipient": recipient, "factuality": factuality, "historical": False, **extra}  # fmt: skip


GOLD = {
    "article": {"id": "art-1", "published": "2031-03-07", "title": "Shelling", "text": TEXT},
    "annotator": "test",
    "events": [
        gold_event("ASSAULT", "shelled", party("Valdorian troops", "VAL", "MIL"), party("civilians", "KES", "CVL")),
        gold_event("ACCUSE", "condemned", party("The Kestrian foreign ministry", "KES", "GOV"), None),
        gold_event(
            "CONSULT",
            "meet",
            party("Valdoria's president", "VAL", "GOV"),
            party("the Kestrian prime minister", "KES", "GOV"),
            "future",
            debatable=True,
        ),  # fmt: skip
    ],
}


def predicted(etype: str, trigger: str, actor: str | None, recipient: str | None, factuality: str = "asserted",
              sentence: tuple[int, int] = (0, len(TEXT))) -> dict[str, Any]:  # fmt: skip
    return {"type": etype, "trigger": span(TEXT, trigger), "factuality": factuality, "historical": False,
            "actor": {"code": actor} if actor else None, "recipient": {"code": recipient} if recipient else None,
            "sentence": {"start": sentence[0], "end": sentence[1]}}  # fmt: skip


def test_validate_names_every_problem_with_its_place() -> None:
    bad = json.loads(json.dumps(GOLD))
    bad["events"][0]["trigger"]["end"] += 1
    bad["events"][1]["type"] = "CONDEMN"
    bad["events"][2]["actor"]["sector"] = "ARMY"
    problems = validate(bad, "g.jsonl:1")
    assert len(problems) == 3
    assert problems[0].startswith("g.jsonl:1.events[0].trigger: text[")
    assert "events[1].type: 'CONDEMN' is not a PLOVER 2.0 type" in problems[1]
    assert "events[2].actor.sector" in problems[2]
    assert validate(GOLD) == []


def test_load_refuses_a_file_with_problems_and_lists_them(tmp_path: Path) -> None:
    bad = json.loads(json.dumps(GOLD))
    bad["events"][0]["factuality"] = "maybe"
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps(GOLD) + "\n" + json.dumps(bad) + "\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"(?s)1 problem\(s\).*gold.jsonl:2.events\[0\].factuality"):
        load(path)


def test_load_reads_a_folder_of_indented_files(tmp_path: Path) -> None:
    (tmp_path / "art-1.json").write_text(json.dumps(GOLD, indent=2), encoding="utf-8")
    [article] = load(tmp_path)
    assert article.id == "art-1" and [e.type for e in article.events] == ["ASSAULT", "ACCUSE", "CONSULT"]


def test_matching_is_one_to_one_and_prefers_overlapping_triggers() -> None:
    article = parse(GOLD)
    first_sentence = (0, TEXT.index("The Kestrian"))
    events = [
        predicted("ASSAULT", "shelled", "VAL", "KES", sentence=first_sentence),
        predicted("ASSAULT", "killing", "VAL", None, sentence=first_sentence),  # a second event for one gold event
        predicted("ACCUSE", "condemned", "KES", None),
    ]
    matches = match_article(article, events)
    matched = [(m.gold.type if m.gold else None, m.predicted["trigger"]["text"] if m.predicted else None)
               for m in matches]  # fmt: skip
    assert ("ASSAULT", "shelled") in matched and ("ACCUSE", "condemned") in matched
    assert (None, "killing") in matched and ("CONSULT", None) in matched


def test_figures_count_type_whole_event_fields_and_null_parties() -> None:
    article = parse(GOLD)
    events = [
        predicted("ASSAULT", "shelled", "VAL", None),  # right type, recipient left null
        predicted("ACCUSE", "condemned", "KES", None),  # wholly right
        predicted("CONSULT", "meet", "KES", "VAL", "future"),  # symmetric: either way round is right
        predicted("PROTEST", "killing", None, None),  # spurious
    ]
    figures = score_articles([article], [{"events": events}])
    assert figures["type"] == {"precision": 0.75, "recall": 1.0, "f1": 0.8571}
    assert figures["whole_event"]["precision"] == 0.5 and figures["whole_event"]["recall"] == 0.6667
    assert figures["fields"]["recipient"] == 0.6667 and figures["fields"]["actor"] == 1.0
    assert figures["named_party_null"] == 0.2  # one of the five coded, named parties
    assert figures["firm"]["gold_events"] == 2  # without the debatable meeting
    assert figures["per_type"]["PROTEST"] == {"precision": 0.0, "recall": 0.0, "f1": 0.0, "support": 0}


@pytest.mark.parametrize(
    ("magnitude", "agrees"),
    [
        ({"dead": 12.0, "injured": None, "arrested": None, "troops": None, "money_usd": None}, True),
        ({"dead": 12}, True),
        ({"dead": None}, False),  # the number the text gives, left out
        ({"dead": 11}, False),
        ({"dead": 12, "arrested": 3}, False),  # a number the gold does not give
    ],
)
def test_magnitude_agrees_when_both_sides_give_the_same_numbers(magnitude: dict[str, Any], agrees: bool) -> None:
    gold = json.loads(json.dumps(GOLD))
    gold["events"][0]["magnitude"] = {"dead": 12, "injured": None}
    event = {**predicted("ASSAULT", "shelled", "VAL", "KES"), "magnitude": magnitude}
    [match] = [m for m in match_article(parse(gold), [event]) if m.predicted]
    assert match.fields["magnitude"] is agrees
    # an event without numbers on either side agrees
    [accuse] = [m for m in match_article(parse(GOLD), [predicted("ACCUSE", "condemned", "KES", None)]) if m.predicted]
    assert accuse.fields["magnitude"] is True


def test_an_article_without_a_record_counts_all_its_gold_events_as_missed() -> None:
    figures = score_articles([parse(GOLD)], [None])
    assert figures["type"]["recall"] == 0.0 and figures["predicted_events"] == 0


def test_sentence_around_finds_the_sentence_of_a_span() -> None:
    start = TEXT.index("condemned")
    assert sentence_around(TEXT, start, start + 9) == "The Kestrian foreign ministry condemned the shelling."


@pytest.fixture
def gold_file(tmp_path: Path) -> Path:
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps(GOLD) + "\n", encoding="utf-8")
    return path


def test_eval_scores_another_tools_records_and_shows_errors(gold_file: Path, tmp_path: Path) -> None:
    records = tmp_path / "records.jsonl"
    record = {"article": {"id": "art-1", "text": TEXT}, "events": [predicted("PROTEST", "shelled", None, None)]}
    records.write_text(json.dumps(record) + "\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["eval", str(gold_file), "--records", str(records), "--json", "--show-errors"])
    assert result.exit_code == 0, result.output
    figures = json.loads(result.stdout)
    assert figures["type"]["precision"] == 0.0 and figures["gold_events"] == 3
    kinds = sorted(e["kind"] for e in figures["errors"])
    assert kinds == ["missed", "missed", "wrong"]
    wrong = next(e for e in figures["errors"] if e["kind"] == "wrong")
    assert wrong["sentence"].startswith("Valdorian troops shelled") and "PROTEST" in wrong["predicted"]


def test_eval_extracts_the_gold_articles_and_prints_a_table(
    gold_file: Path, extractor: Extractor, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(eval_command, "make_extractor", lambda settings: extractor)
    result = CliRunner().invoke(app, ["eval", str(gold_file)])
    assert result.exit_code == 0, result.output
    assert "whole_event precision" in result.stdout and "named party left null" in result.stdout


def test_eval_refuses_gold_with_problems(tmp_path: Path) -> None:
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps({"article": {"id": "x", "text": "t"}, "events": [{}]}) + "\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["eval", str(path)])
    assert result.exit_code == 1
    assert "problem(s) in the gold" in result.stderr and "events[0].type" in result.stderr
