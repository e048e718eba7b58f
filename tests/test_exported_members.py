"""``eventlens.__all__`` is the public API: everything in it exists, and every public name the package exposes at
its top is in it (httpx's tests/test_exported_members.py)."""

from __future__ import annotations

import types

import eventlens


def test_all_names_exist_and_are_sorted() -> None:
    assert eventlens.__all__ == sorted(eventlens.__all__)
    for name in eventlens.__all__:
        assert hasattr(eventlens, name), name


def test_every_public_top_level_name_is_exported() -> None:
    public = {
        name
        for name, value in vars(eventlens).items()
        if not name.startswith("_")
        and not isinstance(value, types.ModuleType)
        and name not in {"annotations", "TYPE_CHECKING", "Any", "cache"}
    }
    assert public <= set(eventlens.__all__)
