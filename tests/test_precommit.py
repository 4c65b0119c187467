"""bloglint as a pre-commit hook, end to end: real git, real pre-commit, this checkout's hooks.

The blog's `.pre-commit-config.yaml` points at this checkout, so pre-commit clones it,
builds a virtualenv and pip-installs bloglint into it exactly as it does for a blogger
(the first commit therefore needs PyPI and takes a while; later ones reuse the env).
"""

from __future__ import annotations

import importlib.util
import os
import shlex
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from tests.walking_blog import LINK_LINE, LINKING, TARGET, TARGET_POST, linking_post

CHECKOUT = Path(__file__).resolve().parents[1]
HOOKS_MANIFEST = CHECKOUT / ".pre-commit-hooks.yaml"
INSTALL_TIMEOUT = 1200  # building the hook's virtualenv downloads bloglint's dependencies
COMMIT_TIMEOUT = 300

BROKEN_POST_URL = """\
---
title: Looking back
---

A year later I reread
[the first post]({% post_url 2024-01-01-nope %}), which no longer exists.
"""
BROKEN_LINE = 6


# --- tools -------------------------------------------------------------------------------------


def pre_commit_command() -> list[str]:
    """The pre-commit of this Python environment (the `test` extra), else one on PATH."""
    if importlib.util.find_spec("pre_commit") is not None:
        return [sys.executable, "-m", "pre_commit"]
    found = shutil.which("pre-commit")
    if found is None:
        pytest.skip("pre-commit is not installed: pip install -e '.[test]'")
    return [found]


def clean_env(home: Path) -> dict[str, str]:
    """The environment for git and pre-commit: no outer GIT_* variables, our PRE_COMMIT_HOME.

    The user's git configuration stays out too (a global core.hooksPath makes
    `pre-commit install` refuse, commit.gpgsign would prompt).
    """
    env = {key: value for key, value in os.environ.items() if not key.startswith("GIT_")}
    env.update(GIT_CONFIG_GLOBAL=os.devnull, GIT_CONFIG_NOSYSTEM="1")
    env["PRE_COMMIT_HOME"] = str(home)
    env.pop("PRE_COMMIT", None)  # set when pytest itself runs inside a hook
    return env


def run(
    argv: list[str], cwd: Path, env: dict[str, str], timeout: int = COMMIT_TIMEOUT
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        argv, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout, check=False
    )


def git(repo: Path, env: dict[str, str], *args: str) -> str:
    done = run(["git", *args], repo, env)
    assert done.returncode == 0, f"git {' '.join(args)} failed:\n{done.stdout}{done.stderr}"
    return done.stdout


def init_repo(repo: Path, env: dict[str, str]) -> None:
    repo.mkdir(parents=True, exist_ok=True)
    git(repo, env, "init", "-q")
    set_identity(repo, env)


def set_identity(repo: Path, env: dict[str, str]) -> None:
    git(repo, env, "config", "user.name", "bloglint tests")
    git(repo, env, "config", "user.email", "tests@bloglint.invalid")


def commit_count(repo: Path, env: dict[str, str]) -> int:
    return int(git(repo, env, "rev-list", "--count", "HEAD").strip())


def finding_line(output: str, rule: str) -> str:
    """The text-format line reporting `rule` (one per finding: `LINE:COL  severity  message  [rule]`)."""
    lines = [line.strip() for line in output.splitlines() if f"[{rule} " in line]
    assert len(lines) == 1, f"expected one {rule} finding in:\n{output}"
    return lines[0]


