"""Seed gate for actors: every hand-coded actor of the seed article is found with its country."""

from __future__ import annotations

from typing import Any

from eventlens.record import ArticleRecord


def test_seed_actors_all_resolved(seed_scores: dict[str, float]) -> None:
    assert seed_scores["actors"] == 1.0


def test_seed_actor_details(seed_record: ArticleRecord, seed_gold: dict[str, Any]) -> None:
    by_surname = {g["surname"]: g for g in seed_gold["actors"]}
    for surname, gold in by_surname.items():
        found = [a for a in seed_record.actors if surname in a.name]
        assert found, surname
        assert (found[0].code, found[0].sector) == (gold["code"], gold["sector"]), surname
    text = seed_record.article.text
    for actor in seed_record.actors:
        for mention in actor.mentions:
            assert text[mention.start : mention.end] == mention.text
