"""BL006 notebook-attachment: an `attachment:` image left by a Jupyter notebook export.

Notebooks keep pasted images inside the .ipynb file; the exported Markdown refers to them as
`attachment:name.png`, which no browser can load.
"""

from __future__ import annotations

from collections.abc import Iterator

from bloglint.engine import CheckContext
from bloglint.links import hit_at, resolved_links, shown
from bloglint.model import Hit


def check(ctx: CheckContext) -> Iterator[Hit]:
    for link, where in resolved_links(ctx):
        if where.cls == "attachment":
            yield hit_at(
                link,
                f"{shown(link.url)} refers to an image stored inside the notebook; save the image "
                "under the site (e.g. `assets/`) and link to that file",
            )
