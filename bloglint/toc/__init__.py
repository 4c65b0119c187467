"""Tables of contents: find them in posts, compare them with the headings, regenerate them.

The library side of `bloglint check --fix` / `--diff` for TOCs:

* `fixed_text(post, site, options)` -> the post's new full text, or None when nothing changes;
* `unified_diff(relpath, old, new)` -> a unified diff for `--diff`;
* `write_atomically(path, text)` -> replace the file safely, keeping mode, BOM and newlines.

They are imported on first use: every `bloglint check` imports this package for its TOC rules,
and only `--fix`/`--diff` need the fixer, difflib and tempfile.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from bloglint.toc.files import unified_diff, write_atomically
    from bloglint.toc.fix import fixed_text

__all__ = ["fixed_text", "unified_diff", "write_atomically"]


def __getattr__(name: str) -> Any:
    if name == "fixed_text":
        from bloglint.toc.fix import fixed_text

        return fixed_text
    if name in ("unified_diff", "write_atomically"):
        from bloglint.toc import files

        return getattr(files, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
