"""Stories: articles about one happening grouped as they arrive, with a label a person can read (#5)."""

from __future__ import annotations

from pathlib import Path

from eventlens.analyse.ingest_flow import IngestFlow
from eventlens.analyse.stories import keywords, label, profile
from eventlens.store import Store
from tests.support.store import WIRE_EVENTS, edited_copies, make_record, wire_record

FOLLOW_UP = (
    "KHARKIV — Rescue workers in Kharkiv searched the rubble on Wednesday after Russian shelling killed at least 12 "
    "civilians, Ukrainian officials said. Ukraine accused Russia of targeting homes; Moscow said its forces struck "
    "military sites. Washington said more humanitarian aid for Ukraine was on its way and new sanctions against "
    "Russian banks took effect. France again called for talks with Moscow as NATO ministers prepared to meet."
)
LATER = (
    "KHARKIV — Russian artillery hit Kharkiv again on Sunday, Ukrainian officials said, killing at least 12 "
    "civilians in a northern district. Ukraine accused Russia of war crimes, Washington widened its sanctions and "
    "promised more humanitarian aid, and France called once more for talks with Moscow."
)
UNRELATED = (
    "NAIROBI — Kenya's central bank held its main lending rate steady on Wednesday, citing easing inflation and a "
    "stronger shilling. Analysts had expected the decision after food prices fell for a third month in a row, and "
    "said the bank was likely to cut rates later in the year if the trend continued."
)


def test_stories_follow_up_joins_and_unrelated_starts_its_own(tmp_path: Path) -> None:
    with Store(tmp_path / "db.duckdb") as store:
        flow = IngestFlow(store)
        first = flow.add(wire_record())
        follow = flow.add(make_record(FOLLOW_UP, published="2022-03-02", events=WIRE_EVENTS))
        other = flow.add(make_record(UNRELATED, published="2022-03-02", title="Kenya holds rates"))
        late = flow.add(make_record(LATER, published="2022-03-20", events=WIRE_EVENTS))
    assert follow.story_id == first.story_id
    assert other.story_id != first.story_id
    assert late.story_id != first.story_id  # outside the time window: another happening


def test_stories_copies_join_their_originals_story(tmp_path: Path) -> None:
    with Store(tmp_path / "db.duckdb") as store:
        flow = IngestFlow(store)
        first = flow.add(wire_record())
        assert {flow.add(c).story_id for c in edited_copies()} == {first.story_id}


def test_stories_label_names_dyad_type_and_place() -> None:
    assert label(profile(wire_record()), "Wire story") == "Russia → Ukraine · ASSAULT · Kharkiv"


def test_stories_label_falls_back_to_the_headline() -> None:
    record = make_record(UNRELATED, title="Kenya holds rates")
    assert label(profile(record), "Kenya holds rates") == "Kenya holds rates"


def test_stories_keywords_skip_stop_words() -> None:
    words = keywords(FOLLOW_UP)
    assert {"kharkiv", "shelling", "civilians"} <= words
    assert not words & {"said", "with", "their"}
