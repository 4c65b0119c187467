"""BL013 invalid-front-matter: front matter that is not a YAML mapping, reported at its line.

Jekyll drops front matter it cannot parse, so the post loses its title, layout and date.
"""

from __future__ import annotations

from collections.abc import Iterator

from bloglint.engine import SiteContext
from bloglint.front_matter import problems_for
from bloglint.model import Hit


def check_site(ctx: SiteContext) -> Iterator[tuple[str, Hit]]:
    yield from problems_for(ctx.site, "BL013")
