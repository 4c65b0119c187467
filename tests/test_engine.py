"""The engine's own behaviour: configuration, suppression comments, ordering, exit codes."""

from __future__ import annotations

import pytest

from bloglint.catalog import load_catalog
from bloglint.config import load_lint_config
from bloglint.engine import Suppressions
from bloglint.model import ConfigError, Severity


def some_rule():
    return next(iter(load_catalog().values()))


def test_default_config_enables_every_rule_at_its_declared_severity() -> None:
    config = load_lint_config(None)
    assert config.enabled == {spec.id: spec.severity for spec in load_catalog().values()}


def test_select_ignore_and_severity_accept_ids_and_names() -> None:
    spec = some_rule()
    config = load_lint_config({"select": [spec.name], "severity": {spec.id.lower(): "info"}})
    assert config.enabled == {spec.id: Severity.INFO}
    assert load_lint_config({"ignore": [spec.id]}).enabled.get(spec.id) is None
    assert spec.id not in load_lint_config({"severity": {spec.name: "off"}}).enabled


@pytest.mark.parametrize(
    ("raw", "needle"),
    [
        ({"selcet": ["BL001"]}, "bloglint.selcet"),
        ({"select": ["BL999"]}, "BL999"),
        ({"severity": {"BL999": "error"}}, "BL999"),
        ({"rules": "nope"}, "bloglint.rules"),
        ({"fail_on": "fatal"}, "fail_on"),
        ("just a string", "mapping"),
    ],
)
def test_configuration_errors_name_the_key(raw: object, needle: str) -> None:
    with pytest.raises(ConfigError) as info:
        load_lint_config(raw, source="_config.yml")
    assert needle in str(info.value)
    assert "_config.yml" in str(info.value)


def test_unknown_rule_option_is_an_error() -> None:
    spec = some_rule()
    with pytest.raises(ConfigError, match="unknown option"):
        load_lint_config({"rules": {spec.id: {"no_such_option": 1}}})


def test_suppression_forms() -> None:
    spec = some_rule()
    text = "\n".join(
        [
            "line 1",
            f"<!-- bloglint-disable-next-line {spec.id} -->",
            "line 3 is suppressed",
            f"line 4 <!-- bloglint-disable-line {spec.name} -->",
            "<!-- bloglint-disable -->",
            "line 6 everything off",
            "<!-- bloglint-enable -->",
            "line 8 back on",
        ]
    )
    s = Suppressions(text)
    assert not s.suppressed(spec.id, 1)
    assert s.suppressed(spec.id, 3)
    assert s.suppressed(spec.id, 4)
    assert not s.suppressed("BL998", 4)
    assert s.suppressed("BL998", 6)
    assert not s.suppressed(spec.id, 8)


def test_disable_without_enable_runs_to_the_end_of_the_file() -> None:
    s = Suppressions("a\n<!-- bloglint-disable BL001 BL002 -->\nb\nc")
    assert s.suppressed("BL001", 4) and s.suppressed("BL002", 3)
    assert not s.suppressed("BL001", 1) and not s.suppressed("BL003", 3)


def test_a_failing_rule_is_reported_and_the_run_goes_on(tmp_path, monkeypatch) -> None:
    """A bug in one rule must not hide the other rules' findings or print a traceback."""
    from bloglint import checks, engine
    from bloglint.site import load_site

    (tmp_path / "_config.yml").write_text("title: t\n", encoding="utf-8")
    (tmp_path / "_posts").mkdir()
    (tmp_path / "_posts" / "2024-01-01-a.md").write_text(
        "---\ntitle: A\n---\n\n[x](#nowhere)\n", encoding="utf-8"
    )
    real = checks.post_check

    def broken(rule_id: str):
        if rule_id == "BL011":

            def explode(ctx):
                raise RuntimeError("boom")
                yield

            return explode
        return real(rule_id)

    monkeypatch.setattr(checks, "post_check", broken)
    result = engine.run(load_site(tmp_path), load_lint_config(None))
    assert any("BL011 failed: RuntimeError: boom" in e for e in result.errors)
    assert any(f.rule_id == "BL002" for f in result.findings)


def test_a_stale_toc_entry_is_reported_once(tmp_path) -> None:
    """BL022 supersedes BL002 on the same line; alone, BL002 still reports the link."""
    from bloglint import engine
    from bloglint.site import load_site

    (tmp_path / "_config.yml").write_text("title: t\n", encoding="utf-8")
    (tmp_path / "_posts").mkdir()
    (tmp_path / "_posts" / "2024-01-01-a.md").write_text(
        "---\ntitle: A\n---\n\n<!-- TOC -->\n- [Gone](#gone)\n<!-- /TOC -->\n\n## Here\n",
        encoding="utf-8",
    )
    site = load_site(tmp_path)
    both = engine.run(site, load_lint_config(None)).findings
    assert [(f.line, f.rule_id) for f in both if f.line == 6] == [(6, "BL022")]
    alone = engine.run(site, load_lint_config({"select": ["BL002"]})).findings
    assert [(f.line, f.rule_id) for f in alone] == [(6, "BL002")]
