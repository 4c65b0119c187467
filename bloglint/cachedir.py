"""The one folder where bloglint keeps its caches (parsed posts, post HTML, link results).

Every cache in it may be deleted at any time. By default it sits inside Jekyll's own cache
folder, which Jekyll leaves out of builds and `jekyll serve` does not watch; a `.gitignore`
inside keeps it out of the blog's `git status` wherever the config puts it.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

DEFAULT_CACHE_DIR = ".jekyll-cache/bloglint"


def configured(jekyll_config: Mapping[str, Any]) -> str:
    """The cache folder, relative to the site: `bloglint.cache_dir` in _config.yml, or the default."""
    section = jekyll_config.get("bloglint")
    value = section.get("cache_dir") if isinstance(section, Mapping) else None
    return str(value or DEFAULT_CACHE_DIR)


def prepare(directory: Path) -> None:
    """Create the cache folder (raises OSError on a read-only site; callers run uncached)."""
    directory.mkdir(parents=True, exist_ok=True)
    ignore = directory / ".gitignore"
    if not ignore.exists():
        ignore.write_text("# made by bloglint: this folder is a cache\n*\n", encoding="utf-8")
