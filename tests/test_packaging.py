"""Packaging: ``python -m build`` makes a wheel and an sdist that install and run in fresh
virtual environments, and the README's git-URL install line works as written (with the
placeholder URL pointed at a local clone). Marked ``ci``: they take a minute or more, so they
run in ``.ci/run`` (``CI`` set) or with ``--run-ci``.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tarfile
import venv
import zipfile
from pathlib import Path

import pytest

from speclint.version import __version__

from .conftest import REPO

pytestmark = pytest.mark.ci

GIT = ["git", "-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false"]
WRONG = "# Plan\n\n- Weights: 30 GB (13B params × 2 bytes)\n"
FINDING = "plan.md:3:12: SPC101 [arithmetic] 13B params × 2 bytes = 26 GB"
#: What the installed package must carry besides its modules.
PACKAGE_DATA = ("speclint/py.typed", "speclint/data/units.toml", "speclint/data/models.toml")
#: The README's repository placeholder (see its Install section).
PLACEHOLDER = "https://github.com/OWNER/speclint"


def _run(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run outside this checkout's environment (no inherited PYTHONPATH or virtualenv)."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, check=False)


def _ok(args: list[str], cwd: Path) -> str:
    done = _run(args, cwd)
    assert done.returncode == 0, f"{args}: {done.stdout}{done.stderr}"
    return done.stdout


@pytest.fixture(scope="module")
def clone(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A git repository of the checkout as it is now (uncommitted changes included), tagged
    ``v<version>`` as a release is."""
    snapshot = tmp_path_factory.mktemp("speclint-repo")
    listed = _ok(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], REPO)
    for name in filter(None, listed.split("\0")):
        if (REPO / name).is_file():
            (snapshot / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(REPO / name, snapshot / name)
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "release"]):
        _ok([*GIT, *args], snapshot)
    _ok([*GIT, "tag", f"v{__version__}"], snapshot)
    return snapshot


@pytest.fixture(scope="module")
def dist(clone: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``python -m build`` (isolated, as a user runs it) of the clone: the sdist and wheel."""
    out = tmp_path_factory.mktemp("dist")
    _ok([sys.executable, "-m", "build", "--sdist", "--wheel", "--outdir", str(out)], clone)
    return out


def _fresh_venv(where: Path) -> Path:
    """A new virtual environment with pip and nothing else; its bin directory."""
    venv.create(where, with_pip=True)
    return where / "bin"


def _runs(bin_dir: Path, work: Path) -> None:
    """The installed command and API work from a directory outside the checkout."""
    assert _ok([str(bin_dir / "speclint"), "--version"], work) == f"speclint {__version__}\n"
    (work / "plan.md").write_text(WRONG, encoding="utf-8")
    done = _run([str(bin_dir / "speclint"), "check", "plan.md", "--output-format", "concise"], work)
    assert done.returncode == 1 and done.stdout.startswith(FINDING), done.stdout + done.stderr
    script = (
        "import importlib.metadata, speclint;"
        "print(importlib.metadata.version('speclint'), speclint.__file__);"
        "print([d.code for d in speclint.lint_text(open('plan.md').read())])"
    )
    version, location, codes = _ok([str(bin_dir / "python"), "-c", script], work).split(maxsplit=2)
    assert version == __version__
    assert Path(location).is_relative_to(bin_dir.parent) and not location.startswith(str(REPO))
    assert codes.strip() == "['SPC101']"


def test_build_makes_a_wheel_and_an_sdist_named_by_the_single_version(dist: Path) -> None:
    assert sorted(p.name for p in dist.iterdir()) == [
        f"speclint-{__version__}-py3-none-any.whl",
        f"speclint-{__version__}.tar.gz",
    ]
    with zipfile.ZipFile(dist / f"speclint-{__version__}-py3-none-any.whl") as wheel:
        names = set(wheel.namelist())
        entry_points = wheel.read(f"speclint-{__version__}.dist-info/entry_points.txt").decode()
    assert set(PACKAGE_DATA) <= names
    assert "speclint_rules/__init__.py" in names
    assert "speclint = speclint.app.quick:run" in entry_points
    with tarfile.open(dist / f"speclint-{__version__}.tar.gz") as sdist:
        members = {name.split("/", 1)[1] for name in sdist.getnames() if "/" in name}
    assert {"pyproject.toml", "README.md", "rules/__init__.py", *PACKAGE_DATA} <= members


def test_the_wheel_installs_and_runs_in_a_fresh_venv(dist: Path, tmp_path: Path) -> None:
    bin_dir = _fresh_venv(tmp_path / "venv")
    wheel = dist / f"speclint-{__version__}-py3-none-any.whl"
    _ok([str(bin_dir / "python"), "-m", "pip", "install", "-q", str(wheel)], tmp_path)
    _runs(bin_dir, tmp_path)


def test_the_sdist_and_the_readme_git_url_install_and_run(
    dist: Path, clone: Path, tmp_path: Path
) -> None:
    bin_dir = _fresh_venv(tmp_path / "venv")
    sdist = dist / f"speclint-{__version__}.tar.gz"
    _ok([str(bin_dir / "python"), "-m", "pip", "install", "-q", str(sdist)], tmp_path)
    _runs(bin_dir, tmp_path)
    # The README's install line, as written but for the repository's placeholder URL.
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    line = re.search(r"^pip install '(speclint @ git\+\S+)'$", readme, re.M)
    assert line is not None, "README has no git-URL install line"
    # pip's requirement parser wants a host in the URL; git ignores it for file URLs.
    url = f"file://localhost{clone}"
    requirement = line[1].replace(PLACEHOLDER, url)
    assert requirement == f"speclint @ git+{url}@v{__version__}"
    _ok([str(bin_dir / "pip"), "uninstall", "-q", "-y", "speclint"], tmp_path)
    install = ["install", "-q", "--no-deps", requirement]
    _ok([str(bin_dir / "python"), "-m", "pip", *install], tmp_path)
    _runs(bin_dir, tmp_path)
