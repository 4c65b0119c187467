"""The seed documents, dropped into a site as posts, get the findings a blogger expects.

Seed 000 is a notes file with no front matter, URLs in parentheses that are not links and
link placeholders without URLs; 002 is a post written for Hexo; 003 is a notebook exported
to Markdown (no front matter, `attachment:` images). Seed 001 is an Atom feed, not a post.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.corpus import SHARED
from tests.sites import lint, write_site

RULES = [f"BL0{n:02d}" for n in range(1, 20)]


def seed(name: str) -> Path:
    matches = sorted((SHARED / "seeds").glob(f"{name}_*.txt"))
    if not matches:
        pytest.skip(f"{SHARED / 'seeds'} is absent: the seed tests need ../shared/seeds")
    return matches[0]


def findings_for(tmp_path: Path, name: str, relpath: str) -> list[tuple[str, int]]:
    write_site(tmp_path, {})
    target = tmp_path / relpath
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(seed(name), target)
    return [(f.rule_id, f.line) for f in lint(tmp_path, *RULES) if f.path == relpath]


def test_notes_without_front_matter(tmp_path: Path) -> None:
    found = findings_for(tmp_path, "000", "_posts/2024-01-01-notes.md")
    assert found == [
        ("BL010", 1),  # no front matter at all
        ("BL009", 291),  # `* (https://...` never closed, and no [text]
        ("BL009", 292),  # `* (https://...)`: a URL in parentheses is not a link
        ("BL009", 299),
        ("BL009", 451),
        ("BL009", 452),
        ("BL005", 486),  # `### 4.2.1 [MCB]`: a link placeholder with no URL
        ("BL005", 487),
        ("BL005", 490),
        ("BL005", 512),  # `* [pytorch]`
        ("BL009", 584),
        ("BL009", 675),
    ]


def test_hexo_post_has_nothing_to_report_here(tmp_path: Path) -> None:
    assert findings_for(tmp_path, "002", "_posts/2020-09-05-tf-torch-notes.md") == []


def test_exported_notebook(tmp_path: Path) -> None:
    found = findings_for(tmp_path, "003", "_posts/2024-01-02-text-cnn.md")
    assert found == [
        ("BL010", 1),  # the export has no front matter
        ("BL006", 1329),  # ![...](attachment:...) images pasted into the notebook
        ("BL006", 1635),
        ("BL006", 1775),
        ("BL004", 1929),  # `[参考资料]:(https://...)` is an unused definition: the line vanishes
        ("BL001", 2030),  # `[3,4,5](我其实也不太确定是不是)` becomes a link to nowhere
        ("BL006", 2101),
    ]
