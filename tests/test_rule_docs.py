"""``speclint rule``: rule documentation, and the examples it shows."""

from __future__ import annotations

import importlib
import json

import pytest
from speclint_rules import BUILTIN_RULES

from speclint.engine.registry import all_rules
from speclint.engine.rule import Rule
from speclint.engine.rule_docs import RuleDoc, rule_doc

CODES = [rule.code for rule in all_rules()]


@pytest.mark.parametrize("rule", all_rules(), ids=lambda rule: rule.code)
def test_every_rule_is_documented_and_its_example_is_reported(cli, rule) -> None:
    doc = rule_doc(rule)
    assert doc.explanation and doc.rationale and doc.example and doc.how_to_fix
    assert doc.fix_safety
    code, out, _ = cli(["check", "-", "--format", "json"], stdin=doc.example)
    assert rule.code in [d["code"] for d in json.loads(out)]
    assert code == (1 if rule.severity == "error" else 0)


def test_rule_by_code(cli) -> None:
    code, out, err = cli(["rule", "SPC101"])
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert lines[0] == "# formula-mismatch (SPC101)"
    assert "Category: arithmetic. Default severity: error." in lines
    headings = [line for line in lines if line.startswith("## ")]
    assert headings == [
        "## What it checks",
        "## Why it matters",
        "## Example",
        "## How to fix",
        "## Fix safety",
        "## How to suppress",
    ]
    assert "The fix is `safe` only for a plain formula off by at most 10 %." in lines
    example = lines.index("```markdown")
    assert lines[example + 1 : example + 3] == ["- Weights: 30 GB (13B params × 2 bytes)", "```"]
    assert (
        "1:12: SPC101 13B params × 2 bytes = 26 GB (24 GiB); stated 30 GB is 1.15× too large"
        in lines
    )
    assert "- the next line: `<!-- speclint-disable-next-line SPC101 -- reason -->`" in lines
    assert "- its own line: `<!-- speclint-disable-line SPC101 -->`" in lines
    assert "- a region: `<!-- speclint-disable SPC101 --> … <!-- speclint-enable -->`" in lines
    assert "- the whole file (every rule): `<!-- speclint-disable-file -->`" in lines
    assert 'ignore = ["SPC101"]' in lines


def test_rule_by_name_or_lowercase_code(cli) -> None:
    by_code = cli(["rule", "SPC203"])
    assert cli(["rule", "bits-bytes-slip"]) == by_code
    assert cli(["rule", "spc203"]) == by_code


def test_rule_as_json(cli) -> None:
    code, out, _ = cli(["rule", "percentage-mismatch", "--output-format", "json"])
    assert code == 0
    doc = json.loads(out)
    assert (doc["code"], doc["name"], doc["category"], doc["severity"]) == (
        "SPC102",
        "percentage-mismatch",
        "arithmetic",
        "error",
    )
    assert doc["example"] == "- KV cache: 19.2 GB (20% of 64 GB)\n"
    [reported] = doc["example_diagnostics"]
    assert (reported["code"], reported["line"], reported["column"]) == ("SPC102", 1, 13)
    assert reported["fix"]["replacement"] == "12.8"
    assert doc["suppression"] == {
        "next_line": "<!-- speclint-disable-next-line SPC102 -- reason -->",
        "line": "<!-- speclint-disable-line SPC102 -->",
        "region": "<!-- speclint-disable SPC102 --> … <!-- speclint-enable -->",
        "file": "<!-- speclint-disable-file -->",
        "config": '[tool.speclint]\nignore = ["SPC102"]',
    }
    assert doc["markdown"] == cli(["rule", "SPC102"])[1]


def test_all_rules(cli) -> None:
    code, out, _ = cli(["rule", "--all"])
    assert code == 0
    titles = [line for line in out.splitlines() if line.startswith("# ")]
    assert [title.rsplit("(", 1)[1].rstrip(")") for title in titles] == CODES
    docs = json.loads(cli(["rule", "--all", "--format", "json"])[1])
    assert [doc["code"] for doc in docs] == CODES


def test_rule_without_argument_prints_one_line_per_rule(cli) -> None:
    code, out, err = cli(["rule"])
    lines = out.splitlines()
    assert (code, err) == (0, "")
    assert lines[0].split() == ["CODE", "NAME", "CATEGORY", "SEVERITY", "SUMMARY"]
    assert [line.split()[0] for line in lines[1:]] == CODES
    row = next(line for line in lines if line.startswith("SPC101"))
    assert row.split(None, 4) == [
        "SPC101",
        "formula-mismatch",
        "arithmetic",
        "error",
        "A stated value does not equal the formula written next to it.",
    ]
    assert (
        len({line.index("SUMMARY" if i == 0 else line.split()[4]) for i, line in enumerate(lines)})
        == 1
    )
    docs = json.loads(cli(["rule", "--format", "json"])[1])
    assert docs[0] == {
        "code": "SPC001",
        "name": "unchecked-formula",
        "category": "arithmetic",
        "severity": "info",
        "summary": "A formula is too large or too deep to evaluate safely, so it was not checked.",
    }


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["rule", "SPC999"], "unknown rule 'SPC999'"),
        (["rule", "formula"], "unknown rule 'formula'"),
        (["rule", "SPC101", "--all"], "give a rule code or name, or --all"),
    ],
)
def test_rule_usage_errors(cli, args: list[str], message: str) -> None:
    code, out, err = cli(args)
    assert code == 2 and out == ""
    assert message in err


@pytest.mark.parametrize("rule", BUILTIN_RULES, ids=lambda rule: rule.code)
def test_each_builtin_rule_is_a_module_named_after_it_documented_by_its_docstring(rule) -> None:
    module = importlib.import_module(f"speclint_rules.{rule.name.replace('-', '_')}")
    assert rule in vars(module).values()
    assert rule.doc == module.__doc__
    titles = [line for line in module.__doc__.splitlines() if line.startswith("## ")]
    assert titles == [
        "## What it does",
        "## Why is this bad?",
        "## Example",
        "## How to fix",
        "## Fix safety",
    ]


def test_the_table_of_codes_lists_every_builtin_rule_once_by_code() -> None:
    codes = [rule.code for rule in BUILTIN_RULES]
    assert codes == sorted(set(codes))
    assert codes == CODES


DOC = """## What it does
Checks a wrapped
paragraph.

And a second one.

## Example
````markdown
- A: 1
```

- B: 2
````

## How to fix
Fix it.
"""


def test_docstring_sections_are_unwrapped_and_the_example_is_read_verbatim() -> None:
    rule = Rule(code="X001", name="x", category="example", severity="info", summary="S.", doc=DOC)
    assert rule_doc(rule) == RuleDoc(
        explanation="Checks a wrapped paragraph.\n\nAnd a second one.",
        example="- A: 1\n```\n\n- B: 2\n",
        how_to_fix="Fix it.",
    )
    assert rule_doc(Rule("X002", "y", "example", "info", "S.")) == RuleDoc()
