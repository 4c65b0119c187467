"""`_config.yml` read and completed the way Jekyll 4.3's `Jekyll.configuration` does.

DEFAULTS < _config.yml, deep-merged; then `posts` is added to `collections` with
`output: true` and the permalink template, and the default excludes are appended.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

from bloglint import model
from bloglint.permalink import style_to_permalink

# Configuration::DEFAULTS (the entries that matter when reading a site).
DEFAULTS: dict[str, Any] = {
    "source": ".",
    "destination": "_site",
    "collections_dir": "",
    "cache_dir": ".jekyll-cache",
    "plugins_dir": "_plugins",
    "layouts_dir": "_layouts",
    "data_dir": "_data",
    "includes_dir": "_includes",
    "collections": {},
    "safe": False,
    "include": [".htaccess"],
    "exclude": [],
    "keep_files": [".git", ".svn"],
    "encoding": "utf-8",
    "markdown_ext": "markdown,mkdown,mkdn,mkd,md",
    "strict_front_matter": False,
    "show_drafts": None,
    "limit_posts": 0,
    "future": False,
    "unpublished": False,
    "whitelist": [],
    "plugins": [],
    "markdown": "kramdown",
    "highlighter": "rouge",
    "lsi": False,
    "excerpt_separator": "\n\n",
    "incremental": False,
    "baseurl": None,
    "permalink": "date",
    "paginate_path": "/page:num",
    "timezone": None,
    "defaults": [],
    "liquid": {"error_mode": "warn", "strict_filters": False, "strict_variables": False},
    "kramdown": {
        "auto_ids": True,
        "toc_levels": [1, 2, 3, 4, 5, 6],
        "entity_output": "as_char",
        "smart_quotes": "lsquo,rsquo,ldquo,rdquo",
        "input": "GFM",
        "hard_wrap": False,
        "guess_lang": True,
        "footnote_nr": 1,
        "show_warnings": False,
    },
}

# Configuration::DEFAULT_EXCLUDES, appended to every `exclude` list.
DEFAULT_EXCLUDES = [
    ".sass-cache", ".jekyll-cache", "gemfiles", "Gemfile", "Gemfile.lock", "node_modules",
    "vendor/bundle/", "vendor/cache/", "vendor/gems/", "vendor/ruby/",
]  # fmt: skip

CONFIG_NAMES = ("_config.yml", "_config.yaml")


class ConfigError(model.ConfigError):
    """`_config.yml` cannot be used (Jekyll would stop); the CLI turns this into exit 2."""

    def __init__(self, path: str, line: int, message: str) -> None:
        super().__init__(message, path, line)


def deep_merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    """`Utils.deep_merge_hashes`: nested mappings merge, a nil value keeps the old one."""
    merged = dict(base)
    for key, value in override.items():
        old = merged.get(key)
        if value is None and key in merged:
            continue
        if isinstance(old, dict) and isinstance(value, dict):
            merged[key] = deep_merge(old, value)
        else:
            merged[key] = value
    return merged


def read_config_file(root: Path) -> tuple[dict[str, Any], str | None]:
    """The user's `_config.yml` (or `.yaml`) as a mapping, and its name; ({}, None) if absent."""
    import yaml

    from bloglint.source import yaml_error_place

    for name in CONFIG_NAMES:
        path = root / name
        if not path.is_file():
            continue
        try:
            text = path.read_bytes().decode("utf-8-sig")
        except OSError as error:
            raise ConfigError(
                name, 1, f"cannot read the configuration: {error.strerror or error}"
            ) from None
        except UnicodeDecodeError as error:
            raise ConfigError(
                name, 1, f"the configuration is not valid UTF-8 (byte {error.start})"
            ) from None
        try:
            value = _parsed_config(text)
        except yaml.YAMLError as error:
            line, _, detail = yaml_error_place(error, text.rstrip().count("\n") + 1)
            raise ConfigError(
                name, line, f"the configuration is not valid YAML ({detail})"
            ) from None
        if value is None:
            return {}, name
        if not isinstance(value, dict):
            # Jekyll warns "Error reading configuration. Using defaults" here; a linter must not
            # silently lint a different site, so this stops the run.
            raise ConfigError(
                name,
                1,
                f"the configuration must be a mapping of `key: value`, not a {type(value).__name__}",
            )
        return {str(key): item for key, item in value.items()}, name
    return {}, None


_PARSED: dict[str, Any] = {}  # config text -> its YAML, for the second reading in one run


def _parsed_config(text: str) -> Any:
    """The config's YAML, parsed once per text (a run reads the config twice: for the
    cache folder, then for the site); a deep copy each time, as callers may change it."""
    from bloglint.source import load_yaml

    if text not in _PARSED:
        if len(_PARSED) > 8:
            _PARSED.clear()
        _PARSED[text] = load_yaml(text)
    return copy.deepcopy(_PARSED[text])


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def complete_config(user: dict[str, Any]) -> dict[str, Any]:
    """DEFAULTS merged with `user`, then Jekyll's `add_default_collections`/`add_default_excludes`."""
    config = deep_merge(copy.deepcopy(DEFAULTS), user)
    config["include"] = [str(item) for item in _as_list(config.get("include"))]
    excludes = [str(item) for item in _as_list(config.get("exclude"))]
    config["exclude"] = list(dict.fromkeys(excludes + DEFAULT_EXCLUDES))
    collections = config.get("collections")
    if isinstance(collections, list):
        collections = {str(label): {} for label in collections}
    if not isinstance(collections, dict):
        collections = {}
    collections = {
        str(label): dict(meta) if isinstance(meta, dict) else {}
        for label, meta in collections.items()
    }
    posts = collections.setdefault("posts", {})
    posts["output"] = True
    if config.get("permalink"):
        posts.setdefault("permalink", style_to_permalink(config["permalink"]))
    config["collections"] = collections
    if not isinstance(config.get("defaults"), list):
        config["defaults"] = []
    return config


def config_key_line(root: Path, key: str, name: str = CONFIG_NAMES[0]) -> int:
    """The line of a top-level key in the config file (1 when not found)."""
    try:
        lines = (root / name).read_text("utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError):
        return 1
    for number, line in enumerate(lines, start=1):
        if line.startswith((f"{key}:", f'"{key}":', f"'{key}':")):
            return number
    return 1


def load_config(root: Path) -> dict[str, Any]:
    """The effective configuration of the site at `root` (raises ConfigError)."""
    user, name = read_config_file(root)
    # Configuration#validate: Jekyll stops when these are present but not lists.
    for key in ("include", "exclude", "plugins"):
        if key in user and not isinstance(user[key], list):
            line = config_key_line(root, key, name or CONFIG_NAMES[0])
            raise ConfigError(
                name or CONFIG_NAMES[0],
                line,
                f"`{key}` must be a list (Jekyll stops here), but it is `{user[key]!r}`",
            )
    return complete_config(user)


def markdown_extensions(config: dict[str, Any]) -> frozenset[str]:
    """`.md`-style extensions from `markdown_ext` (lowercased, with the dot)."""
    raw = config.get("markdown_ext") or ""
    return frozenset("." + part.strip().lower() for part in str(raw).split(",") if part.strip())
