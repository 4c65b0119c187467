"""BL040/BL041 examples from rules/*.yaml, run against a real local server.

The examples of these two rules may declare `server:` routes; `{server}` in the post and the
config is replaced by the test server's address. The rules run only when an `ExternalRun`
is in the engine memo, as `bloglint check --external` puts it there; without it they must
not send a single request.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from bloglint.checks import site_check
from bloglint.config import DEFAULT_CACHE_DIR, ConfigError, load_lint_config
from bloglint.engine import SiteContext
from bloglint.external import RESULT_KEY, RUN_KEY, ExternalRun
from bloglint.external.settings import validate_settings
from bloglint.site import load_site
from tests.httpserver import Response, TestServer

RULES = Path(__file__).resolve().parents[1] / "rules"
RULE_FILES = sorted(RULES.glob("BL040-*.yaml")) + sorted(RULES.glob("BL041-*.yaml"))
EXAMPLES = [
    pytest.param(rule, example, id=f"{rule['id']}-{i}-{example['title'][:40]}")
    for path in RULE_FILES
    for rule in [yaml.safe_load(path.read_text(encoding="utf-8"))]
    for i, example in enumerate(rule["examples"])
]


def serve(server: TestServer, routes: dict[str, dict[str, Any]]) -> None:
    for path, spec in routes.items():
        headers = []
        if "location" in spec:
            headers.append(("Location", spec["location"]))
        if "content_type" in spec:
            headers.append(("Content-Type", spec["content_type"]))
        answer = Response(spec["status"], spec.get("body", "").encode(), headers)
        head_status = spec.get("head_status")
        if head_status:
            server.route(
                path, lambda r, a=answer, s=head_status: Response(s) if r.method == "HEAD" else a
            )
        else:
            server.route(path, answer)


def fill(value: Any, address: str) -> Any:
    if isinstance(value, str):
        return value.replace("{server}", address)
    if isinstance(value, dict):
        return {k: fill(v, address) for k, v in value.items()}
    if isinstance(value, list):
        return [fill(v, address) for v in value]
    return value


def build_site(root: Path, example: dict[str, Any], address: str) -> str:
    config = {"title": "Example", "url": "https://example.org", **example.get("config", {})}
    config = fill(config, address)
    (root / "_config.yml").write_text(yaml.safe_dump(config, allow_unicode=True), "utf-8")
    path = example.get("path", "_posts/2024-01-01-example.md")
    for relpath, text in {**example.get("files", {}), path: example["post"]}.items():
        target = root / relpath
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(fill(text, address), encoding="utf-8")
    return path


def run_rule(root: Path, rule_id: str, path: str, memo: dict[str, Any]) -> list[int]:
    site = load_site(root)
    config = load_lint_config(site.config.get("bloglint"))
    check = site_check(rule_id)
    assert check is not None
    ctx = SiteContext(site, {}, memo, config, frozenset({path}))
    return sorted(hit.line for relpath, hit in check(ctx) if relpath == path)


@pytest.mark.parametrize(("rule", "example"), EXAMPLES)
def test_rule_example_against_a_local_server(tmp_path, rule, example):
    with TestServer() as server:
        serve(server, example.get("server", {}))
        path = build_site(tmp_path, example, f"http://127.0.0.1:{server.port}")
        memo: dict[str, Any] = {RUN_KEY: ExternalRun(use_cache=False)}
        lines = run_rule(tmp_path, rule["id"], path, memo)
        messages = [h.message for hits in memo[RESULT_KEY].broken.values() for h in hits]
        assert lines == sorted(example["expect"]), messages


def test_without_external_run_nothing_is_requested(tmp_path):
    with TestServer() as server:
        server.route("/gone", Response(404))
        example = {
            "post": "---\ntitle: T\n---\n\n[gone]({server}/gone)\n",
            "config": {"bloglint": {"external": {"allow_private": True}}},
        }
        path = build_site(tmp_path, example, f"http://127.0.0.1:{server.port}")
        memo: dict[str, Any] = {}
        assert run_rule(tmp_path, "BL040", path, memo) == []
        assert run_rule(tmp_path, "BL041", path, memo) == []
        assert server.count() == 0 and RESULT_KEY not in memo


def test_both_rules_share_one_run_and_the_site_cache(tmp_path):
    with TestServer() as server:
        server.route("/old", Response.redirect(301, "/new"))
        server.route("/new", Response(200))
        example = {
            "post": "---\ntitle: T\n---\n\n[a]({server}/old) [b]({server}/gone)\n",
            "config": {"bloglint": {"external": {"allow_private": True}}},
        }
        path = build_site(tmp_path, example, f"http://127.0.0.1:{server.port}")
        memo: dict[str, Any] = {RUN_KEY: ExternalRun()}
        assert run_rule(tmp_path, "BL040", path, memo) == [5]
        assert run_rule(tmp_path, "BL041", path, memo) == [5]
        requests = server.count()
        assert (tmp_path / DEFAULT_CACHE_DIR / "external-links.sqlite3").is_file()
        # A second run finds the redirect in the cache; only the broken link is asked again.
        memo = {RUN_KEY: ExternalRun()}
        assert run_rule(tmp_path, "BL041", path, memo) == [5]
        assert server.methods("/gone")[-2:] == ["HEAD", "GET"]
        assert server.count() - requests == 2


def test_config_validator_reports_the_full_key():
    with pytest.raises(ConfigError, match=r"unknown key `bloglint.external.timeout`"):
        validate_settings({"timeout": 3}, "_config.yml")
    validate_settings({"read_timeout": "3s", "accept": ["200..299", 429]}, "_config.yml")
