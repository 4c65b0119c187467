"""BL015 date-mismatch: the front-matter `date` is another day than the file name says.

Jekyll uses the front-matter date for the URL, the order of posts and the feed, and ignores
the file name's date, so the post sits somewhere other than its author expects.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator
from datetime import date

from bloglint.engine import CheckContext
from bloglint.front_matter import key_line
from bloglint.jekyll_time import normalize_date
from bloglint.model import Hit

_FILE_DATE = re.compile(r"^(\d{2,4})-(\d{1,2})-(\d{1,2})-")


def check(ctx: CheckContext) -> Iterator[Hit]:
    source = ctx.post.source
    if "date" not in source.front_matter or ctx.post.draft:
        return
    match = _FILE_DATE.match(posixpath.basename(source.relpath))
    if not match:
        return
    written = normalize_date(source.front_matter["date"], ctx.site.timezone)
    if written is None:
        return  # invalid-date reports it
    try:
        named = date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return
    if len(match.group(1)) == 2:
        return  # two-digit years: Ruby's century guess, not worth a finding
    if written.date() != named:
        yield Hit(
            key_line(source, "date"),
            1,
            f"front-matter date `{written.date().isoformat()}` is not the file name's date "
            f"`{named.isoformat()}`; Jekyll uses the front-matter date for the URL and the "
            "order of posts, so make the two agree",
        )
