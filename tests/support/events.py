"""Events of a snippet of text, for the event tests: ``analyse`` is the conftest fixture (the whole pipeline)."""

from __future__ import annotations

from typing import Any

from eventlens.record import Event

#: The publication date the event tests read snippets against unless they name another.
PUBLISHED = "2022-01-19"


def events(analyse: Any, text: str, published: str = PUBLISHED) -> list[Event]:
    """Every event eventlens finds in ``text``."""
    return list(analyse(text, published).events)


def types(analyse: Any, text: str, published: str = PUBLISHED) -> list[str]:
    """The types of the events in ``text``, in order."""
    return [e.type for e in events(analyse, text, published)]


def events_of(analyse: Any, text: str, type_: str, published: str = PUBLISHED) -> list[Event]:
    """The events of ``type_`` in ``text`` (maybe none)."""
    return [e for e in events(analyse, text, published) if e.type == type_]


def found(analyse: Any, text: str, type_: str, published: str = PUBLISHED) -> Event:
    """The first event of ``type_`` in ``text``; fails, listing what was found, when there is none."""
    hits = events_of(analyse, text, type_, published)
    assert hits, f"no {type_} in {text!r}: {[(e.type, e.trigger.text) for e in events(analyse, text, published)]}"
    return hits[0]


def code(ref: Any) -> str | None:
    """The code of an event's actor or recipient (None when there is no party)."""
    return ref.code if ref is not None else None


def pairs(analyse: Any, text: str, type_: str) -> list[tuple[str | None, str | None]]:
    """(actor code, recipient code) of each event of ``type_`` in ``text``."""
    return [(code(e.actor), code(e.recipient)) for e in events_of(analyse, text, type_)]
