"""BL040 broken-external-link: http(s) links that do not answer with an accepted status.

Runs only when the CLI asked for it (`bloglint check --external` puts an `ExternalRun` in
the engine memo): offline runs and the pre-commit hook never touch the network. All posts'
links are checked together, once per run, and shared with BL041 through the memo.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from bloglint.external import RESULT_KEY, RUN_KEY
from bloglint.model import Hit

if TYPE_CHECKING:
    from bloglint.engine import SiteContext
    from bloglint.external.run import PostLinkFindings


def external_findings(ctx: SiteContext) -> PostLinkFindings | None:
    """The external check of the selected posts, run on first use; None when not requested."""
    request = ctx.memo.get(RUN_KEY)
    if request is None:
        return None
    if RESULT_KEY not in ctx.memo:
        from bloglint.external.run import check_post_links

        posts = [*ctx.site.posts, *ctx.site.documents]
        links = {p.relpath: p.document.links for p in posts if p.relpath in ctx.selected}
        cache_dir = None
        if request.use_cache:
            cache_dir = Path(ctx.config.cache_dir).expanduser()
            cache_dir = cache_dir if cache_dir.is_absolute() else ctx.site.root / cache_dir
        ctx.memo[RESULT_KEY] = check_post_links(
            links,
            ctx.config.section("external"),
            cache_dir,
            refresh=request.refresh,
            progress=request.progress,
        )
    return ctx.memo[RESULT_KEY]


def check_site(ctx: SiteContext) -> Iterator[tuple[str, Hit]]:
    findings = external_findings(ctx)
    if findings is not None:
        for relpath, hits in findings.broken.items():
            for hit in hits:
                yield relpath, hit
