"""Output formats, --output-file and --statistics, through the CLI."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest

from speclint.engine.registry import all_rules

from .conftest import REPO

SCHEMAS = Path(__file__).parent / "schemas"
SARIF_SCHEMA = json.loads((SCHEMAS / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
RDJSON_SCHEMA = json.loads(
    (SCHEMAS / "rdjson" / "DiagnosticResult.json").read_text(encoding="utf-8")
)
#: The seed document without the facts the domain rules need: one SPC101 finding only.
SEED = "tests/data/seed-arithmetic-only.md"
#: The arithmetic and unit fixtures plus SEED: a stable set with every severity and fix kind.
CORE = [
    "fixtures/conversions", "fixtures/formulas", "fixtures/lookalikes", "fixtures/per-unit",
    "fixtures/percentages", "fixtures/sums", "fixtures/unchecked", SEED,
]  # fmt: skip
FORMULAS = "fixtures/formulas/serving-capacity-plan.md"
CONVERSIONS = "fixtures/conversions/storage-and-network-sizing.md"

WRONG = "# Plan\n\n- Weights: 30 GB (13B params × 2 bytes)\n"
RIGHT = "# Plan\n\n- Weights: 26 GB (13B params × 2 bytes)\n"
#: A warning (line 1), an info spanning lines 3-4, and an error (line 6).
MIXED = (
    "- Scratch volume: 512 GiB (512 GB)\n\n"
    "A long product: " + "2 × " * 21 + "\n" + "2 × " * 21 + "2 = 5.\n\n"
    "- Weights: 30 GB (13B params × 2 bytes)\n"
)
FORMATS = [
    "full",
    "text",
    "concise",
    "json",
    "json-lines",
    "sarif",
    "github",
    "rdjson",
    "gitlab",
    "junit",
]


def _json(cli, args: list[str], **kwargs) -> object:
    return json.loads(cli(args, **kwargs)[1])


@pytest.mark.parametrize("fmt", FORMATS)
def test_exit_codes_do_not_depend_on_the_format(cli, tmp_path: Path, fmt: str) -> None:
    (tmp_path / "wrong.md").write_text(WRONG, encoding="utf-8")
    (tmp_path / "right.md").write_text(RIGHT, encoding="utf-8")
    (tmp_path / "mixed.md").write_text(MIXED.replace("30 GB", "26 GB"), encoding="utf-8")
    assert cli(["check", "wrong.md", "--output-format", fmt], cwd=tmp_path)[0] == 1
    assert cli(["check", "right.md", "--output-format", fmt], cwd=tmp_path)[0] == 0
    assert cli(["check", "mixed.md", "--output-format", fmt], cwd=tmp_path)[0] == 0
    assert cli(["check", "gone.md", "--output-format", fmt], cwd=tmp_path)[0] == 2


def test_format_is_an_alias_and_text_is_full(cli) -> None:
    assert cli(["check", SEED, "--format", "json"]) == cli(
        ["check", SEED, "--output-format", "json"]
    )
    assert cli(["check", SEED, "--format", "text"]) == cli(["check", SEED])
    assert cli(["check", SEED, "--output-format", "full"]) == cli(["check", SEED])
    code, _, err = cli(["check", SEED, "--output-format", "yaml"])
    assert code == 2 and "invalid choice: 'yaml'" in err


def test_concise_is_one_line_per_diagnostic(cli) -> None:
    code, out, _ = cli(["check", SEED, "--output-format", "concise"])
    assert code == 1
    assert out.splitlines() == [
        f"{SEED}:56:22: SPC101 [arithmetic] 8 experts × 3 × 512 × 1024 × 2 bytes = 25,165,824 B"
        " = 0.025 GB (0.023 GiB); stated 0.62GB is 24.6× too large",
        "Found 1 problem (1 error).",
    ]


def test_json_lines_has_the_json_objects_one_per_line(cli) -> None:
    lines = cli(["check", "fixtures/formulas", "--output-format", "json-lines"])[1].splitlines()
    array = _json(cli, ["check", "fixtures/formulas", "--output-format", "json"])
    assert len(lines) == 5
    assert [json.loads(line) for line in lines] == array


def test_json_lines_escapes_unicode_line_breaks(cli) -> None:
    name = "a\u2028b\x85c.md"
    args = ["check", "-", "--stdin-filename", name, "--format", "json-lines"]
    out = cli(args, stdin=WRONG)[1]
    assert out.splitlines() == [out.rstrip("\n")]
    assert '"path": "a\\u2028b\\u0085c.md"' in out
    assert json.loads(out)["path"] == name


def test_sarif_validates_and_describes_every_rule(cli) -> None:
    log = _json(cli, ["check", *CORE, "--output-format", "sarif"])
    jsonschema.Draft4Validator(SARIF_SCHEMA).validate(log)
    assert log["version"] == "2.1.0"
    [run] = log["runs"]
    assert run["columnKind"] == "utf16CodeUnits"
    driver = run["tool"]["driver"]
    assert (driver["name"], driver["version"]) == ("speclint", "0.1.0")
    rules = driver["rules"]
    assert [r["id"] for r in rules] == [rule.code for rule in all_rules()]
    for descriptor in rules:
        assert descriptor["shortDescription"]["text"] and descriptor["fullDescription"]["text"]
        assert len(descriptor["fullDescription"]["text"]) <= 1024
        assert f"speclint-disable-next-line {descriptor['id']}" in descriptor["help"]["markdown"]
        assert descriptor["help"]["text"]
    spc202 = rules[[r["id"] for r in rules].index("SPC202")]
    assert spc202["defaultConfiguration"] == {"level": "warning"}
    assert spc202["properties"]["tags"] == ["units"]
    results = run["results"]
    assert len(results) == 27
    for result in results:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
    assert {r["level"] for r in results} == {"error", "warning", "note"}
    hashes = [r["partialFingerprints"]["primaryLocationLineHash"] for r in results]
    assert len(set(hashes)) == len(hashes)


def test_sarif_result_with_related_locations_and_a_fix(cli) -> None:
    log = _json(cli, ["check", FORMULAS, "--output-format", "sarif"])
    result = log["runs"][0]["results"][2]
    location = result["locations"][0]["physicalLocation"]
    assert location == {
        "artifactLocation": {"uri": FORMULAS},
        "region": {"startLine": 28, "startColumn": 25, "endLine": 28, "endColumn": 43},
    }
    assert [
        (r["id"], r["physicalLocation"]["region"], r["message"]["text"])
        for r in result["relatedLocations"]
    ] == [(1, {"startLine": 26}, "L = 40"), (2, {"startLine": 26}, "h = 5120")]
    [fix] = result["fixes"]
    [change] = fix["artifactChanges"]
    assert change["artifactLocation"] == {"uri": FORMULAS}
    assert change["replacements"] == [
        {
            "deletedRegion": {"startLine": 28, "startColumn": 25, "endLine": 28, "endColumn": 43},
            "insertedContent": {"text": "12.6 \\times 10^{9}"},
        }
    ]


def test_sarif_columns_are_utf16_code_units(cli) -> None:
    doc = "- 🚀 Weights: 30 GB (13B params × 2 bytes)\n"
    log = _json(cli, ["check", "-", "--output-format", "sarif"], stdin=doc)
    [result] = log["runs"][0]["results"]
    region = result["locations"][0]["physicalLocation"]["region"]
    # characters: column 14; the rocket is two UTF-16 code units, × is one.
    assert (region["startColumn"], region["endColumn"]) == (15, 17)


def _fingerprints(cli, fmt: str, doc: str) -> list[tuple[int, str]]:
    data = _json(cli, ["check", "-", "--stdin-filename", "plan.md", "--format", fmt], stdin=doc)
    if fmt == "sarif":
        return [
            (
                r["locations"][0]["physicalLocation"]["region"]["startLine"],
                r["partialFingerprints"]["primaryLocationLineHash"],
            )
            for r in data["runs"][0]["results"]
        ]
    return [(i["location"]["positions"]["begin"]["line"], i["fingerprint"]) for i in data]


@pytest.mark.parametrize("fmt", ["sarif", "gitlab"])
def test_fingerprints_survive_lines_inserted_above(cli, fmt: str) -> None:
    doc = (REPO / FORMULAS).read_text(encoding="utf-8")
    before = _fingerprints(cli, fmt, doc)
    after = _fingerprints(cli, fmt, "# Added title\n\nA new paragraph.\n\n" + doc)
    assert len(before) == 5
    assert [line + 4 for line, _ in before] == [line for line, _ in after]
    assert [f for _, f in before] == [f for _, f in after]
    assert len({f for _, f in before}) == 5


@pytest.mark.parametrize("fmt", ["sarif", "gitlab"])
def test_fingerprints_of_repeated_lines_differ(cli, fmt: str) -> None:
    line = "- Weights: 30 GB (13B params × 2 bytes)\n"
    [(_, first), (_, second)] = _fingerprints(cli, fmt, line + "\n" + line)
    assert first != second
    if fmt == "sarif":
        assert first.endswith(":1") and second.endswith(":2")
        assert first[:-2] == second[:-2]


def test_rdjson_validates_with_utf8_byte_columns_and_suggestions(cli) -> None:
    result = _json(cli, ["check", FORMULAS, "--output-format", "rdjson"])
    jsonschema.Draft4Validator(RDJSON_SCHEMA).validate(result)
    assert result["source"] == {"name": "speclint"}
    diagnostics = result["diagnostics"]
    assert len(diagnostics) == 5
    # line 35: `34.56M tokens × 24 = 829M tokens. A 30-day month is 829M tokens × 30 = 2.5B`;
    # the number is at character 72, after two × of two UTF-8 bytes each.
    month = diagnostics[3]
    byte_range = {"start": {"line": 35, "column": 74}, "end": {"line": 35, "column": 77}}
    assert month["location"] == {"path": FORMULAS, "range": byte_range}
    assert month["suggestions"] == [{"range": byte_range, "text": "24.9"}]
    assert (month["severity"], month["code"]) == ("ERROR", {"value": "SPC101"})
    assert "related_locations" not in month
    symbols = diagnostics[2]
    assert symbols["related_locations"] == [
        {"message": "L = 40", "location": {"path": FORMULAS, "range": {"start": {"line": 26}}}},
        {"message": "h = 5120", "location": {"path": FORMULAS, "range": {"start": {"line": 26}}}},
    ]


def test_rdjson_severities(cli) -> None:
    result = _json(cli, ["check", "-", "--output-format", "rdjson"], stdin=MIXED)
    jsonschema.Draft4Validator(RDJSON_SCHEMA).validate(result)
    assert [(d["code"]["value"], d["severity"]) for d in result["diagnostics"]] == [
        ("SPC202", "WARNING"),
        ("SPC001", "INFO"),
        ("SPC101", "ERROR"),
    ]


def test_github_annotations_escape_and_put_errors_first(cli) -> None:
    name = "dir,x/a:b%\r\n.md"
    code, out, _ = cli(["check", "-", "--stdin-filename", name, "--format", "github"], stdin=MIXED)
    assert code == 1
    lines = out.split("\n")
    assert lines[-1] == "" and len(lines) == 4
    file = "dir%2Cx/a%3Ab%25%0D%0A.md"
    shown = "dir,x/a:b%25%0D%0A.md"
    assert lines[0] == (
        f"::error title=speclint (SPC101),file={file},line=6,endLine=6,col=12,endColumn=14"
        f"::{shown}:6:12: SPC101 13B params × 2 bytes = 26 GB (24 GiB); stated 30 GB is 1.15×"
        " too large"
    )
    assert lines[1].startswith(
        f"::warning title=speclint (SPC202),file={file},line=1,endLine=1,col=28,endColumn=31"
        f"::{shown}:1:28: SPC202 "
    )
    # A span over two lines gets no columns (GitHub would drop the annotation).
    assert lines[2].startswith(f"::notice title=speclint (SPC001),file={file},line=3,endLine=4::")


def test_github_percent_in_message(cli) -> None:
    doc = "- KV cache: 19.2 GB (20% of 64 GB)\n"
    out = cli(["check", "-", "--format", "github"], stdin=doc)[1]
    assert out.endswith(
        "::-:1:13: SPC102 20%25 of 64 GB = 12,800,000,000 B = 12.8 GB (11.9 GiB);"
        " stated 19.2 GB is 1.5× too large\n"
    )


def test_github_step_summary_table(cli, tmp_path: Path, monkeypatch) -> None:
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    doc = "# Plan\n\n" + MIXED
    cli(["check", "-", "--stdin-filename", "a|<b>.md", "--format", "github"], stdin=doc)
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("earlier step\n### speclint\n\nFound 3 problems (1 error, 1 warning,")
    rows = [line for line in text.splitlines() if line.startswith("| ")]
    assert rows[0] == "| Severity | Location | Rule | Message |"
    assert [row.split(" | ")[0] for row in rows[1:]] == ["| warning", "| info", "| error"]
    assert rows[3].startswith(
        "| error | a\\|&lt;b&gt;.md:8:12 | SPC101 formula-mismatch | 13B params"
    )


def test_github_step_summary_of_a_run_that_exits_2_never_says_all_checks_passed(
    cli, tmp_path: Path, monkeypatch
) -> None:
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    (tmp_path / "plan.md").write_text(RIGHT, encoding="utf-8")
    (tmp_path / "wrong.md").write_text(WRONG, encoding="utf-8")
    incomplete = (
        "### speclint\n\n**Not every file could be checked** (exit code 2): the job log says"
        " which and why.\n\n"
    )

    def run(args: list[str]) -> tuple[int, str]:
        summary.write_text("", encoding="utf-8")
        code = cli(["check", *args, "--format", "github"], cwd=tmp_path)[0]
        return code, summary.read_text(encoding="utf-8")

    # Everything checked and right: the one case that may say so.
    assert run(["plan.md"]) == (0, "### speclint\n\nAll checks passed!\n\n")
    # A missing file, a report that cannot be written, and --fix with a missing file.
    expected = (2, incomplete + "No problems found in what was checked.\n\n")
    assert run(["plan.md", "missing.md"]) == expected
    (tmp_path / "blocked").write_text("", encoding="utf-8")
    assert run(["plan.md", "--output-file", "blocked/report.txt"]) == expected
    assert run(["plan.md", "missing.md", "--fix"]) == expected
    # Findings in what was checked are still listed under the warning.
    code, text = run(["wrong.md", "missing.md"])
    assert code == 2
    assert text.startswith(incomplete + "Found 1 problem (1 error).\n\n| Severity |")


def test_github_without_step_summary_writes_only_annotations(cli, monkeypatch) -> None:
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    out = cli(["check", SEED, "--format", "github"])[1]
    assert out.count("\n") == 1 and out.startswith("::error ")


def test_gitlab_code_quality(cli, tmp_path: Path, monkeypatch) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "plan.md").write_text(MIXED, encoding="utf-8")
    monkeypatch.setenv("CI_PROJECT_DIR", str(tmp_path))
    code, out, _ = cli(["check", str(docs / "plan.md"), "--format", "gitlab"], cwd=REPO)
    assert code == 1 and out.startswith("[")
    issues = json.loads(out)
    assert [(i["check_name"], i["severity"]) for i in issues] == [
        ("SPC202", "minor"),
        ("SPC001", "info"),
        ("SPC101", "major"),
    ]
    assert {i["location"]["path"] for i in issues} == {"docs/plan.md"}
    error = issues[2]
    assert error["description"].startswith("SPC101: 13B params × 2 bytes = 26 GB")
    assert error["location"]["positions"] == {
        "begin": {"line": 6, "column": 12},
        "end": {"line": 6, "column": 14},
    }
    monkeypatch.delenv("CI_PROJECT_DIR")
    issues = _json(cli, ["check", "docs/plan.md", "--format", "gitlab"], cwd=tmp_path)
    assert {i["location"]["path"] for i in issues} == {"docs/plan.md"}


def test_junit_has_one_testcase_per_diagnostic(cli) -> None:
    code, out, _ = cli(["check", "fixtures/conversions", SEED, "--format", "junit"])
    assert code == 1
    root = ET.fromstring(out.encode("utf-8"))
    assert root.tag == "testsuites"
    assert (root.get("tests"), root.get("failures"), root.get("skipped")) == ("8", "4", "4")
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == [CONVERSIONS, SEED]
    cases = root.findall("testsuite/testcase")
    assert len(cases) == 8
    assert [(c.get("line"), c[0].tag, c[0].get("type")) for c in suites[0]] == [
        ("27", "failure", "error"),
        ("33", "skipped", "warning"),
        ("34", "skipped", "warning"),
        ("35", "failure", "error"),
        ("36", "skipped", "warning"),
        ("38", "skipped", "warning"),
        ("39", "failure", "error"),
    ]
    seed = suites[1][0]
    assert seed.get("name") == "SPC101 formula-mismatch at line 56, column 22"
    assert seed[0].text.startswith(f"{SEED}:56:22: SPC101 8 experts × 3")


def test_junit_survives_control_characters(cli) -> None:
    out = cli(["check", "-", "--stdin-filename", "a\x01b.md", "--format", "junit"], stdin=WRONG)[1]
    [suite] = ET.fromstring(out.encode("utf-8")).findall("testsuite")
    assert suite.get("name") == "a\ufffdb.md"


def test_output_file(cli, tmp_path: Path) -> None:
    target = tmp_path / "reports" / "deep" / "speclint.sarif"
    code, out, _ = cli(["check", SEED, "--format", "sarif", "--output-file", str(target)])
    assert code == 1 and out == ""
    assert target.read_text(encoding="utf-8") == cli(["check", SEED, "--format", "sarif"])[1]
    code, out, _ = cli(["check", SEED, "-o", str(target), "--statistics"])
    assert code == 1 and out == ""
    assert target.read_text(encoding="utf-8").startswith("1\tSPC101\tformula-mismatch\n")


def test_output_file_that_cannot_be_written(cli, tmp_path: Path) -> None:
    code, out, err = cli(["check", SEED, "--output-file", str(tmp_path)])
    assert code == 2 and out == ""
    assert f"cannot write {tmp_path}" in err


def test_statistics(cli) -> None:
    code, out, _ = cli(["check", *CORE, "--statistics"])
    assert code == 1
    assert out.splitlines() == [
        "7\tSPC101\t[*] formula-mismatch",
        "5\tSPC102\t[*] percentage-mismatch",
        "3\tSPC001\t[ ] unchecked-formula",
        "3\tSPC103\t[ ] sum-mismatch",
        "3\tSPC201\t[ ] conversion-mismatch",
        "2\tSPC301\t[ ] per-unit-total-mismatch",
        "1\tSPC202\t[ ] binary-prefix-slip",
        "1\tSPC203\t[ ] bits-bytes-slip",
        "1\tSPC204\t[ ] factor-1000-slip",
        "1\tSPC205\t[ ] percent-fraction-slip",
        "Found 27 problems (20 errors, 4 warnings, 3 infos).",
        "[*] 5 with a safe fix.",
    ]


def test_statistics_as_json(cli, tmp_path: Path) -> None:
    (tmp_path / "warn.md").write_text("- Scratch volume: 512 GiB (512 GB)\n", encoding="utf-8")
    code, out, _ = cli(["check", ".", "--statistics", "--format", "json"], cwd=tmp_path)
    assert code == 0
    assert json.loads(out) == [
        {"code": "SPC202", "name": "binary-prefix-slip", "count": 1, "fixable_count": 0}
    ]
    (tmp_path / "warn.md").write_text(RIGHT, encoding="utf-8")
    assert cli(["check", ".", "--statistics", "--format", "json"], cwd=tmp_path)[1] == "[]\n"
    assert cli(["check", ".", "--statistics"], cwd=tmp_path)[1] == "All checks passed!\n"


def test_sarif_uris_are_relative_and_percent_encoded(cli, tmp_path: Path) -> None:
    (tmp_path / "my docs").mkdir()
    (tmp_path / "my docs" / "plan #1.md").write_text(WRONG, encoding="utf-8")
    outside = str(REPO / SEED)
    log = _json(cli, ["check", "my docs", outside, "--format", "sarif"], cwd=tmp_path)
    uris = [
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        for r in log["runs"][0]["results"]
    ]
    assert uris == ["my%20docs/plan%20%231.md", (REPO / SEED).as_uri()]
