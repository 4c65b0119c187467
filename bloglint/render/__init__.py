"""Render post Markdown to HTML exactly as Jekyll 4.3 / GitHub Pages do (kramdown GFM + rouge)."""

from __future__ import annotations

from bloglint.render.kramdown import KramdownError, render_markdown

__all__ = ["KramdownError", "render_markdown"]
