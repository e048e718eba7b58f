"""Where the package's own data lives: one helper instead of each module walking up from ``__file__``.

Data ships inside the package (``eventlens/data/...``), so it is found the same way in a source checkout, an
installed wheel and a Ray worker.
"""

from __future__ import annotations

from pathlib import Path

#: The package's data folder.
DATA_DIR = Path(__file__).resolve().parent / "data"


def data_path(*parts: str) -> Path:
    """The path of a file or folder under the package's data folder, e.g. ``data_path("actors", "states.yaml")``."""
    return DATA_DIR.joinpath(*parts)
