"""Where the browser libraries installed from the npm registry live, and which files are served.

`make web-assets` runs `npm ci` in web/, which fills the git-ignored web/node_modules. The app
serves a fixed list of files from there under /vendor/ (never a path taken from the request), so
it works offline and needs no CDN. MILITANTMAP_WEB_ASSETS points elsewhere, e.g. for an
installed package: a folder holding the same node_modules layout.
"""
from __future__ import annotations

import os
from pathlib import Path

# URL name -> path inside node_modules. Pinned versions are in web/package-lock.json.
VENDOR_FILES = {
    "graphology.umd.min.js": "graphology/dist/graphology.umd.min.js",
    "sigma.min.js": "sigma/dist/sigma.min.js",
}
WORLD_ATLAS = "world-atlas/countries-110m.json"
INSTALL_HINT = "run `make web-assets` (npm ci in web/) to install the browser libraries"


def node_modules_dir() -> Path | None:
    env = os.environ.get("MILITANTMAP_WEB_ASSETS")
    # Set, it is the only place looked at (so a wrong setting shows, instead of silently
    # serving the checkout's copy). Unset: a source checkout (editable install),
    # <repo>/src/militantmap/web/assets.py -> <repo>/web.
    candidates = [Path(env)] if env else [Path(__file__).resolve().parents[3] / "web"]
    for base in candidates:
        for path in (base / "node_modules", base):
            if (path / VENDOR_FILES["sigma.min.js"]).is_file():
                return path
    return None


def vendor_path(name: str) -> Path | None:
    """The file behind /vendor/NAME, or None when NAME is not one we serve or is not installed."""
    rel = VENDOR_FILES.get(name)
    base = node_modules_dir()
    if rel is None or base is None:
        return None
    path = base / rel
    return path if path.is_file() else None


def world_atlas_path() -> Path | None:
    base = node_modules_dir()
    if base is None:
        return None
    path = base / WORLD_ATLAS
    return path if path.is_file() else None


def vendor_installed() -> bool:
    return all(vendor_path(name) is not None for name in VENDOR_FILES)
