"""The one folder where bloglint keeps its caches (parsed posts, post HTML, link results).

Every cache in it may be deleted at any time. By default it sits inside Jekyll's own cache
folder, which Jekyll leaves out of builds and `jekyll serve` does not watch; a `.gitignore`
inside keeps it out of the blog's `git status` wherever the config puts it.
"""

from __future__ import annotations

from pathlib import Path

DEFAULT_CACHE_DIR = ".jekyll-cache/bloglint"


def prepare(directory: Path) -> None:
    """Create the cache folder (raises OSError on a read-only site; callers run uncached)."""
    directory.mkdir(parents=True, exist_ok=True)
    ignore = directory / ".gitignore"
    if not ignore.exists():
        ignore.write_text("# made by bloglint: this folder is a cache\n*\n", encoding="utf-8")
