"""Speakers resolved through pronouns, continuation paragraphs, and reporters quoting others."""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc, Token

from eventlens.extract import Extractor
from eventlens.record import ActorRef, ArticleRecord, Quote


def _quote(record: ArticleRecord, text: str) -> Quote:
    hits = [q for q in record.quotes if text in q.text]
    assert hits, f"no quote with {text!r} in {[q.text for q in record.quotes]}"
    return hits[0]


def _name(q: Quote) -> str:
    assert q.speaker is not None, f"no speaker for {q.text!r}"
    return q.speaker.name or ""


def test_he_said_points_to_the_person_the_paragraph_is_about(analyse: Any) -> None:
    record = analyse(
        "Ukrainian President Volodymyr Zelenskyy met Antony Blinken in Kyiv.\n\n"
        "Zelenskyy thanked Blinken for the aid.\n\n"
        "“This support speaks to our strategic plans,” he said."
    )
    q = _quote(record, "This support speaks")
    assert "Zelenskyy" in _name(q)
    assert q.speaker is not None and q.speaker.text == "he"  # the words that name the speaker here
    assert record.article.text[q.speaker.start : q.speaker.end] == "he"


def test_an_uncued_paragraph_after_a_quote_is_the_same_speaker(analyse: Any) -> None:
    record = analyse(
        "“Our strength depends on our unity,” Antony Blinken told Zelenskyy.\n\n"
        "“We cannot and will not let them divide us.”\n\n"
        "The talks continue on Friday."
    )
    assert "Blinken" in _name(_quote(record, "We cannot and will not"))


def test_a_quote_running_over_paragraphs_keeps_its_speaker(analyse: Any) -> None:
    record = analyse(
        "Antony Blinken said: “We are united with our allies.\n\n"
        "“And we will respond to any aggression with force and resolve.”\n"
    )
    assert "Blinken" in _name(_quote(record, "We are united"))
    assert "Blinken" in _name(_quote(record, "And we will respond"))


def test_a_reporter_quoting_locals_is_the_speaker(analyse: Any) -> None:
    record = analyse(
        "Al Jazeera’s Hoda Abdel Hamid, reporting from Kyiv, said the locals she spoke to were "
        "“quite blase about the idea that a military escalation could happen anytime soon”."
    )
    assert "Abdel Hamid" in _name(_quote(record, "quite blase"))


def test_narration_between_quotes_stops_the_continuation(analyse: Any) -> None:
    record = analyse(
        "“We will win,” Olaf Scholz said. The chancellor later flew to Paris for two days of talks with the "
        "French government and business leaders. “Nobody knows what comes next in this long and painful war.”"
    )
    late = _quote(record, "Nobody knows")
    assert late.speaker is None or "Scholz" not in (late.speaker.name or "")


def _fake_actor_layer(codes: dict[str, tuple[str, str | None]]) -> Any:
    """A stand-in for actors.actor_ref_for_token that knows a few words' codes."""

    def actor_ref_for_token(doc: Doc, token: Token) -> ActorRef | None:
        if token.text not in codes:
            return None
        code, sector = codes[token.text]
        return ActorRef(name=token.text, code=code, sector=sector, text=token.text, start=token.idx,
                        end=token.idx + len(token.text))  # fmt: skip

    return actor_ref_for_token


def test_speakers_are_resolved_through_the_actors_layer(extractor: Extractor, monkeypatch: Any) -> None:
    from eventlens.extract.quotes import speakers

    fake = _fake_actor_layer({"diplomat": ("RUS", "GOV"), "Zelenskyy": ("UKR", "GOV")})
    monkeypatch.setattr(speakers, "actor_ref_for_token", fake)
    doc = extractor.nlp(
        "A top Russian diplomat said Moscow would not back down.\n\n"
        "President Volodymyr Zelenskyy thanked the allies.\n\n"
        "“Your support matters,” he said."
    )
    quotes = {q.text: q for q in doc._.quotes}
    nominal = quotes["Moscow would not back down"].speaker
    assert nominal is not None and (nominal.code, nominal.sector) == ("RUS", "GOV")
    pronoun = quotes["Your support matters,"].speaker
    assert pronoun is not None and pronoun.code == "UKR" and pronoun.text == "he"
