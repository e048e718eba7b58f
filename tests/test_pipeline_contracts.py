"""Stage contracts: the factories declare what they read and write, so spaCy can check a pipeline's order.

The table in :mod:`eventlens.extract.extensions` says which stage assigns each ``Doc`` extension and which read it;
the factories' ``requires``/``assigns`` say the same thing, and ``nlp.analyze_pipes()`` reads them.
"""

from __future__ import annotations

import re

import pytest
import spacy
from spacy.language import Language

from eventlens.extract import COMPONENTS, Extractor, extensions

TABLE_ROW = re.compile(r"^``(?P<ext>doc\._\.\w+)``\s{2,}.+?\s{2,}(?P<by>\S.*?)(?:\s{2,}(?P<readers>\S.*))?$")


def _table() -> dict[str, tuple[str, list[str]]]:
    """``{extension: (assigned by, [components that require it])}`` from the extensions module's table."""
    out: dict[str, tuple[str, list[str]]] = {}
    for line in (extensions.__doc__ or "").splitlines():
        row = TABLE_ROW.match(line)
        if row is None or not row["by"].startswith("``eventlens_"):
            continue
        readers = [f"eventlens_{r.strip()}" for r in (row["readers"] or "").split(",") if r.strip()]
        out[row["ext"]] = (row["by"].strip("`"), readers)
    return out


def test_pipeline_contracts_table_lists_every_component() -> None:
    assert sorted(by for by, _ in _table().values()) == sorted(COMPONENTS)


@pytest.mark.parametrize("name", COMPONENTS)
def test_pipeline_contracts_factories_match_the_extensions_table(name: str) -> None:
    meta = Language.get_factory_meta(name)
    table = _table()
    assert meta.assigns == [ext for ext, (by, _) in table.items() if by == name]
    assert sorted(meta.requires) == sorted(ext for ext, (_, readers) in table.items() if name in readers)


def test_pipeline_contracts_built_pipeline_has_no_problems(extractor: Extractor) -> None:
    analysis = extractor.nlp.analyze_pipes()
    assert {name: problems for name, problems in analysis["problems"].items() if problems} == {}
    assert list(analysis["problems"]) == extractor.nlp.pipe_names


def test_pipeline_contracts_wrong_order_is_reported() -> None:
    nlp = spacy.blank("en")
    for name in reversed(COMPONENTS):  # events first, actors last: every stage before the ones it reads
        nlp.add_pipe(name)
    problems = nlp.analyze_pipes()["problems"]
    assert problems["eventlens_events"] == ["doc._.actors", "doc._.places", "doc._.dates", "doc._.quantities"]
    assert problems["eventlens_quotes"] == ["doc._.actors"]
    assert problems["eventlens_places"] == ["doc._.actors"]
    assert problems["eventlens_actors"] == []
