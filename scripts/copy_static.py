"""Copy the dashboard's browser libraries from node_modules/ into eventlens/web/static/vendor/.

The libraries come from the npm registry (package.json + package-lock.json, installed by ``npm ci`` in
scripts/setup). They are copied, never committed (the vendor folder is gitignored), so the server can hand every
script, style and map shape to the browser itself: the dashboard loads nothing from the internet.

Usage: .venv/bin/python scripts/copy_static.py [--check]

``--check`` copies nothing and exits 1 when a file is missing from the vendor folder.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NODE_MODULES = ROOT / "node_modules"
VENDOR = ROOT / "eventlens" / "web" / "static" / "vendor"

#: (file under node_modules, name under vendor/). Licences travel with the code they cover.
FILES: tuple[tuple[str, str], ...] = (
    ("echarts/dist/echarts.min.js", "echarts.min.js"),
    ("echarts/LICENSE", "LICENSE.echarts"),
    ("cytoscape/dist/cytoscape.min.js", "cytoscape.min.js"),
    ("cytoscape/LICENSE", "LICENSE.cytoscape"),
    ("topojson-client/dist/topojson-client.min.js", "topojson-client.min.js"),
    ("topojson-client/LICENSE", "LICENSE.topojson-client"),
    ("world-atlas/countries-110m.json", "countries-110m.json"),
    ("world-atlas/LICENSE", "LICENSE.world-atlas"),
    ("leaflet/dist/leaflet.js", "leaflet.js"),
    ("leaflet/dist/leaflet.css", "leaflet.css"),
    ("leaflet/LICENSE", "LICENSE.leaflet"),
    ("leaflet.markercluster/dist/leaflet.markercluster.js", "leaflet.markercluster.js"),
    ("leaflet.markercluster/dist/MarkerCluster.css", "MarkerCluster.css"),
    ("leaflet.markercluster/MIT-LICENCE.txt", "LICENSE.leaflet.markercluster"),
    ("swagger-ui-dist/swagger-ui-bundle.js", "swagger-ui-bundle.js"),
    ("swagger-ui-dist/swagger-ui.css", "swagger-ui.css"),
    ("swagger-ui-dist/LICENSE", "LICENSE.swagger-ui"),
)


def missing(folder: Path = VENDOR) -> list[str]:
    """Names of the vendor files that are not in ``folder``."""
    return [name for _, name in FILES if not (folder / name).is_file()]


def copy(source: Path = NODE_MODULES, target: Path = VENDOR) -> list[str]:
    """Copy every file of :data:`FILES`; return the sources that were not found."""
    target.mkdir(parents=True, exist_ok=True)
    absent = []
    for src, name in FILES:
        path = source / src
        if not path.is_file():
            absent.append(src)
            continue
        shutil.copyfile(path, target / name)
    return absent


def main(argv: list[str]) -> int:
    if "--check" in argv:
        gone = missing()
        for name in gone:
            print(f"missing: {VENDOR / name}", file=sys.stderr)
        return 1 if gone else 0
    absent = copy()
    for src in absent:
        print(f"not found (run `npm ci` first): node_modules/{src}", file=sys.stderr)
    if not absent:
        print(f"copied {len(FILES)} files into {VENDOR.relative_to(ROOT)}", file=sys.stderr)
    return 1 if absent else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
