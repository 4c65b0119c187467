"""Every good and bad example declared in rules/*.yaml runs as a test.

An example is a whole post (plus, optionally, other site files and config); the test builds
that site in a temporary folder, runs only the example's rule, and compares the reported
lines with the example's `expect`.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bloglint import engine
from bloglint.catalog import RuleExample, RuleSpec, load_catalog
from bloglint.config import load_lint_config
from bloglint.site import load_site

# The external-link rules' examples need a live server and `--external`; they run against a
# real local server in tests/test_external_rules.py instead.
NETWORK_RULES = {"BL040", "BL041"}

CASES = [
    pytest.param(spec, example, id=f"{spec.id}-{i}-{example.title[:40]}")
    for spec in load_catalog().values()
    if spec.id not in NETWORK_RULES
    for i, example in enumerate(spec.examples)
]


def build_example_site(root: Path, example: RuleExample) -> None:
    config = {"title": "Example", "url": "https://example.org"}
    config.update(example.config)
    (root / "_config.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    for relpath, text in {**example.files, example.path: example.post}.items():
        target = root / relpath
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")


@pytest.mark.parametrize(("spec", "example"), CASES)
def test_rule_example(tmp_path: Path, spec: RuleSpec, example: RuleExample) -> None:
    build_example_site(tmp_path, example)
    site = load_site(tmp_path)
    config = load_lint_config(site.config.get("bloglint"))
    result = engine.run(site, config, selected={example.path}, only=[spec.id])
    reported = sorted(f.line for f in result.findings if f.rule_id == spec.id)
    assert reported == sorted(example.expect), [f.message for f in result.findings]


def test_every_rule_has_good_and_bad_examples() -> None:
    for spec in load_catalog().values():
        assert any(ex.expect for ex in spec.examples), f"{spec.id} has no bad example"
        assert any(not ex.expect for ex in spec.examples), f"{spec.id} has no good example"
