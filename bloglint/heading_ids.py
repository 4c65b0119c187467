"""kramdown-parser-gfm's header ids (`generate_gfm_header_id`), reproduced character for character.

kramdown (GFM input, `auto_ids: true`) builds an id from a heading's raw text:

    id = raw.downcase                       # Ruby full Unicode downcase
    id = id.gsub(/[^\\p{Word}\\- \\t]/, '')    # keep Onigmo word chars, '-', space, tab
    id = id.tr(" \\t", "-")                 # each space/tab becomes '-', no collapsing
    n = ++counter[id]; id += "-#{n}" if n > 0   # counter keyed on the unsuffixed id

An empty id is omitted from the HTML but still counted, so a second empty heading gets `-1`.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache

# Onigmo's \p{Word}: Alphabetic (letters, Nl, Other_Alphabetic) + marks + Nd + Pc.
# Checked against Ruby 3.1 (Unicode 13) over every code point: the only Other_Alphabetic
# characters outside these categories are the circled/squared Latin letters below (So).
# Unlike the Unicode definition, Ruby 3.1 does NOT treat ZWNJ/ZWJ (Join_Control) as word
# characters (`## a\u200db` gets id `ab`), so they are dropped here too.
_WORD_CATEGORIES = frozenset({"Lu", "Ll", "Lt", "Lm", "Lo", "Nl", "Mn", "Mc", "Me", "Nd", "Pc"})
_OTHER_ALPHABETIC_SYMBOLS = (
    (0x24B6, 0x24E9),  # CIRCLED LATIN CAPITAL/SMALL LETTER A..Z
    (0x1F130, 0x1F149),  # SQUARED LATIN CAPITAL LETTER A..Z
    (0x1F150, 0x1F169),  # NEGATIVE CIRCLED LATIN CAPITAL LETTER A..Z
    (0x1F170, 0x1F189),  # NEGATIVE SQUARED LATIN CAPITAL LETTER A..Z
)


@lru_cache(maxsize=4096)
def _is_word(char: str) -> bool:
    if unicodedata.category(char) in _WORD_CATEGORIES:
        return True
    code = ord(char)
    return any(low <= code <= high for low, high in _OTHER_ALPHABETIC_SYMBOLS)


def _ruby_downcase(text: str) -> str:
    """Ruby's String#downcase: full Unicode mapping, but no final-sigma rule (Σ is always σ)."""
    if "Σ" in text:
        text = text.replace("Σ", "σ")
    return text.lower()


def gfm_id(raw_text: str) -> str:
    """The unsuffixed id kramdown-GFM derives from a heading's raw text ('' when nothing is left)."""
    lowered = _ruby_downcase(raw_text)
    if lowered.isascii():
        # Fast path: ASCII word chars are [A-Za-z0-9_].
        kept = [c for c in lowered if c.isalnum() or c in "_- \t"]
    else:
        kept = [c for c in lowered if c in "- \t" or _is_word(c)]
    return "".join(kept).replace(" ", "-").replace("\t", "-")


class HeadingIdCounter:
    """Per-document duplicate counter: the n-th repeat of an id gets `-n` appended.

    The counter is keyed on the unsuffixed id and never checks suffixed ids for collisions,
    exactly like kramdown: `## LR`, `## LR`, `## LR`, `## lr-1` give `lr`, `lr-1`, `lr-2`, `lr-1`.
    """

    def __init__(self) -> None:
        self._seen: dict[str, int] = {}

    def next_id(self, raw_text: str) -> str | None:
        """The id of the next heading with this raw text; None when kramdown omits the attribute."""
        base = gfm_id(raw_text)
        count = self._seen.get(base, -1) + 1
        self._seen[base] = count
        result = f"{base}-{count}" if count > 0 else base
        return result or None


@cache
def _explicit_id_re() -> re.Pattern[str]:
    # Compiled on first use: ~8 ms for its Unicode classes, and most headers have no `{#`.
    return re.compile(
        r"[\t ]\{#(?P<id>[:A-Z_a-z\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u02FF\u0370-\u037D\u037F-\u1FFF"
        r"\u200C-\u200D\u2070-\u218F\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF\uFDF0-\uFFFD"
        r"\U00010000-\U000EFFFF][-.0-9:A-Z_a-z\u00B7\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u037D"
        r"\u037F-\u1FFF\u200C-\u200D\u203F-\u2040\u2070-\u218F\u2C00-\u2FEF\u3001-\uD7FF"
        r"\uF900-\uFDCF\uFDF0-\uFFFD\U00010000-\U000EFFFF]*)\}\Z"
    )


def explicit_id(text: str) -> re.Match[str] | None:
    """kramdown's explicit header id: `### Title {#id}` (the id an XML name) at the text's end."""
    return _explicit_id_re().search(text) if "{#" in text else None
