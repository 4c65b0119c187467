"""BL041 moved-external-link: a link answered through a permanent redirect (301/308).

Shares BL040's single run of the external checker (see `external_links`).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from bloglint.checks.external_links import external_findings
from bloglint.model import Hit

if TYPE_CHECKING:
    from bloglint.engine import SiteContext


def check_site(ctx: SiteContext) -> Iterator[tuple[str, Hit]]:
    findings = external_findings(ctx)
    if findings is not None:
        for relpath, hits in findings.moved.items():
            for hit in hits:
                yield relpath, hit
