"""bloglint's Jekyll plugin inside a real `jekyll build`, installed by `bloglint jekyll-plugin`.

The plugin runs bloglint from this checkout (BLOGLINT and PYTHONPATH below), so these tests
see the same code as the rest of the suite.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from tests.walking_blog import LINK_LINE, LINKING, TARGET, TARGET_POST, linking_post

CHECKOUT = Path(__file__).resolve().parents[1]
BUILD_TIMEOUT = 180


@pytest.fixture(scope="module")
def jekyll() -> str:
    found = shutil.which("jekyll")
    if found is None:
        pytest.skip("jekyll is not installed (Debian: apt-get install jekyll; .ci/run does this)")
    return found


def bloglint_env(**extra: str) -> dict[str, str]:
    """Run this checkout's bloglint from the plugin, and keep Bundler out of the build."""
    env = dict(os.environ)
    env["BLOGLINT"] = f"{shlex.quote(sys.executable)} -m bloglint"
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(CHECKOUT), env.get("PYTHONPATH")]))
    env["JEKYLL_NO_BUNDLER_REQUIRE"] = "true"  # a Gemfile above tmp_path must not matter
    env.pop("JEKYLL_ENV", None)
    env.update(extra)
    return env


def make_site(root: Path, fragment: str, **config: object) -> Path:
    """A two-post site (the second links to the first) with the plugin installed by the CLI."""
    (root / "_posts").mkdir(parents=True)
    settings = {"title": "Walking notes", "url": "https://walks.example.org", **config}
    (root / "_config.yml").write_text(yaml.safe_dump(settings), encoding="utf-8")
    (root / TARGET).write_text(TARGET_POST, encoding="utf-8")
    (root / LINKING).write_text(linking_post(fragment), encoding="utf-8")
    installed = subprocess.run(
        [sys.executable, "-m", "bloglint", "jekyll-plugin", "--site", str(root)],
        env=bloglint_env(),
        capture_output=True,
        text=True,
        timeout=BUILD_TIMEOUT,
        check=False,
    )
    assert installed.returncode == 0, installed.stderr
    return root


def build(
    jekyll: str, root: Path, *args: str, env: dict[str, str] | None = None
) -> tuple[int, str]:
    done = subprocess.run(
        [jekyll, "build", *args],
        cwd=root,
        env=env or bloglint_env(),
        capture_output=True,
        text=True,
        timeout=BUILD_TIMEOUT,
        check=False,
    )
    return done.returncode, done.stdout + done.stderr


def built_page(root: Path) -> Path:
    return root / "_site" / "2024" / "01" / "12" / "the-walk.html"


def finding(output: str, rule: str) -> str:
    """The bloglint log line reporting `rule` (Jekyll squeezes its spaces)."""
    lines = [line for line in output.splitlines() if "bloglint:" in line and f"[{rule} " in line]
    assert len(lines) == 1, f"expected one {rule} finding in:\n{output}"
    return lines[0].split("bloglint:", 1)[1].strip()


def test_build_fails_on_a_broken_link_and_passes_once_fixed(jekyll: str, tmp_path: Path) -> None:
    root = make_site(tmp_path / "site", "what-to-wear")
    assert (root / "_plugins" / "bloglint.rb").is_file()
    # Under LANG=C Ruby reads bloglint's UTF-8 output as ASCII; the plugin must cope.
    c_locale = bloglint_env(LC_ALL="C", LANG="C")

    code, output = build(jekyll, root, env=c_locale)

    assert code != 0, output
    assert f"bloglint: {LINKING}" in output
    line = finding(output, "BL002")
    assert line.startswith(f"{LINK_LINE}:") and "`#what-to-wear`" in line, line
    assert "bloglint found problems" in output
    assert "invalid byte sequence" not in output
    assert not built_page(root).exists()

    (root / LINKING).write_text(linking_post("packing-list"), encoding="utf-8")
    code, output = build(jekyll, root, env=c_locale)

    assert code == 0, output
    assert "no problems" in output  # bloglint ran, and said so
    assert 'href="/2024/01/10/packing.html#packing-list"' in built_page(root).read_text("utf-8")


