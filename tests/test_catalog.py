"""The rule catalogue and the implementation registry agree, one to one."""

from __future__ import annotations

import re

from bloglint.catalog import find_rule, load_catalog, rules_dir
from bloglint.checks import CHECKS, post_check, site_check


def test_rule_files_are_named_after_their_id_and_name() -> None:
    for spec in load_catalog().values():
        assert spec.source.name == f"{spec.id}-{spec.name}.yaml"
        assert re.fullmatch(r"BL\d{3}", spec.id)
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", spec.name)


def test_rules_folder_holds_only_yaml() -> None:
    assert all(path.suffix == ".yaml" for path in rules_dir().iterdir())


def test_every_declared_rule_is_implemented_and_vice_versa() -> None:
    catalog = load_catalog()
    assert set(catalog) == set(CHECKS)
    for rule_id in CHECKS:
        assert post_check(rule_id) or site_check(rule_id), rule_id


def test_rules_are_found_by_id_or_name() -> None:
    for spec in load_catalog().values():
        assert find_rule(spec.id.lower()) is spec
        assert find_rule(spec.name) is spec
    assert find_rule("no-such-rule") is None


def test_readme_rule_table_is_current() -> None:
    from pathlib import Path

    from bloglint.catalog import markdown_table

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    start = readme.index("<!-- rules-table -->\n") + len("<!-- rules-table -->\n")
    end = readme.index("<!-- /rules-table -->")
    assert readme[start:end] == markdown_table(), "run `bloglint rules --format markdown`"


def test_readme_configuration_example_is_valid() -> None:
    """The README's `bloglint:` example must load without a configuration error."""
    from pathlib import Path

    import yaml

    from bloglint.config import load_lint_config

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Configuration") :]
    block = section[
        section.index("```yaml\n") + 8 : section.index("```\n", section.index("```yaml"))
    ]
    raw = yaml.safe_load(block)["bloglint"]
    config = load_lint_config(raw)
    assert "BL001" in config.enabled and config.section("external")["fragments"] is True


def test_examples_is_the_last_key_of_every_rule_file() -> None:
    """The catalogue reads a rule's metadata from the text before `examples:` (for speed)."""
    import re

    for spec in load_catalog().values():
        keys = re.findall(r"^([a-z_]+):", spec.source.read_text(encoding="utf-8"), re.MULTILINE)
        assert keys[-1] == "examples", spec.source.name
