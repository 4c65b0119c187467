"""The registry of rule implementations: rule id -> module in this package.

One explicit, greppable list (markdownlint's `rules.mjs` habit). A module defines
`check(ctx: CheckContext) -> Iterable[Hit]` for per-post rules and/or
`check_site(ctx: SiteContext) -> Iterable[tuple[relpath, Hit]]` for site-wide ones.
Modules are imported only when their rule runs, to keep start-up small.
Retired ids stay here as comments and are never reused.
"""

from __future__ import annotations

import importlib
from types import ModuleType
from typing import TYPE_CHECKING, cast

if TYPE_CHECKING:
    from bloglint.engine import PostCheck, SiteCheck

CHECKS: dict[str, str] = {
    "BL001": "broken_internal_link",
    "BL002": "broken_fragment",
    "BL003": "scheme_less_link",
    "BL004": "malformed_link",
    "BL005": "undefined_reference",
    "BL006": "notebook_attachment",
    "BL007": "missing_liquid_link_target",
    "BL008": "doubled_baseurl",
    "BL009": "unlinked_url",
    "BL010": "missing_front_matter",
    "BL011": "missing_title",
    "BL012": "duplicate_title",
    "BL013": "invalid_front_matter",
    "BL014": "invalid_date",
    "BL015": "date_mismatch",
    "BL016": "skipped_post_file",
    "BL017": "misspelt_front_matter_key",
    "BL018": "control_character",
    "BL019": "unreadable_file",
    "BL020": "toc_missing",
    "BL021": "toc_unpaired",
    "BL022": "toc_stale",
    "BL023": "toc_empty",
    "BL024": "toc_glued",
    "BL030": "math_unbalanced_delimiter",
    "BL031": "math_tex_syntax",
    "BL032": "math_unknown_command",
    "BL033": "math_literal_dollar",
    "BL034": "math_mangled",
    "BL035": "math_opt_in",
    "BL036": "math_engine_specific",
    "BL040": "external_links",
    "BL041": "external_moved",
}


def _module(rule_id: str) -> ModuleType | None:
    name = CHECKS.get(rule_id)
    return importlib.import_module(f"bloglint.checks.{name}") if name else None


def post_check(rule_id: str) -> PostCheck | None:
    module = _module(rule_id)
    return cast("PostCheck | None", getattr(module, "check", None))


def site_check(rule_id: str) -> SiteCheck | None:
    module = _module(rule_id)
    return cast("SiteCheck | None", getattr(module, "check_site", None))
