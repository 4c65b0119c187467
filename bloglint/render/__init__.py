"""Render post Markdown to HTML exactly as Jekyll 4.3 / GitHub Pages do (kramdown GFM + rouge).

The converter is imported on first use: `bloglint.render.batch` (the HTML cache) must stay
cheap when every post is served from the cache.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from bloglint.render.kramdown import KramdownError, render_markdown

__all__ = ["KramdownError", "render_markdown"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from bloglint.render import kramdown

        return getattr(kramdown, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