# --- fixtures ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    pre_commit_command()  # skips when absent
    return clean_env(tmp_path_factory.mktemp("pre-commit-home"))


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory: pytest.TempPathFactory, env: dict[str, str]) -> tuple[Path, str]:
    """This checkout as pre-commit sees a hook repository: a commit of its working tree.

    pre-commit installs a hook from a commit (`rev`), so uncommitted edits to tracked files
    are committed onto a clone, as `pre-commit try-repo` does (untracked files are left out,
    as there); in a clean clone (CI) this is just HEAD.
    """
    # This checkout is read with the user's git configuration (safe.directory, say).
    outer = {key: value for key, value in os.environ.items() if not key.startswith("GIT_")}
    head = run(["git", "rev-parse", "HEAD"], CHECKOUT, outer)
    if head.returncode != 0:
        pytest.fail(f"{CHECKOUT} is not a git checkout; pre-commit installs hooks from git repos")
    tracked = run(["git", "ls-files", "--error-unmatch", HOOKS_MANIFEST.name], CHECKOUT, outer)
    assert tracked.returncode == 0, (
        f"{HOOKS_MANIFEST.name} is not tracked by git, so pre-commit cannot see it: commit it"
    )
    base = head.stdout.strip()
    shadow = tmp_path_factory.mktemp("hook-repo") / "bloglint"
    git(CHECKOUT.parent, outer, "clone", "-q", "--no-hardlinks", str(CHECKOUT), str(shadow))
    git(shadow, env, "checkout", "-q", "--detach", base)
    set_identity(shadow, env)
    diff = subprocess.run(
        ["git", "diff", "--binary", "--no-color", "--no-ext-diff", base],
        cwd=CHECKOUT,
        env=outer,
        capture_output=True,
        check=True,
        timeout=COMMIT_TIMEOUT,
    ).stdout
    if diff:
        subprocess.run(
            ["git", "apply", "--binary", "-"], cwd=shadow, env=env, input=diff, check=True
        )
        git(shadow, env, "commit", "-q", "-a", "-m", "working tree under test")
    return shadow, git(shadow, env, "rev-parse", "HEAD").strip()


