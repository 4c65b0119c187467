"""Two posts of a small walking blog, shared by the pre-commit and Jekyll plugin tests.

`LINKING_POST` (line 7) links to a section of `TARGET_POST` with `post_url`, so a wrong
fragment is only found by reading the other post: the whole site, not just one file.
"""

from __future__ import annotations

TARGET = "_posts/2024-01-10-packing.md"
LINKING = "_posts/2024-01-12-the-walk.md"
LINK_LINE = 7

TARGET_POST = """\
---
title: Packing for a long walk
---

What goes in the bag, and what stays at home.

## Packing list

Boots, water, a map.

## Things to leave behind

Anything heavier than a thermos.
"""


def linking_post(fragment: str, title: str = "The walk itself") -> str:
    """A post whose line 7 links to `#fragment` of the target post."""
    return (
        f"---\ntitle: {title}\n---\n\nWe set off at dawn.\n\n"
        f"The [list]({{% post_url 2024-01-10-packing %}}#{fragment}) was right.\n"
    )
