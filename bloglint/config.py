"""bloglint's own settings: the `bloglint:` mapping in the site's `_config.yml`.

Jekyll ignores keys it does not know, so our settings live beside the site's. Unknown keys
are an error naming the key and the file, because a misspelt setting that silently does
nothing is worse than none (mdformat and ruff behave the same way).
"""

from __future__ import annotations

import fnmatch
import importlib
from dataclasses import dataclass, field
from typing import Any

from bloglint.cachedir import DEFAULT_CACHE_DIR
from bloglint.catalog import RuleSpec, find_rule, load_catalog
from bloglint.model import ConfigError, Severity

# Sections validated by the subsystem that reads them; here they are only required to be mappings.
SUBSYSTEM_SECTIONS = ("external", "math", "toc", "feed", "jekyll_plugin")

# Each subsystem validates its own section (unknown keys are errors there too), lazily imported.
SECTION_VALIDATORS = {
    "external": "bloglint.external.settings:validate_settings",
    "math": "bloglint.math.profile:validate_settings",
    "toc": "bloglint.toc.analysis:toc_settings",
    "feed": "bloglint.feed:validate_settings",
    "jekyll_plugin": "bloglint.jekyll:validate_settings",
}
TOP_LEVEL_KEYS = ("select", "ignore", "severity", "rules", "exclude", "fail_on", "cache_dir") + (
    SUBSYSTEM_SECTIONS
)


@dataclass(slots=True)
class LintConfig:
    """Resolved settings: which rules run, at what severity, with which options."""

    enabled: dict[str, Severity]  # rule id -> effective severity, for the rules that run
    options: dict[str, dict[str, Any]]  # rule id -> options (defaults merged)
    exclude: list[str] = field(default_factory=list)
    fail_on: Severity = Severity.WARNING
    cache_dir: str = DEFAULT_CACHE_DIR
    sections: dict[str, dict[str, Any]] = field(default_factory=dict)
    source: str = "_config.yml"

    def excluded(self, relpath: str) -> bool:
        return any(fnmatch.fnmatch(relpath, pattern) for pattern in self.exclude)

    def section(self, name: str) -> dict[str, Any]:
        return self.sections.get(name, {})


def _rule(key: Any, where: str, source: str) -> RuleSpec:
    spec = find_rule(str(key))
    if spec is None:
        raise ConfigError(f"unknown rule `{key}` in `bloglint.{where}`", source)
    return spec


def _rule_list(value: Any, where: str, source: str) -> list[RuleSpec]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        raise ConfigError(f"`bloglint.{where}` must be a list of rule ids or names", source)
    return [_rule(item, where, source) for item in value]


def load_lint_config(
    raw: Any,
    *,
    source: str = "_config.yml",
    select: list[str] | None = None,
    ignore: list[str] | None = None,
) -> LintConfig:
    """Validate the `bloglint:` mapping (None when absent); CLI `select`/`ignore` override it."""
    if raw is None:
        raw = {}
    if not isinstance(raw, dict):
        raise ConfigError("`bloglint` must be a mapping", source)
    unknown = sorted(set(map(str, raw)) - set(TOP_LEVEL_KEYS))
    if unknown:
        raise ConfigError(
            f"unknown key `bloglint.{unknown[0]}`; known keys: {', '.join(TOP_LEVEL_KEYS)}", source
        )
    catalog = load_catalog()
    chosen = _rule_list(select if select else raw.get("select", list(catalog)), "select", source)
    dropped = {
        s.id for s in _rule_list((ignore or []) + list(raw.get("ignore") or []), "ignore", source)
    }
    enabled = {s.id: s.severity for s in chosen if s.id not in dropped}

    severities = raw.get("severity") or {}
    if not isinstance(severities, dict):
        raise ConfigError(
            "`bloglint.severity` must map rules to error, warning, info or off", source
        )
    for key, level in severities.items():
        spec = _rule(key, "severity", source)
        if str(level).lower() == "off" or level is False:
            enabled.pop(spec.id, None)
            continue
        try:
            severity = Severity.parse(str(level))
        except ValueError as exc:
            raise ConfigError(f"`bloglint.severity.{key}`: {exc}", source) from None
        if spec.id in enabled:
            enabled[spec.id] = severity

    options = {spec.id: spec.default_options() for spec in catalog.values()}
    rule_options = raw.get("rules") or {}
    if not isinstance(rule_options, dict):
        raise ConfigError("`bloglint.rules` must map rules to their options", source)
    for key, values in rule_options.items():
        spec = _rule(key, "rules", source)
        if not isinstance(values, dict):
            raise ConfigError(f"`bloglint.rules.{key}` must be a mapping of options", source)
        for name, value in values.items():
            if name not in spec.options:
                known = ", ".join(spec.options) or "none"
                raise ConfigError(
                    f"unknown option `bloglint.rules.{key}.{name}` (options of {spec.id}: {known})",
                    source,
                )
            options[spec.id][name] = value

    exclude = raw.get("exclude") or []
    if isinstance(exclude, str):
        exclude = [exclude]
    if not isinstance(exclude, list):
        raise ConfigError("`bloglint.exclude` must be a list of path patterns", source)

    fail_on = Severity.WARNING
    if "fail_on" in raw:
        try:
            fail_on = Severity.parse(str(raw["fail_on"]))
        except ValueError as exc:
            raise ConfigError(f"`bloglint.fail_on`: {exc}", source) from None

    sections: dict[str, dict[str, Any]] = {}
    for name in SUBSYSTEM_SECTIONS:
        value = raw.get(name)
        if value is None:
            continue
        if not isinstance(value, dict):
            raise ConfigError(f"`bloglint.{name}` must be a mapping", source)
        sections[name] = value
        if name in SECTION_VALIDATORS:
            module_name, function = SECTION_VALIDATORS[name].split(":")
            validate = getattr(importlib.import_module(module_name), function)
            validate(value, source)

    return LintConfig(
        enabled=enabled,
        options=options,
        exclude=[str(p) for p in exclude],
        fail_on=fail_on,
        cache_dir=str(raw.get("cache_dir", DEFAULT_CACHE_DIR)),
        sections=sections,
        source=source,
    )
