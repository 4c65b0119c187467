"""Run the enabled checks over the selected posts and turn their hits into sorted findings.

Checks never see configuration beyond their own options and never build findings: the
engine stamps path, rule and effective severity, and applies inline suppressions, so every
rule behaves the same way in every output format.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from bloglint.catalog import load_catalog
from bloglint.config import LintConfig
from bloglint.model import Finding, Hit

if TYPE_CHECKING:
    from bloglint.site import Post, Site


@dataclass(slots=True)
class CheckContext:
    """What a per-post check gets: the post, the whole site, its options, a per-run memo."""

    site: Site
    post: Post
    options: Mapping[str, Any]
    memo: dict[str, Any]
    config: LintConfig


@dataclass(slots=True)
class SiteContext:
    """What a site-wide check gets (for findings that are not about one post's content)."""

    site: Site
    options: Mapping[str, Any]
    memo: dict[str, Any]
    config: LintConfig
    selected: frozenset[str]  # relpaths of the posts being checked (others may be reported too)


PostCheck = Callable[[CheckContext], Iterable[Hit]]
SiteCheck = Callable[[SiteContext], Iterable[tuple[str, Hit]]]


@dataclass(slots=True)
class RunResult:
    findings: list[Finding]
    checked: int  # number of files checked
    memo: dict[str, Any] = field(default_factory=dict)
    # A rule that failed on a file (a bug in bloglint): reported, and the run goes on.
    errors: list[str] = field(default_factory=list)


# --- inline suppression -------------------------------------------------------------------

_DIRECTIVE = re.compile(
    r"<!--\s*bloglint-(disable|enable|disable-next-line|disable-line)\b([^>]*?)-->"
)


def _rule_keys(text: str) -> frozenset[str]:
    """Rule ids/names named in a directive, normalised to ids; empty means every rule."""
    catalog = load_catalog()
    by_name = {spec.name: spec.id for spec in catalog.values()}
    keys = set()
    for word in re.split(r"[\s,]+", text.strip()):
        if word:
            keys.add(by_name.get(word, word.upper()))
    return frozenset(keys)


class Suppressions:
    """Which rules are switched off on which lines of one file, from `bloglint-*` comments."""

    def __init__(self, text: str) -> None:
        self._ranges: list[tuple[int, int, frozenset[str]]] = []  # (first, last, rules)
        if "bloglint-" not in text:
            return
        open_: dict[str, int] = {}
        everything = "*"
        lines = text.splitlines()
        for number, line in enumerate(lines, start=1):
            for match in _DIRECTIVE.finditer(line):
                kind, rules = match.group(1), _rule_keys(match.group(2))
                names = rules or frozenset([everything])
                if kind == "disable-line":
                    self._ranges.append((number, number, names))
                elif kind == "disable-next-line":
                    self._ranges.append((number + 1, number + 1, names))
                elif kind == "disable":
                    for name in names:
                        open_.setdefault(name, number)
                else:  # enable
                    targets = list(open_) if not rules else [n for n in names if n in open_]
                    for name in targets:
                        self._ranges.append((open_.pop(name), number, frozenset([name])))
        for name, start in open_.items():
            self._ranges.append((start, len(lines) + 1, frozenset([name])))

    def suppressed(self, rule_id: str, line: int) -> bool:
        return any(
            first <= line <= last and (rule_id in rules or "*" in rules)
            for first, last, rules in self._ranges
        )


# --- running ------------------------------------------------------------------------------


def _finding(relpath: str, rule_id: str, config: LintConfig, hit: Hit) -> Finding:
    spec = load_catalog()[rule_id]
    return Finding(
        path=relpath,
        line=hit.line,
        column=hit.column,
        rule_id=rule_id,
        rule=spec.name,
        severity=config.enabled[rule_id],
        message=hit.message,
        end_line=hit.end_line,
        end_column=hit.end_column,
    )


def checked_posts(site: Site, config: LintConfig, selected: set[str] | None) -> list[Post]:
    """The posts and collection documents to report on: all, or those under the given paths."""
    candidates = list(site.posts) + list(site.documents) + list(getattr(site, "unpublished", []))
    seen: set[str] = set()
    chosen = []
    for post in candidates:
        relpath = post.relpath
        if relpath in seen or config.excluded(relpath):
            continue
        if selected is not None and relpath not in selected:
            continue
        seen.add(relpath)
        chosen.append(post)
    return chosen


def run(
    site: Site,
    config: LintConfig,
    *,
    selected: set[str] | None = None,
    only: Iterable[str] | None = None,
    memo: dict[str, Any] | None = None,
) -> RunResult:
    """Check the site; `selected` limits reporting to those relpaths (the whole site is still read).

    `only` limits the run to some rule ids on top of the configuration (used by tests and
    by commands that need one family of rules). `memo` is the per-run memo the checks share.
    """
    from bloglint.checks import post_check, site_check

    rule_ids = [rid for rid in config.enabled if only is None or rid in set(only)]
    memo = {} if memo is None else memo  # callers may seed it (e.g. the `--external` request)
    findings: list[Finding] = []
    errors: list[str] = []
    posts = checked_posts(site, config, selected)
    suppressions: dict[str, Suppressions] = {}

    def keep(relpath: str, rule_id: str, hit: Hit) -> None:
        if config.excluded(relpath):
            return
        if relpath not in suppressions:
            source = _source_text(site, relpath)
            suppressions[relpath] = Suppressions(source)
        if not suppressions[relpath].suppressed(rule_id, hit.line):
            findings.append(_finding(relpath, rule_id, config, hit))

    post_checks = {rid: c for rid in rule_ids if (c := post_check(rid)) is not None}
    if post_checks:
        from bloglint.parallel import parse_documents

        parse_documents(site, posts)
    for post in posts:
        suppressions[post.relpath] = Suppressions(post.source.text)
        for rule_id in rule_ids:
            check = post_checks.get(rule_id)
            if check is None:
                continue
            ctx = CheckContext(site, post, config.options.get(rule_id, {}), memo, config)
            try:
                for hit in check(ctx):
                    keep(post.relpath, rule_id, hit)
            except Exception as error:  # noqa: BLE001 - one rule's bug must not stop the run
                errors.append(
                    f"{post.relpath}: rule {rule_id} failed: {type(error).__name__}: {error}"
                )

    everything = selected is None
    selected_paths = frozenset(selected or ())
    reported = frozenset(p.relpath for p in posts) if everything else selected_paths
    for rule_id in rule_ids:
        whole_site = site_check(rule_id)
        if whole_site is None:
            continue
        sctx = SiteContext(site, config.options.get(rule_id, {}), memo, config, reported)
        try:
            for relpath, hit in whole_site(sctx):
                if everything or relpath in selected_paths:
                    keep(relpath, rule_id, hit)
        except Exception as error:  # noqa: BLE001 - one rule's bug must not stop the run
            errors.append(f"rule {rule_id} failed: {type(error).__name__}: {error}")

    findings = _without_superseded(findings)
    findings.sort()
    return RunResult(findings=findings, checked=len(posts), memo=memo, errors=errors)


def _without_superseded(findings: list[Finding]) -> list[Finding]:
    """Drop a finding when a more specific rule reported the same line (see RuleSpec.supersedes)."""
    catalog = load_catalog()
    hidden = {
        (f.path, f.line, weaker) for f in findings for weaker in catalog[f.rule_id].supersedes
    }
    if not hidden:
        return findings
    return [f for f in findings if (f.path, f.line, f.rule_id) not in hidden]


def _source_text(site: Site, relpath: str) -> str:
    """The text of a file a site-wide check reported on, for its suppression comments."""
    item = site.page_by_path(relpath)  # the site's own path index, not a scan of every post
    source = getattr(item, "source", item)
    if hasattr(source, "text"):
        return str(source.text)
    try:
        return (site.root / relpath).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""
