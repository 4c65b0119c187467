"""What a math engine's page scan finds in HTML: the oracle side of the extraction tests.

tex2jax (MathJax 2) and MathJax 3's FindTeX look for delimiters in text nodes, skipping
`script`, `noscript`, `style`, `textarea` and `pre` (and `code` unless the site removed it
from the skip list). The delimiter matching itself is bloglint's port of tex2jax; these tests
check everything around it (blocks, code spans, escapes, emphasis, tables) against real HTML.
"""

from __future__ import annotations

from collections import Counter

import lxml.html

from bloglint.math.extract import _delimiters, _scan_run
from bloglint.math.profile import MathProfile


def engine_view(html: str, profile: MathProfile) -> Counter[str]:
    """The formulas (white space normalised) the engine typesets in `html`."""
    skipped = {"script", "noscript", "style", "textarea", "pre"} | (
        set() if profile.code else {"code"}
    )
    delims = _delimiters(profile)
    runs: list[str] = []

    def walk(element: lxml.html.HtmlElement, skip: bool) -> None:
        skip = skip or (isinstance(element.tag, str) and element.tag in skipped)
        if not skip and element.text:
            runs.append(element.text)
        for child in element:
            walk(child, skip)
            if not skip and child.tail:
                runs.append(child.tail)

    walk(lxml.html.fragment_fromstring(html, create_parent="div"), False)
    return Counter(
        normalise(run[a:b])
        for run in runs
        for _, a, b, _, _ in _scan_run(run, delims, profile.escapes)
    )


def normalise(tex: str) -> str:
    return " ".join(tex.split())
