"""Stories: articles about the same happening, grouped as they arrive.

Each article is summarised by a :class:`Profile`: what it is about (actor codes or names, resolved places, event
types) and its salient words (the most frequent longer words that are not stop words, capitalised names count
double). A new article joins the story of the most similar article published within :data:`WINDOW_DAYS` days
before or after it when their similarity reaches :data:`JOIN_SCORE`; otherwise it starts a story. Similarity mixes
the two views: half the Jaccard index of the topic features, half that of the salient words, so two reports of one
attack that share actors, a place and many words group, while two articles that only share "United States" do not.

Grouping is incremental (each article is placed once, when stored), so it does not depend on re-running anything,
and a syndicated copy always joins its original's story. The label is built from the story's most frequent actor,
event type and place (e.g. ``Russia → Ukraine · ASSAULT · Kyiv``), falling back to the first headline.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from ..record import ArticleRecord

#: Days before or after an article's publication in which its story's other articles must lie.
WINDOW_DAYS = 3
#: Similarity (0–1) at which an article joins an existing story.
JOIN_SCORE = 0.3
#: Salient words kept per article.
KEYWORDS = 30
#: Earlier articles compared with a new one (the most recent in its window).
MAX_CANDIDATES = 500

_WORD = re.compile(r"[A-Za-z][A-Za-z'-]{3,}")
_STOP = frozenset(
    """about above after again against also among another because been before being below between both could
    during each every from further have having here into itself just more most much must never only other over
    own said same says should since some such than that their them then there these they this those through
    under until very were what when where which while will with would your year years week told according
    people official officials government monday tuesday wednesday thursday friday saturday sunday percent
    including including however although added report reported reports news time last first says saying""".split()
)


@dataclass
class Profile:
    """What an article is about, for grouping and labelling."""

    features: set[str] = field(default_factory=set)
    keywords: set[str] = field(default_factory=set)
    actors: Counter[str] = field(default_factory=Counter)
    types: Counter[str] = field(default_factory=Counter)
    places: Counter[str] = field(default_factory=Counter)
    dyads: Counter[str] = field(default_factory=Counter)

    def as_dict(self) -> dict[str, Any]:
        return {
            "features": sorted(self.features),
            "keywords": sorted(self.keywords),
            "actors": dict(self.actors),
            "types": dict(self.types),
            "places": dict(self.places),
            "dyads": dict(self.dyads),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Profile:
        return cls(
            features=set(data.get("features", ())),
            keywords=set(data.get("keywords", ())),
            actors=Counter(data.get("actors", {})),
            types=Counter(data.get("types", {})),
            places=Counter(data.get("places", {})),
            dyads=Counter(data.get("dyads", {})),
        )

    def merge(self, other: Profile) -> None:
        """Add ``other``'s counts (a story's profile is the sum of its articles')."""
        self.features |= other.features
        self.actors.update(other.actors)
        self.types.update(other.types)
        self.places.update(other.places)
        self.dyads.update(other.dyads)


def keywords(text: str, n: int = KEYWORDS) -> set[str]:
    """The ``n`` most salient words of ``text``, lower-cased."""
    counts: Counter[str] = Counter()
    for match in _WORD.finditer(text):
        word = match.group()
        lower = word.lower()
        if lower in _STOP:
            continue
        counts[lower] += 2 if word[0].isupper() and match.start() > 0 else 1
    return {w for w, _ in counts.most_common(n)}


def profile(record: ArticleRecord) -> Profile:
    """The :class:`Profile` of one extracted article."""
    p = Profile(keywords=keywords(record.article.text))
    for actor in record.actors:
        name = actor.code or actor.name
        if name:
            p.features.add(f"actor:{name.lower()}")
            p.actors[actor.name or name] += max(1, len(actor.mentions))
    for place in record.places:
        key = str(place.geonameid) if place.geonameid is not None else place.name.lower()
        p.features.add(f"place:{key}")
        p.places[place.name] += 1
    for event in record.events:
        p.features.add(f"type:{event.type}")
        p.types[event.type] += 1
        if event.actor and event.recipient:
            p.dyads[f"{event.actor.name or event.actor.code} → {event.recipient.name or event.recipient.code}"] += 1
    return p


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0


def similarity(a: Profile, b: Profile) -> float:
    """How likely two articles report the same happening (0–1): topic features and salient words, half each."""
    return 0.5 * _jaccard(a.features, b.features) + 0.5 * _jaccard(a.keywords, b.keywords)


def best_match(new: Profile, candidates: list[tuple[str, Profile]]) -> tuple[str, float] | None:
    """The candidate story (id, score) ``new`` should join, or ``None`` when none reaches :data:`JOIN_SCORE`."""
    best: tuple[str, float] | None = None
    for story_id, candidate in candidates:
        score = similarity(new, candidate)
        if score >= JOIN_SCORE and (best is None or score > best[1]):
            best = (story_id, score)
    return best


def label(story: Profile, headline: str | None) -> str:
    """A label a person can read: the main dyad (or actors), the main event type and the main place."""
    parts: list[str] = []
    if story.dyads:
        parts.append(story.dyads.most_common(1)[0][0])
    elif story.actors:
        parts.append(", ".join(name for name, _ in story.actors.most_common(2)))
    if story.types:
        parts.append(story.types.most_common(1)[0][0])
    if story.places:
        parts.append(story.places.most_common(1)[0][0])
    if len(parts) < 2 and headline:
        return headline.strip()[:120]
    return " · ".join(parts) if parts else "(untitled)"


__all__ = [
    "JOIN_SCORE",
    "KEYWORDS",
    "MAX_CANDIDATES",
    "WINDOW_DAYS",
    "Profile",
    "best_match",
    "keywords",
    "label",
    "profile",
    "similarity",
]
