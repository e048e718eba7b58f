"""The ``Doc`` extensions through which pipeline components hand their results on.

Each component reads what earlier ones assigned and assigns its own list (see ``pipeline.COMPONENTS``). The factories
declare the same thing as spaCy meta (``requires=[...]``, ``assigns=[...]``), so ``nlp.analyze_pipes()`` reports a
component placed before one it reads ("required by" names the stages, ``eventlens_`` left off);
``tests/test_pipeline_contracts.py`` holds this table and the factories to each other:

====================  =========================  =========================  ==========================
extension             type                       assigned by                required by
====================  =========================  =========================  ==========================
``doc._.published``   ``str | None`` (ISO date)  the caller (``make_doc``)  (none declared: see below)
``doc._.actors``      ``list[record.Actor]``     ``eventlens_actors``       places, quotes, events
``doc._.places``      ``list[record.Place]``     ``eventlens_places``       events
``doc._.dates``       ``list[record.DateExpr]``  ``eventlens_dates``        events
``doc._.quantities``  ``list[record.Quantity]``  ``eventlens_quantities``   events
``doc._.quotes``      ``list[record.Quote]``     ``eventlens_quotes``
``doc._.events``      ``list[record.Event]``     ``eventlens_events``
====================  =========================  =========================  ==========================

``doc._.published`` is set before the pipeline runs, by no component, so no factory lists it in ``requires``
(``analyze_pipes`` would report it missing from every pipeline).

Components may keep private working state in extensions whose names start with ``el_``; only the stage that assigns
them reads them (later stages call its public functions, e.g. ``actors.actor_ref_for_token``).
"""

from __future__ import annotations

from spacy.tokens import Doc

LIST_EXTENSIONS = ("actors", "places", "dates", "quantities", "quotes", "events")


def register_extensions() -> None:
    """Register the extensions once per process (idempotent)."""
    if not Doc.has_extension("published"):
        Doc.set_extension("published", default=None)
    for name in LIST_EXTENSIONS:
        if not Doc.has_extension(name):
            # A getter-free default of None, replaced by a fresh list by each component: a shared mutable default
            # list would leak results between documents.
            Doc.set_extension(name, default=None)


register_extensions()


def doc_text(doc: Doc) -> str:
    """``doc.text``, computed once per document.

    spaCy rebuilds ``Doc.text`` from its tokens on every access (~5 ms on a news article); stages that need the text
    per mention or per event read it through this instead (the bench profile found 40% of eventlens's time there).
    """
    text = doc.user_data.get("el_text")
    if not isinstance(text, str):
        text = doc.text
        doc.user_data["el_text"] = text
    return text
