"""The Jekyll plugin shipped with bloglint, and how to install it into a site."""

from __future__ import annotations

from pathlib import Path

from bloglint.files import replace_file
from bloglint.model import ConfigError

PLUGIN_NAME = "bloglint.rb"
PLUGIN_SETTINGS = {"on_error": ("fail", "warn"), "command": None}


def plugin_source() -> str:
    return (Path(__file__).parent / PLUGIN_NAME).read_text(encoding="utf-8")


def plugins_folder(root: Path) -> Path:
    """The folder Jekyll loads `*.rb` plugins from: `plugins_dir`, `_plugins` by default.

    PluginManager#plugins_path reads the default inside the source but any other value
    relative to the folder `jekyll` runs in; bloggers run it in the site folder, where the
    two agree. Of a list, the first folder is used.
    """
    from bloglint.jekyll_config import load_config

    configured = load_config(root).get("plugins_dir")
    if isinstance(configured, list):
        configured = configured[0] if configured else None
    return root / str(configured or "_plugins")


def install_plugin(root: Path, *, force: bool = False) -> tuple[Path, bool]:
    """Write the plugin into the site's plugins folder; returns (path, whether it changed).

    A plugin file that differs from ours (edited by hand) is only replaced with `force`.
    """
    target = plugins_folder(root) / PLUGIN_NAME
    text = plugin_source()
    if target.exists():
        current = target.read_text(encoding="utf-8", errors="replace")
        if current == text:
            return target, False
        if not force:
            raise ConfigError(
                f"{target}: a different bloglint.rb is already there; use --force to replace it"
            )
    replace_file(target, text.encode("utf-8"))
    return target, True


def validate_settings(raw: dict[str, object], source: str) -> None:
    """Reject unknown keys and values in `bloglint.jekyll_plugin` (read by the Ruby side)."""
    for key, value in raw.items():
        if key not in PLUGIN_SETTINGS:
            known = ", ".join(PLUGIN_SETTINGS)
            raise ConfigError(
                f"unknown key `bloglint.jekyll_plugin.{key}`; known keys: {known}", source
            )
        allowed = PLUGIN_SETTINGS[key]
        if allowed and str(value) not in allowed:
            raise ConfigError(
                f"`bloglint.jekyll_plugin.{key}` must be one of {', '.join(allowed)}", source
            )
