"""BL014 invalid-date: a front-matter `date` (or a file-name date) Jekyll cannot read.

Jekyll stops the whole build with "Invalid date" on such a post.
"""

from __future__ import annotations

from collections.abc import Iterator

from bloglint.engine import SiteContext
from bloglint.front_matter import problems_for
from bloglint.model import Hit


def check_site(ctx: SiteContext) -> Iterator[tuple[str, Hit]]:
    yield from problems_for(ctx.site, "BL014")
