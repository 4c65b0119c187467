"""Which characters a regex match can start with, to skip rules that cannot match (speed only).

kramdown's block parser and rouge's lexers try long lists of regexes in order at each position;
most of them fail on the first character. `first_chars` reads a pattern with Python's own regex
parser and returns the set of characters a non-empty match can begin with, or None when that
is unknown or the pattern may match the empty string (such rules are always tried). The answer
is conservative: a rule is only skipped when it provably cannot match there.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

try:  # Python 3.11+
    from re import _constants as sre_constants
    from re import _parser as sre_parse
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants  # type: ignore[no-redef]
    import sre_parse  # type: ignore[no-redef]

_RANGE_LIMIT = 512  # wider ranges (e.g. CJK blocks) are treated as "anything"


@cache
def first_chars(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """The characters a match of `pattern` can start with; None if unknown or possibly empty."""
    try:
        parsed = sre_parse.parse(pattern.pattern, pattern.flags)
    except Exception:  # pragma: no cover - every compiled pattern parses again
        return None
    if pattern.flags & re.IGNORECASE:  # Unicode case folding (ſ, K...) is not worth modelling
        return None
    chars, can_be_empty = _sequence(list(parsed), False)
    if chars is None or can_be_empty:
        return None
    return frozenset(chars)


def _sequence(items: list[Any], ignore_case: bool) -> tuple[set[str] | None, bool]:
    chars: set[str] = set()
    for op, av in items:
        first, can_be_empty = _item(op, av, ignore_case)
        if first is None:
            return None, True
        chars |= first
        if not can_be_empty:
            return chars, False
    return chars, True


def _with_case(chars: set[str], ignore_case: bool) -> set[str]:
    if ignore_case:
        chars = chars | {c.swapcase() for c in chars} | {c.lower() for c in chars}
    return chars


def _item(op: Any, av: Any, ignore_case: bool) -> tuple[set[str] | None, bool]:
    c = sre_constants
    if op is c.LITERAL:
        return _with_case({chr(av)}, ignore_case), False
    if op is c.IN:
        chars: set[str] = set()
        for kind, value in av:
            if kind is c.LITERAL:
                chars.add(chr(value))
            elif kind is c.RANGE and value[1] - value[0] < _RANGE_LIMIT:
                chars.update(chr(code) for code in range(value[0], value[1] + 1))
            else:  # NEGATE, CATEGORY, wide ranges
                return None, True
        return _with_case(chars, ignore_case), False
    if op is c.BRANCH:
        union: set[str] = set()
        empty = False
        for branch in av[1]:
            first, can_be_empty = _sequence(list(branch), ignore_case)
            if first is None:
                return None, True
            union |= first
            empty = empty or can_be_empty
        return union, empty
    if op is c.SUBPATTERN:
        _group, add_flags, del_flags, sub = av
        if add_flags or del_flags:  # e.g. (?i:...) or (?s:...)
            return None, True
        return _sequence(list(sub), ignore_case)
    if op in (c.MAX_REPEAT, c.MIN_REPEAT, getattr(c, "POSSESSIVE_REPEAT", None)):
        low, _high, sub = av
        first, can_be_empty = _sequence(list(sub), ignore_case)
        return first, can_be_empty or low == 0
    if op is getattr(c, "ATOMIC_GROUP", None):
        return _sequence(list(av), ignore_case)
    if op in (c.AT, c.ASSERT, c.ASSERT_NOT):
        return set(), True  # zero-width: the next item decides
    return None, True
