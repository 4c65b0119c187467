"""Build small Jekyll sites in a temporary folder and lint them, for rule tests."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from bloglint import engine
from bloglint.config import load_lint_config
from bloglint.model import Finding
from bloglint.site import load_site


def write_site(root: Path, files: dict[str, str | bytes], **config: Any) -> Path:
    """Write `_config.yml` (title, url, plus `config`) and the files, by site-relative path."""
    root.mkdir(parents=True, exist_ok=True)
    settings: dict[str, Any] = {"title": "Test", "url": "https://example.org", **config}
    (root / "_config.yml").write_text(yaml.safe_dump(settings, allow_unicode=True), "utf-8")
    for relpath, content in files.items():
        target = root / relpath
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")
    return root


def lint(root: Path, *rule_ids: str, options: dict[str, Any] | None = None) -> list[Finding]:
    """Findings of the given rules over the whole site (every file may be reported)."""
    site = load_site(root)
    raw = {"rules": {rule: opts for rule, opts in (options or {}).items()}} if options else None
    config = load_lint_config(raw)
    return engine.run(site, config, only=list(rule_ids)).findings


def post(body: str, **front_matter: Any) -> str:
    """A post: front matter (title 'A post' unless given) and the body after a blank line."""
    matter = {"title": "A post", **front_matter}
    return "---\n" + yaml.safe_dump(matter, allow_unicode=True) + "---\n\n" + body
