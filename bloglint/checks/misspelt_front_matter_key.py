"""BL017 misspelt-front-matter-key: `categoreis:`, `titel:`, `Tags:` and the like.

Jekyll silently ignores keys it does not know, so a misspelt `categories` just loses the
post's categories. A key is reported when it is one typo (or letter case) away from a
well-known key and is not itself a known key.
"""

from __future__ import annotations

from collections.abc import Iterator

from bloglint.engine import CheckContext
from bloglint.front_matter import key_line
from bloglint.model import Hit

# Keys Jekyll itself reads, plus those of jekyll-feed/-seo-tag/-redirect-from/-sitemap and
# common themes (minima, minimal-mistakes, chirpy) that bloggers write by hand.
WELL_KNOWN_KEYS = frozenset(
    """title date layout permalink published categories category tags tag excerpt
    excerpt_separator slug author authors description image lang last_modified_at
    render_with_liquid sitemap redirect_from redirect_to comments toc math mathjax katex
    hidden pin summary subtitle header teaser draft keywords modified updated series
    canonical_url share related featured thumbnail cover""".split()
)


def check(ctx: CheckContext) -> Iterator[Hit]:
    source = ctx.post.source
    known = WELL_KNOWN_KEYS | {str(k) for k in ctx.options.get("known_keys", [])}
    for key in source.front_matter:
        if key in known:
            continue
        meant = _closest(key, known)
        if meant is None:
            continue
        if meant.lower() == key.lower():
            why = "keys are case-sensitive"
        else:
            why = "Jekyll ignores keys it does not know"
        yield Hit(
            key_line(source, key),
            1,
            f"front-matter key `{key}` looks like a misspelling of `{meant}` ({why}); rename it",
        )


def _closest(key: str, known: frozenset[str]) -> str | None:
    lowered = key.lower()
    for candidate in sorted(WELL_KNOWN_KEYS):
        if candidate in known and lowered == candidate:
            return candidate
    for candidate in sorted(WELL_KNOWN_KEYS):
        if len(candidate) >= 4 and _one_typo(lowered, candidate):
            return candidate
    return None


def _one_typo(word: str, target: str) -> bool:
    """One swapped pair of neighbours, or (for words of 5+ letters) one letter wrong, missing or extra."""
    if word == target:
        return False
    if len(word) == len(target):
        diffs = [i for i, (a, b) in enumerate(zip(word, target, strict=True)) if a != b]
        if len(diffs) == 2 and diffs[1] == diffs[0] + 1:
            return word[diffs[0]] == target[diffs[1]] and word[diffs[1]] == target[diffs[0]]
        return len(diffs) == 1 and len(target) >= 5
    if len(target) < 5 or abs(len(word) - len(target)) != 1:
        return False
    short, long_ = sorted((word, target), key=len)
    return any(long_[:i] + long_[i + 1 :] == short for i in range(len(long_)))
