"""Synthetic but well-formed databases for benchmarks: a million events without a million real articles.

Every article is text made of sentences such as ``"Russia threatened Ukraine in Kyiv."``; each sentence is one event
whose trigger, actor, recipient, place and sentence offsets index that text, as extraction would make them. Records
are built with the record contract's dataclasses and laid out by the store's own :func:`record_rows`, so the
synthetic database has exactly the real schema; rows go in through Arrow in bulk (adding them one by one through
the ingest flow would take hours for a million events). What the ingest flow adds to an article is made the same
way it makes it (#16): the MinHash signature (:func:`eventlens.analyse.dedup.signature`), the story profile, the
row counts; a copy joins its original's story and is counted in ``n_copies``. So the database passes
``eventlens check`` and benchmarks measure a store the product would write. Ids start with ``syn`` so synthetic
articles can never be mistaken for real ones.

Nothing here is used by the real pipeline or shipped as data: it runs only when a benchmark asks for it.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa

from eventlens.analyse import stories as story_profiles
from eventlens.analyse.dedup import signature, to_bytes
from eventlens.record import (
    Actor,
    ActorRef,
    Article,
    ArticleRecord,
    DateValue,
    Event,
    Magnitude,
    Mention,
    Place,
    Quote,
    Span,
    as_factuality,
    as_plover_type,
    as_quad,
)
from eventlens.store import Store
from eventlens.store.rows import COLUMNS, record_rows

#: (code, name, sector): states and organisations that dyads are made of.
ACTORS: tuple[tuple[str, str, str | None], ...] = (
    ("USA", "the United States", "GOV"), ("RUS", "Russia", "GOV"), ("UKR", "Ukraine", "GOV"),
    ("CHN", "China", "GOV"), ("FRA", "France", "GOV"), ("DEU", "Germany", "GOV"), ("GBR", "Britain", "GOV"),
    ("IRN", "Iran", "GOV"), ("ISR", "Israel", "GOV"), ("PSE", "the Palestinians", None), ("SYR", "Syria", "GOV"),
    ("TUR", "Turkey", "GOV"), ("IND", "India", "GOV"), ("PAK", "Pakistan", "GOV"), ("AFG", "Afghanistan", "GOV"),
    ("IRQ", "Iraq", "GOV"), ("SAU", "Saudi Arabia", "GOV"), ("EGY", "Egypt", "GOV"), ("NGA", "Nigeria", "GOV"),
    ("ZAF", "South Africa", "GOV"), ("BRA", "Brazil", "GOV"), ("MEX", "Mexico", "GOV"), ("VEN", "Venezuela", "GOV"),
    ("KOR", "South Korea", "GOV"), ("PRK", "North Korea", "GOV"), ("JPN", "Japan", "GOV"), ("NATO", "NATO", None),
    ("EU", "the European Union", None), ("UN", "the United Nations", None), ("AU", "the African Union", None),
)  # fmt: skip

#: (name, geonameid, country, lat, lon).
PLACES: tuple[tuple[str, int, str, float, float], ...] = (
    ("Washington", 4140963, "USA", 38.90, -77.04), ("Moscow", 524901, "RUS", 55.75, 37.62),
    ("Kyiv", 703448, "UKR", 50.45, 30.52), ("Beijing", 1816670, "CHN", 39.91, 116.40),
    ("Paris", 2988507, "FRA", 48.85, 2.35), ("Berlin", 2950159, "DEU", 52.52, 13.41),
    ("London", 2643743, "GBR", 51.51, -0.13), ("Tehran", 112931, "IRN", 35.69, 51.42),
    ("Jerusalem", 281184, "ISR", 31.77, 35.22), ("Gaza", 281133, "PSE", 31.50, 34.47),
    ("Damascus", 170654, "SYR", 33.51, 36.29), ("Ankara", 323786, "TUR", 39.92, 32.85),
    ("New Delhi", 1261481, "IND", 28.64, 77.22), ("Islamabad", 1176615, "PAK", 33.72, 73.04),
    ("Kabul", 1138958, "AFG", 34.53, 69.17), ("Baghdad", 98182, "IRQ", 33.34, 44.40),
    ("Riyadh", 108410, "SAU", 24.69, 46.72), ("Cairo", 360630, "EGY", 30.06, 31.25),
    ("Abuja", 2352778, "NGA", 9.06, 7.50), ("Pretoria", 964137, "ZAF", -25.74, 28.19),
    ("Brasilia", 3469058, "BRA", -15.78, -47.93), ("Mexico City", 3530597, "MEX", 19.43, -99.13),
    ("Caracas", 3646738, "VEN", 10.49, -66.88), ("Seoul", 1835848, "KOR", 37.57, 126.98),
    ("Pyongyang", 1871859, "PRK", 39.03, 125.75), ("Tokyo", 1850147, "JPN", 35.69, 139.69),
    ("Brussels", 2800866, "BEL", 50.85, 4.35), ("Geneva", 2660646, "CHE", 46.20, 6.14),
    ("Addis Ababa", 344979, "ETH", 9.02, 38.75), ("New York", 5128581, "USA", 40.71, -74.01),
)  # fmt: skip

#: PLOVER type → (verb in the past tense, mode, quad class).
VERBS: dict[str, tuple[str, str | None, str]] = {
    "AGREE": ("agreed with", None, "verbal_cooperation"),
    "CONSULT": ("met", "visit", "verbal_cooperation"),
    "SUPPORT": ("backed", None, "verbal_cooperation"),
    "CONCEDE": ("conceded to", None, "verbal_cooperation"),
    "COOPERATE": ("worked with", None, "material_cooperation"),
    "AID": ("sent aid to", "economic", "material_cooperation"),
    "RETREAT": ("withdrew from", None, "material_cooperation"),
    "REQUEST": ("urged", None, "verbal_cooperation"),
    "ACCUSE": ("accused", "disapprove", "verbal_conflict"),
    "REJECT": ("rejected", None, "verbal_conflict"),
    "THREATEN": ("threatened", None, "verbal_conflict"),
    "PROTEST": ("protested against", "demonstrate", "material_conflict"),
    "SANCTION": ("sanctioned", None, "material_conflict"),
    "MOBILIZE": ("massed troops near", "troops", "material_conflict"),
    "COERCE": ("detained citizens of", "arrest", "material_conflict"),
    "ASSAULT": ("attacked", "firearms", "material_conflict"),
}
FACTUALITY_WEIGHTS = (("asserted", 80), ("negated", 6), ("hypothetical", 6), ("future", 8))

FIRST_DAY = dt.date(2015, 1, 1)
DAYS = 8 * 365


@dataclass(frozen=True)
class SyntheticSpec:
    """How big a synthetic database to make."""

    events: int = 1_000_000
    events_per_article: int = 10
    copy_share: float = 0.03
    articles_per_story: int = 20
    seed: int = 7

    @property
    def articles(self) -> int:
        return max(1, self.events // self.events_per_article)


def _ref(code: str, name: str, sector: str | None, start: int, actor_id: str) -> ActorRef:
    return ActorRef(
        name=name, code=code, sector=sector, text=name, start=start, end=start + len(name), actor_id=actor_id
    )


def make_record(index: int, rng: random.Random, spec: SyntheticSpec) -> ArticleRecord:
    """Synthetic article number ``index`` with its events, actors, places and one quote, all offsets valid."""
    article_id = f"syn{index:09d}"
    day = FIRST_DAY + dt.timedelta(days=rng.randrange(DAYS))
    parts: list[str] = []
    offset = 0
    events: list[Event] = []
    mentions: dict[str, list[Mention]] = {}
    places: list[Place] = []
    for k in range(spec.events_per_article):
        src, tgt = rng.sample(ACTORS, 2)
        ptype = rng.choice(tuple(VERBS))
        verb, mode, quad = VERBS[ptype]
        place = rng.choice(PLACES)
        factuality = rng.choices([f for f, _ in FACTUALITY_WEIGHTS], [w for _, w in FACTUALITY_WEIGHTS])[0]
        sentence = f"{src[1][0].upper()}{src[1][1:]} {verb} {tgt[1]} in {place[0]}."
        s_start = offset
        t_start = s_start + len(src[1]) + 1
        r_start = t_start + len(verb) + 1
        p_start = r_start + len(tgt[1]) + 4
        actor = _ref(src[0], src[1], src[2], s_start, src[0])
        actor.text = sentence[: len(src[1])]
        events.append(
            Event(
                id=f"{article_id}-e{k}",
                type=as_plover_type(ptype),
                mode=mode,
                quad=as_quad(quad),
                actor=actor,
                recipient=_ref(tgt[0], tgt[1], tgt[2], r_start, tgt[0]),
                factuality=as_factuality(factuality),
                historical=False,
                date=DateValue(text=day.isoformat(), value=day.isoformat(), granularity="day", source="published"),
                location={
                    "name": place[0],
                    "geonameid": place[1],
                    "country": place[2],
                    "lat": place[3],
                    "lon": place[4],
                },
                magnitude=Magnitude(),
                trigger=Span(t_start, t_start + len(verb), verb),
                sentence=Span(s_start, s_start + len(sentence), sentence),
            )
        )
        mentions.setdefault(src[0], []).append(Mention(s_start, s_start + len(src[1]), sentence[: len(src[1])]))
        mentions.setdefault(tgt[0], []).append(Mention(r_start, r_start + len(tgt[1]), tgt[1]))
        places.append(
            Place(place[0], p_start, p_start + len(place[0]), place[0], place[1], place[2], place[3], place[4], "city")
        )
        parts.append(sentence)
        offset += len(sentence) + 1
    speaker = rng.choice(ACTORS)
    said = f'"We will answer this," said a spokesperson for {speaker[1]}.'
    q_start = offset
    quote = Quote(
        text="We will answer this,", start=q_start + 1, end=q_start + 21, kind="direct", cue="said",
        speaker=_ref(speaker[0], speaker[1], speaker[2], q_start + len(said) - 1 - len(speaker[1]), speaker[0]),
    )  # fmt: skip
    parts.append(said)
    text = " ".join(parts)
    by_code = {a[0]: a for a in ACTORS}
    actors = [
        Actor(id=code, name=by_code[code][1], code=code, sector=by_code[code][2], kind="state", mentions=ms)
        for code, ms in mentions.items()
    ]
    title = f"Synthetic report {index}: {events[0].sentence.text if events else ''}"
    article = Article(text=text, id=article_id, title=title[:120], published=day.isoformat(), source="synthetic")
    return ArticleRecord(article=article, actors=actors, events=events, quotes=[quote], places=places)


def records(spec: SyntheticSpec) -> Iterator[ArticleRecord]:
    """The synthetic records of ``spec``, in order (deterministic for a seed)."""
    rng = random.Random(spec.seed)
    for i in range(spec.articles):
        yield make_record(i, rng, spec)


def _table(name: str, rows: list[tuple[Any, ...]], columns: tuple[str, ...]) -> pa.Table:
    return pa.Table.from_pylist([dict(zip(columns, row, strict=True)) for row in rows])


def _insert_arrow(con: Any, table: str, names: str, arrow: pa.Table) -> None:
    """Insert an Arrow table's rows, registered by name: a store's connection has replacement scans of Python
    variables off, with the rest of external access (#16)."""
    con.register("synthetic_rows", arrow)
    try:
        con.execute(f"INSERT INTO {table} ({names}) SELECT {names} FROM synthetic_rows")
    finally:
        con.unregister("synthetic_rows")


_ARTICLE_COLUMNS = (
    "id", "url", "source", "title", "published", "published_day", "language", "text", "n_chars", "seq",
    "previous_version", "superseded_by", "duplicate_of", "similarity", "story_id", "features", "row_counts",
)  # fmt: skip


#: Columns of the tables that :data:`COLUMNS` does not list, as the builder fills them.
_OTHER_COLUMNS = {
    "duplicates": ("article_id", "original_id", "similarity", "method"),
    "minhashes": ("article_id", "hashvalues"),
}


def build(path: Path, spec: SyntheticSpec, *, chunk: int = 5000) -> dict[str, int]:
    """Write a synthetic database at ``path`` (which must not exist); return its table counts."""
    if path.exists():
        raise FileExistsError(f"{path} exists: the synthetic generator only writes new files")
    rng = random.Random(spec.seed + 1)
    n_stories = max(1, spec.articles // spec.articles_per_story)
    story_days: dict[str, list[dt.date]] = {}
    story_sizes: dict[str, list[int]] = {}  # story → [articles, copies]
    story_profile: dict[str, story_profiles.Profile] = {}
    story_of: dict[str, str] = {}
    with Store(path) as store:
        con = store.con
        batch: dict[str, list[tuple[Any, ...]]] = {t: [] for t in (*COLUMNS, "articles", "duplicates", "minhashes")}
        originals: list[str] = []

        def flush() -> None:
            for table, rows in batch.items():
                if not rows:
                    continue
                cols = _ARTICLE_COLUMNS if table == "articles" else COLUMNS.get(table, _OTHER_COLUMNS.get(table, ()))
                names = ", ".join(f'"{c}"' for c in cols)
                _insert_arrow(con, table, names, _table(table, rows, cols))
                rows.clear()

        for i, record in enumerate(records(spec)):
            article = record.article
            is_copy = bool(originals) and rng.random() < spec.copy_share
            original = rng.choice(originals[-500:]) if is_copy else None
            drawn = f"syn-story-{rng.randrange(n_stories):06d}"
            story = story_of[original] if original else drawn  # a copy joins its original's story
            day = dt.date.fromisoformat(article.published or FIRST_DAY.isoformat())
            story_days.setdefault(story, []).append(day)
            story_sizes.setdefault(story, [0, 0])[1 if original else 0] += 1
            profile = story_profiles.profile(record)
            if not original:
                if story in story_profile:
                    story_profile[story].merge(profile)
                else:
                    story_profile[story] = story_profiles.Profile.from_dict(profile.as_dict())
            rows = record_rows(record, counted=not is_copy)
            row_counts = json.dumps({table: len(table_rows) for table, table_rows in rows.items()}, sort_keys=True)
            batch["articles"].append(
                (article.id, None, article.source, article.title, article.published, day, "en", article.text,
                 len(article.text), i + 1, None, None, original, 0.8 if original else None, story,
                 json.dumps(profile.as_dict(), ensure_ascii=False), row_counts)
            )  # fmt: skip
            batch["minhashes"].append((article.id, to_bytes(signature(article.text))))
            for table, table_rows in rows.items():
                batch[table] += table_rows
            if original:
                batch["duplicates"].append((article.id, original, 0.8, "synthetic"))
            else:
                originals.append(article.id)
                story_of[article.id] = story
            if (i + 1) % chunk == 0:
                flush()
        flush()
        stories = [
            (sid, f"synthetic story {sid[-6:]}", None, min(days), max(days), *story_sizes[sid],
             json.dumps(story_profile[sid].as_dict(), ensure_ascii=False) if sid in story_profile else None)
            for sid, days in story_days.items()
        ]  # fmt: skip
        story_columns = ("id", "label", "headline", "first_day", "last_day", "n_articles", "n_copies", "features")
        arrow = pa.Table.from_pylist([dict(zip(story_columns, s, strict=True)) for s in stories])
        _insert_arrow(con, "stories", ", ".join(story_columns), arrow)
        con.execute("CHECKPOINT")
        return store.counts()


def describe(counts: dict[str, int]) -> str:
    return json.dumps(counts, sort_keys=True)


__all__ = ["SyntheticSpec", "build", "make_record", "records"]
