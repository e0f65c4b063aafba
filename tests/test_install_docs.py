"""The README's install, pre-commit and GitHub Actions examples name things that exist: the
hook ids of .pre-commit-hooks.yaml, the release tag of the one version, and the git-URL
install form (``tests/test_packaging.py`` installs that form for real, in CI)."""

from __future__ import annotations

import re

import yaml

from speclint.version import __version__

from .conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")
HOOKS = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
#: The README's placeholder for the repository's URL.
URL = "https://github.com/OWNER/speclint"
TAG = f"v{__version__}"
REQUIREMENT = re.compile(rf"speclint(\[[a-z]+\])? @ git\+{re.escape(URL)}@{re.escape(TAG)}")


def _yaml_blocks() -> list[str]:
    return re.findall(r"^```yaml\n(.*?)^```$", README, re.M | re.S)


def test_the_pre_commit_example_names_existing_hooks_and_the_release_tag() -> None:
    (block,) = [b for b in _yaml_blocks() if b.startswith("# .pre-commit-config.yaml")]
    (repo,) = yaml.safe_load(block)["repos"]
    assert (repo["repo"], repo["rev"]) == (URL, TAG)
    ids = {hook["id"] for hook in HOOKS}
    assert ids == {"speclint", "speclint-fix"}
    used = [hook["id"] for hook in repo["hooks"]]
    commented = re.findall(r"^\s*#\s*- id: (\S+)", block, re.M)
    assert used == ["speclint"] and commented == ["speclint-fix"]
    assert set(used + commented) <= ids


def test_every_install_line_uses_the_git_url_and_the_release_tag() -> None:
    quoted = re.findall(r"pip install '([^']*)'", README)
    assert len(quoted) >= 6
    for requirement in quoted:
        assert REQUIREMENT.fullmatch(requirement) or requirement.startswith("."), requirement
    # Unquoted installs are of a checkout only (`pip install -e .`), never `pip install speclint`.
    for target in re.findall(r"pip install (?!')(\S+(?: \S+)?)", README):
        assert target.startswith(("-e .", "-e '.[", ".")), target


def test_the_github_actions_examples_install_from_the_git_url() -> None:
    workflows = [yaml.safe_load(b) for b in _yaml_blocks() if b.startswith("name: speclint")]
    assert len(workflows) == 2
    for workflow in workflows:
        for job in workflow["jobs"].values():
            runs = [step["run"] for step in job["steps"] if "run" in step]
            installs = [r for r in runs if r.startswith("pip install")]
            assert installs == [f"pip install 'speclint @ git+{URL}@{TAG}'"]
            checks = [r for r in runs if "speclint check" in r]
            assert checks
            if any("--diff-base" in r for r in checks):
                # The merge base needs the history (a shallow clone has none).
                assert job["steps"][0]["with"]["fetch-depth"] == 0
