"""BL019 unreadable-file: a file Jekyll cannot read as UTF-8 text.

Invalid UTF-8 (Jekyll silently skips such a post), a byte order mark, NUL bytes of a binary
file, empty or unreadable files: each is reported at the file and line where it shows.
"""

from __future__ import annotations

from collections.abc import Iterator

from bloglint.engine import SiteContext
from bloglint.front_matter import problems_for
from bloglint.model import Hit


def check_site(ctx: SiteContext) -> Iterator[tuple[str, Hit]]:
    yield from problems_for(ctx.site, "BL019")