def make_blog(repo: Path, env: dict[str, str], hook_repo: tuple[Path, str], site: str = "") -> Path:
    """A git repo holding a blog (at `site` inside it) with bloglint's hook installed."""
    init_repo(repo, env)
    url, rev = hook_repo
    config = {"repos": [{"repo": str(url), "rev": rev, "hooks": [{"id": "bloglint"}]}]}
    (repo / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    root = repo / site
    (root / "_posts").mkdir(parents=True)
    (root / "_config.yml").write_text(
        "title: Walking notes\nurl: https://walks.example.org\n", encoding="utf-8"
    )
    (root / TARGET).write_text(TARGET_POST, encoding="utf-8")
    installed = run(
        [*pre_commit_command(), "install", "--install-hooks"], repo, env, timeout=INSTALL_TIMEOUT
    )
    assert installed.returncode == 0, installed.stdout + installed.stderr
    return root


def commit(repo: Path, env: dict[str, str], *paths: str) -> subprocess.CompletedProcess[str]:
    git(repo, env, "add", "--", *paths)
    return run(["git", "commit", "-m", f"add {', '.join(paths)}"], repo, env)


@pytest.fixture()
def blog(tmp_path: Path, env: dict[str, str], hook_repo: tuple[Path, str]) -> Iterator[Path]:
    repo = tmp_path / "blog"
    make_blog(repo, env, hook_repo)
    first = commit(repo, env, ".pre-commit-config.yaml", "_config.yml", "_posts")
    assert first.returncode == 0, (
        f"the clean first commit was refused:\n{first.stdout}{first.stderr}"
    )
    assert "bloglint" in first.stdout + first.stderr and "Passed" in first.stdout + first.stderr
    yield repo


# --- tests -------------------------------------------------------------------------------------


def test_commit_adding_a_broken_post_url_is_refused_with_the_finding(
    blog: Path, env: dict[str, str]
) -> None:
    before = commit_count(blog, env)
    path = "_posts/2025-01-10-looking-back.md"
    (blog / path).write_text(BROKEN_POST_URL, encoding="utf-8")

    refused = commit(blog, env, path)

    output = refused.stdout + refused.stderr
    assert refused.returncode != 0, f"the commit went through:\n{output}"
    assert commit_count(blog, env) == before
    assert "bloglint" in output and "Failed" in output
    assert path in output  # the file ...
    finding = finding_line(output, "BL007")
    assert finding.startswith(f"{BROKEN_LINE}:"), finding  # ... and the line of the link
    assert "2024-01-01-nope" in finding


def test_fixed_post_then_commits(blog: Path, env: dict[str, str]) -> None:
    path = "_posts/2025-01-10-looking-back.md"
    (blog / path).write_text(BROKEN_POST_URL, encoding="utf-8")
    assert commit(blog, env, path).returncode != 0

    fixed = BROKEN_POST_URL.replace("2024-01-01-nope", "2024-01-10-packing")
    (blog / path).write_text(fixed, encoding="utf-8")
    done = commit(blog, env, path)

    assert done.returncode == 0, done.stdout + done.stderr
    assert git(blog, env, "log", "-1", "--format=%s").strip() == f"add {path}"


def test_links_to_unstaged_posts_are_checked_against_the_whole_site(
    blog: Path, env: dict[str, str]
) -> None:
    # Only the new post is staged; its link target was committed earlier. A fragment
    # naming no heading of that post is refused, so bloglint read the unstaged post.
    path = LINKING
    (blog / path).write_text(linking_post("what-to-wear"), encoding="utf-8")

    refused = commit(blog, env, path)

    output = refused.stdout + refused.stderr
    assert refused.returncode != 0, output
    finding = finding_line(output, "BL002")
    assert finding.startswith(f"{LINK_LINE}:"), finding
    assert "`#what-to-wear`" in finding and "/2024/01/10/packing.html" in finding

    # The fragment of a real heading of that post passes (and `post_url` found the post).
    (blog / path).write_text(linking_post("packing-list"), encoding="utf-8")
    assert commit(blog, env, path).returncode == 0


def test_only_staged_posts_are_reported(blog: Path, env: dict[str, str]) -> None:
    # A broken post lying untracked in the working tree is not part of this commit.
    (blog / "_posts" / "2025-01-10-looking-back.md").write_text(BROKEN_POST_URL, encoding="utf-8")
    path = LINKING
    (blog / path).write_text(linking_post("things-to-leave-behind"), encoding="utf-8")

    done = commit(blog, env, path)

    assert done.returncode == 0, done.stdout + done.stderr


def test_blog_in_a_subfolder_of_the_repository(
    tmp_path: Path, env: dict[str, str], hook_repo: tuple[Path, str]
) -> None:
    # GitHub Pages project sites often live in docs/: the hook finds the site from the path.
    repo = tmp_path / "project"
    make_blog(repo, env, hook_repo, site="docs")
    (repo / "README.md").write_text("# A project with a blog in docs/\n", encoding="utf-8")
    assert commit(repo, env, ".pre-commit-config.yaml", "README.md", "docs").returncode == 0

    path = "docs/_posts/2025-01-10-looking-back.md"
    (repo / path).write_text(BROKEN_POST_URL, encoding="utf-8")
    refused = commit(repo, env, path)

    output = refused.stdout + refused.stderr
    assert refused.returncode != 0, output
    assert finding_line(output, "BL007").startswith(f"{BROKEN_LINE}:")


def test_hooks_manifest_and_our_config_are_valid() -> None:
    """pre-commit's own schema checks of the hooks we publish and the hooks we use."""
    command = pre_commit_command()
    for sub, name in (
        ("validate-manifest", ".pre-commit-hooks.yaml"),
        ("validate-config", ".pre-commit-config.yaml"),
    ):
        done = subprocess.run(
            [*command, sub, str(CHECKOUT / name)],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert done.returncode == 0, f"{name}:\n{done.stdout}{done.stderr}"
    hooks = {hook["id"]: hook for hook in yaml.safe_load(HOOKS_MANIFEST.read_text("utf-8"))}
    assert set(hooks) == {"bloglint", "bloglint-feed"}
    assert hooks["bloglint"]["entry"].split()[:2] == ["bloglint", "check"]


@pytest.mark.parametrize("hook_id", ["bloglint", "bloglint-feed"])
def test_hook_entries_are_commands_bloglint_accepts(hook_id: str) -> None:
    from bloglint.cli import build_parser

    hooks = {hook["id"]: hook for hook in yaml.safe_load(HOOKS_MANIFEST.read_text("utf-8"))}
    program, *args = shlex.split(hooks[hook_id]["entry"])
    assert program == "bloglint"
    try:
        build_parser().parse_args(args)
    except SystemExit as exc:
        pytest.fail(f"`{hooks[hook_id]['entry']}` is rejected by bloglint's CLI (exit {exc.code})")
