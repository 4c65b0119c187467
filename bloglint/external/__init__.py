"""External link checking (`bloglint check --external`).

Importing this package is cheap: httpx, httpcore and SQLite are loaded only when links are
actually checked, so offline runs and the pre-commit hook never pay for the network stack.
"""

from __future__ import annotations

from bloglint.external.report import (
    ExternalLink,
    ExternalReport,
    ExternalSummary,
    HostTiming,
    LinkResult,
    Occurrence,
    ProgressCallback,
    ProgressState,
    format_summary,
    redact,
    render_progress,
    show_progress,
    throttled,
)
from bloglint.external.run import (
    BROKEN_RULE,
    MOVED_RULE,
    RESULT_KEY,
    RUN_KEY,
    ExternalRun,
    PostLinkFindings,
    check_post_links,
    check_urls,
    collect_links,
)
from bloglint.external.settings import ExternalSettings, parse_settings

__all__ = [
    "BROKEN_RULE",
    "MOVED_RULE",
    "RESULT_KEY",
    "RUN_KEY",
    "ExternalRun",
    "ExternalLink",
    "ExternalReport",
    "ExternalSettings",
    "ExternalSummary",
    "HostTiming",
    "LinkResult",
    "Occurrence",
    "PostLinkFindings",
    "ProgressCallback",
    "ProgressState",
    "check_post_links",
    "check_urls",
    "collect_links",
    "format_summary",
    "parse_settings",
    "redact",
    "render_progress",
    "show_progress",
    "throttled",
]
