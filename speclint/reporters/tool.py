"""What output formats say about speclint itself: its name, version and home page."""

from __future__ import annotations

from functools import lru_cache
from importlib.metadata import PackageNotFoundError, metadata

from speclint.version import __version__

NAME = "speclint"
VERSION = __version__
#: ``Project-URL`` labels of pyproject ``[project.urls]`` that can serve as the home page.
HOMEPAGE_LABELS = ("homepage", "documentation", "repository", "source")


@lru_cache(maxsize=1)
def information_uri() -> str | None:
    """The home page from the installed distribution's metadata, if it declares one."""
    try:
        meta = metadata(NAME)
    except PackageNotFoundError:
        return None
    urls = {}
    for entry in meta.get_all("Project-URL") or []:
        label, _, url = entry.partition(",")
        urls[label.strip().lower()] = url.strip()
    for label in HOMEPAGE_LABELS:
        if urls.get(label):
            return urls[label]
    return next(iter(meta.get_all("Home-page") or []), None) or None
