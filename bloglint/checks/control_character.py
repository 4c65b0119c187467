"""BL018 control-character: an invisible control character in a post.

Characters such as U+0008 (backspace, often pasted from PDFs or terminals) are invisible in
editors but make the Atom feed invalid XML (XML 1.0 forbids them), end up inside heading ids
and table-of-contents links, and stop `+ item` from being a list item.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from bloglint.engine import CheckContext
from bloglint.model import Hit

# C0 and C1 controls except tab, newline and carriage return; zero-width and separator
# characters that are invisible and never needed in Markdown; the noncharacters U+FFFE/U+FFFF.
_INVISIBLE = re.compile(
    "[\x01-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b\u2028\u2029\u2060\ufeff\ufffe\uffff]"
)
_NAMES = {0x08: "BACKSPACE", 0x1B: "ESCAPE", 0x0C: "FORM FEED", 0x7F: "DELETE"}


def check(ctx: CheckContext) -> Iterator[Hit]:
    text = ctx.post.source.text
    if _INVISIBLE.search(text) is None:
        return
    for number, line in enumerate(text.split("\n"), start=1):
        for match in _INVISIBLE.finditer(line):
            char = match.group(0)
            code = ord(char)
            name = _NAMES.get(code) or unicodedata.name(char, "control character")
            if code < 0x20:
                harm = "XML 1.0 forbids it, so the feed stops being valid XML"
            else:
                harm = "it is invisible in editors but ends up in the feed, ids and link text"
            yield Hit(
                number,
                match.start() + 1,
                f"invisible character U+{code:04X} ({name.lower()}); delete it: {harm}",
            )
