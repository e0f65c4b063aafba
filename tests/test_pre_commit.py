"""The pre-commit hooks, run by the real ``pre-commit try-repo`` against this checkout.

``try-repo`` installs the checkout into a fresh hook environment on every run (it uses a
temporary store whatever ``PRE_COMMIT_HOME`` says, and needs the package index), so there are
only two runs, each with both hooks: ``speclint`` runs first, then ``speclint-fix``.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import REPO

BAD = "# Plan\n\n- Weights: 28 GB (13B params × 2 bytes)\n"
GOOD = "# Plan\n\n- Weights: 26 GB (13B params × 2 bytes)\n"
GIT = ["git", "-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false"]


def _run(args: list[str], cwd: Path, env: dict[str, str] | None = None) -> tuple[int, str]:
    done = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, check=False)
    return done.returncode, done.stdout + done.stderr


@pytest.fixture(scope="module")
def try_repo(tmp_path_factory: pytest.TempPathFactory):
    """``try_repo(hook_id, *files)`` in a throwaway git repo: (exit status, output)."""
    pre_commit = Path(sys.executable).parent / "pre-commit"
    assert pre_commit.exists(), "pre-commit is not installed (pip install -e '.[test]')"
    # A commit of the checkout as it is now, uncommitted changes included (as pre-commit does
    # for a dirty checkout), so the hook environment is built once for the module.
    snapshot = tmp_path_factory.mktemp("speclint-checkout")
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=REPO,
        capture_output=True,
        check=True,
    ).stdout.decode()
    for name in filter(None, listed.split("\0")):
        if (REPO / name).is_file():
            (snapshot / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(REPO / name, snapshot / name)
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "snapshot"]):
        subprocess.run([*GIT, *args], cwd=snapshot, check=True, capture_output=True)
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path_factory.mktemp("pre-commit-home"))}
    env.pop("PRE_COMMIT", None)

    def run(*files: str, docs: dict[str, str]) -> tuple[int, str, Path]:
        work = tmp_path_factory.mktemp("user-repo")
        subprocess.run([*GIT, "init", "-q"], cwd=work, check=True)
        for name, text in docs.items():
            (work / name).write_text(text, encoding="utf-8")
        subprocess.run([*GIT, "add", "-A"], cwd=work, check=True)
        command = [str(pre_commit), "try-repo", str(snapshot), "--color=never", "--files"]
        code, output = _run([*command, *files], work, env)
        return code, output, work

    return run


def test_a_clean_doc_passes_both_hooks(try_repo) -> None:
    code, output, work = try_repo("good.md", docs={"bad.md": BAD, "good.md": GOOD})
    assert code == 0, output
    assert re.search(r"^speclint\.+Passed$", output, re.M), output
    assert re.search(r"^speclint \(fix\)\.+Passed$", output, re.M), output
    assert "SPC101" not in output
    assert (work / "bad.md").read_text(encoding="utf-8") == BAD  # not passed, not touched


def test_a_wrong_claim_fails_speclint_and_speclint_fix_rewrites_it(try_repo) -> None:
    code, output, work = try_repo("bad.md", docs={"bad.md": BAD})
    assert code == 1, output
    check, fix = output.split("speclint (fix)")
    assert re.search(r"^speclint\.+Failed$", check, re.M), output
    assert "- exit code: 1" in check
    assert "bad.md:3:12: SPC101 [arithmetic] 13B params × 2 bytes = 26 GB" in check
    assert "Found 1 problem (1 error)." in check
    assert re.match(r"\.+Failed$", fix, re.M), output
    assert "- files were modified by this hook" in fix and "- exit code" not in fix
    assert "Found 1 problem (1 fixed, 0 remaining)." in fix
    assert (work / "bad.md").read_text(encoding="utf-8") == GOOD
