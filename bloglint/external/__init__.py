"""External link checking (`bloglint check --external`).

Importing this package costs nothing: every rule module imports it on offline runs too, so
the names below are loaded from their modules on first use (PEP 562), and httpx, httpcore and
SQLite only when links are actually checked.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

# The engine memo key under which the CLI's `--external` request (an `ExternalRun`) is put;
# without it the external rules report nothing and never touch the network.
RUN_KEY = "external.run"
RESULT_KEY = "external.findings"  # the run's `PostLinkFindings`, for the CLI's summary
BROKEN_RULE = "BL040"
MOVED_RULE = "BL041"

_WHERE = {
    "ExternalLink": "report",
    "ExternalReport": "report",
    "ExternalSummary": "report",
    "HostTiming": "report",
    "LinkResult": "report",
    "Occurrence": "report",
    "ProgressCallback": "report",
    "ProgressState": "report",
    "format_summary": "report",
    "redact": "report",
    "render_progress": "report",
    "show_progress": "report",
    "throttled": "report",
    "ExternalRun": "run",
    "PostLinkFindings": "run",
    "check_post_links": "run",
    "check_urls": "run",
    "collect_links": "run",
    "ExternalSettings": "settings",
    "parse_settings": "settings",
}

__all__ = [
    "BROKEN_RULE",
    "MOVED_RULE",
    "RESULT_KEY",
    "RUN_KEY",
    "ExternalLink",
    "ExternalReport",
    "ExternalSummary",
    "HostTiming",
    "LinkResult",
    "Occurrence",
    "ProgressCallback",
    "ProgressState",
    "format_summary",
    "redact",
    "render_progress",
    "show_progress",
    "throttled",
    "ExternalRun",
    "PostLinkFindings",
    "check_post_links",
    "check_urls",
    "collect_links",
    "ExternalSettings",
    "parse_settings",
]


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


if TYPE_CHECKING:
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
        ExternalRun,
        PostLinkFindings,
        check_post_links,
        check_urls,
        collect_links,
    )
    from bloglint.external.settings import ExternalSettings, parse_settings