def test_on_error_warn_builds_and_still_prints_the_finding(jekyll: str, tmp_path: Path) -> None:
    root = make_site(
        tmp_path / "site", "what-to-wear", bloglint={"jekyll_plugin": {"on_error": "warn"}}
    )

    code, output = build(jekyll, root)

    assert code == 0, output
    assert finding(output, "BL002").startswith(f"{LINK_LINE}:")
    assert "the build goes on (on_error: warn)" in output
    assert built_page(root).is_file()


def test_configuration_error_stops_the_build_even_with_warn(jekyll: str, tmp_path: Path) -> None:
    root = make_site(
        tmp_path / "site",
        "packing-list",
        bloglint={"jekyll_plugin": {"on_error": "warn"}, "fail_onn": "error"},
    )

    code, output = build(jekyll, root)

    assert code != 0, output
    assert "bloglint could not check the site" in output
    assert "fail_onn" in output


def test_missing_bloglint_warns_and_builds(jekyll: str, tmp_path: Path) -> None:
    root = make_site(tmp_path / "site", "what-to-wear")
    missing = str(tmp_path / "no-such-bloglint")

    code, output = build(jekyll, root, env=bloglint_env(BLOGLINT=missing))

    assert code == 0, output
    assert f"`{missing}` could not be run" in output
    assert built_page(root).is_file()


def test_drafts_are_checked_when_jekyll_publishes_them(jekyll: str, tmp_path: Path) -> None:
    root = make_site(tmp_path / "site", "packing-list")
    draft = root / "_drafts" / "second-walk.md"
    draft.parent.mkdir()
    draft.write_text(linking_post("what-to-wear", title="Another walk"), "utf-8")

    code, output = build(jekyll, root)
    assert code == 0, output

    code, output = build(jekyll, root, "--drafts")
    assert code != 0, output
    assert "bloglint: _drafts/second-walk.md" in output
    assert finding(output, "BL002").startswith(f"{LINK_LINE}:")


def wait_for(log: Path, text: str, count: int = 1, timeout: float = 60) -> str:
    """The log once `text` occurs `count` times in it (fails after `timeout` seconds)."""
    deadline = time.monotonic() + timeout
    while True:
        output = log.read_text("utf-8", errors="replace")
        if output.count(text) >= count:
            return output
        assert time.monotonic() < deadline, f"no {count}× `{text}` after {timeout}s:\n{output}"
        time.sleep(0.2)


def test_watching_rebuilds_once_per_change(jekyll: str, tmp_path: Path) -> None:
    # `jekyll serve` and `build --watch` rebuild on changes under the source; bloglint's own
    # cache (in the source) must not count as one, or every build triggers the next.
    root = make_site(tmp_path / "site", "packing-list")
    log = tmp_path / "watch.log"
    with log.open("w", encoding="utf-8") as sink:
        watcher = subprocess.Popen(
            [jekyll, "build", "--watch"],
            cwd=root,
            env=bloglint_env(),
            stdout=sink,
            stderr=subprocess.STDOUT,
        )
    try:
        wait_for(log, "Auto-regeneration: enabled")
        (root / LINKING).write_text(linking_post("things-to-leave-behind"), encoding="utf-8")
        wait_for(log, "...done in")
        time.sleep(3)  # a rebuild triggered by that rebuild would start well within this
        output = log.read_text("utf-8", errors="replace")
    finally:
        watcher.terminate()
        watcher.wait(timeout=BUILD_TIMEOUT)
    assert output.count("Regenerating:") == 1, output
    assert output.count("bloglint: 2 files checked, no problems") == 2, output


def test_installed_into_a_custom_plugins_dir(jekyll: str, tmp_path: Path) -> None:
    root = make_site(tmp_path / "site", "what-to-wear", plugins_dir="ruby")

    assert (root / "ruby" / "bloglint.rb").is_file()
    assert not (root / "_plugins").exists()
    code, output = build(jekyll, root)
    assert code != 0, output  # Jekyll loaded it from there
    assert finding(output, "BL002").startswith(f"{LINK_LINE}:")
