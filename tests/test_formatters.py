"""Output formats: text grouping and summary, JSON fields, GitHub annotations, SARIF 2.1.0."""

from __future__ import annotations

import json

from bloglint.formatters import format_github, format_json, format_sarif, format_text, summary_line
from bloglint.model import Finding, Severity

FINDINGS = sorted(
    [
        Finding(
            "_posts/2024-01-01-a.md",
            12,
            5,
            "BL002",
            "broken-fragment",
            Severity.ERROR,
            "fragment `#ResNeXt` does not exist; did you mean `#resnext`",
        ),
        Finding(
            "_posts/2024-01-01-a.md",
            3,
            1,
            "BL011",
            "untitled-post",
            Severity.WARNING,
            "title is empty: give the post a `title:`",
        ),
        Finding(
            "_posts/2023-05-06-b,c.md",
            7,
            2,
            "BL001",
            "broken-internal-link",
            Severity.ERROR,
            "line one\nline two: 100%",
        ),
    ]
)


def test_text_groups_by_file_and_ends_with_a_summary() -> None:
    out = format_text(FINDINGS, checked=4)
    lines = out.splitlines()
    assert lines[0] == "_posts/2023-05-06-b,c.md"
    assert lines.index("_posts/2024-01-01-a.md") > 0
    # within a file, findings keep line order
    a = out.index("3:1")
    b = out.index("12:5")
    assert a < b
    assert lines[-1] == summary_line(FINDINGS, 4)
    assert "2 errors, 1 warning in 2 of 4 files" in lines[-1]
    assert "BL002 broken-fragment ×1" in lines[-1]
    assert "\x1b[" not in out
    assert "\x1b[" in format_text(FINDINGS, checked=4, colour=True)


def test_clean_summary() -> None:
    assert format_text([], checked=3).strip() == "3 files checked, no problems"


def test_json_has_the_documented_fields() -> None:
    rows = json.loads(format_json(FINDINGS))
    assert [r["line"] for r in rows] == [f.line for f in FINDINGS]
    for row in rows:
        assert {"path", "line", "column", "rule", "severity", "message"} <= set(row)
    assert rows[0]["rule"] == "broken-internal-link" and rows[0]["severity"] == "error"


def test_github_annotations_escape_properties_and_data() -> None:
    out = format_github(FINDINGS).splitlines()
    assert len(out) == 3
    first = out[0]
    assert first.startswith("::error file=_posts/2023-05-06-b%2Cc.md,line=7,col=2,")
    assert "title=BL001 broken-internal-link" in first
    assert first.endswith("::line one%0Aline two: 100%25")
    assert out[2].startswith("::warning ") or out[1].startswith("::warning ")


def test_sarif_follows_the_2_1_0_structure() -> None:
    log = json.loads(format_sarif(FINDINGS))
    assert log["version"] == "2.1.0"
    assert log["$schema"].endswith("sarif-2.1.0.json")
    (run,) = log["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] == "bloglint" and driver["version"]
    rule_ids = [rule["id"] for rule in driver["rules"]]
    assert len(rule_ids) == len(set(rule_ids))
    assert len(run["results"]) == len(FINDINGS)
    for result, finding in zip(run["results"], FINDINGS, strict=True):
        assert result["ruleId"] == finding.rule_id
        assert result["level"] in {"error", "warning", "note", "none"}
        assert result["message"]["text"] == finding.message
        (location,) = result["locations"]
        physical = location["physicalLocation"]
        assert physical["artifactLocation"]["uri"] == finding.path
        region = physical["region"]
        assert region["startLine"] == finding.line >= 1
        assert region["startColumn"] == finding.column >= 1
        if rule_ids and "ruleIndex" in result and result["ruleId"] in rule_ids:
            assert driver["rules"][result["ruleIndex"]]["id"] == result["ruleId"]
