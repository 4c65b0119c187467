"""Tables of contents: find them in posts, compare them with the headings, regenerate them.

The library side of `bloglint check --fix` / `--diff` for TOCs:

* `fixed_text(post, site, options)` -> the post's new full text, or None when nothing changes;
* `unified_diff(relpath, old, new)` -> a unified diff for `--diff`;
* `write_atomically(path, text)` -> replace the file safely, keeping mode, BOM and newlines.
"""

from __future__ import annotations

from bloglint.toc.files import unified_diff, write_atomically
from bloglint.toc.fix import fixed_text

__all__ = ["fixed_text", "unified_diff", "write_atomically"]
