"""Everything from a source archive: a copy of the package without .git (as openICPSR or Zenodo archive it)
runs the benchmark, the workflow and the tests.

Why: a deposited package is a zip, not a git checkout; the benchmark once listed its files with
`git ls-files` and stopped with a traceback there.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from analysis.package.benchmark import copy_repository, listed_files
from tests.conftest import ROOT, run_snakemake

# Files a build (its run crate at the root too), a render, a virtual environment or Python leave in a working
# folder, and secrets planted there, which .gitignore excludes
# and no copy of the package may take along.
JUNK = ["data/derived/numbers.json", "data/derived/logs/x.log", ".snakemake/locks/0.input.lock",
        "analysis/__pycache__/io.cpython-311.pyc", "tests/x.pyc", "manuscript/_generated/table1.md",
        "manuscript/_output/html-index/x.html", "manuscript/.quarto/x", "manuscript/index_files/libs/x.js",
        ".venv/bin/python", ".pytest_cache/v/x", "ro-crate-metadata.json", ".env", "id_rsa", "credentials.json",
        ".git/HEAD"]


def _unpacked(dst: Path) -> Path:
    """The package as its archive unpacks: every file a clone holds, no .git, plus a working folder's leftovers."""
    copy_repository(dst)
    assert not (dst / ".git").exists()
    for j in JUNK[:-1]:
        (dst / j).parent.mkdir(parents=True, exist_ok=True)
        (dst / j).write_text("left over\n")
    return dst


def test_without_git_the_files_listed_are_those_of_a_clone(tmp_path):
    d = _unpacked(tmp_path / "unpacked")
    expected = sorted(listed_files(ROOT))
    assert "Snakefile" in expected and "data/raw/datapackage.json" in expected
    assert sorted(listed_files(d)) == expected
    assert not set(JUNK) & set(listed_files(d))


@pytest.mark.workflow
def test_the_benchmark_copy_the_workflow_and_the_tests_run_without_git(tmp_path):
    d = _unpacked(tmp_path / "unpacked")
    # the benchmark's copy, run from the unpacked package itself
    second = tmp_path / "benchmark copy"
    r = subprocess.run([sys.executable, "-c", "import sys; from pathlib import Path; "
                        "from analysis.package.benchmark import copy_repository; copy_repository(Path(sys.argv[1]))",
                        str(second)], cwd=d, capture_output=True, text=True)
    assert r.returncode == 0 and not r.stderr, r.stderr[-2000:]
    assert sorted(p.relative_to(second).as_posix() for p in second.rglob("*") if p.is_file()) == sorted(listed_files(ROOT))
    # the README's build, there (planned here; every whole build of the suite runs in such a copy, made by
    # copy_repository, which takes no .git along)
    r = run_snakemake(["-c2", "-n", "--quiet", "rules"], second)
    assert r.returncode == 0 and "write_manuscript_parts" in r.stdout + r.stderr, (r.stdout + r.stderr)[-3000:]
    # and the tests (a quick selection: every one of them runs in such copies already, see tests/test_workflow.py)
    r = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/test_escape.py",
                        "-k", "markdown or bibtex"], cwd=d, capture_output=True, text=True)
    assert r.returncode == 0 and " passed" in r.stdout, (r.stdout + r.stderr)[-3000:]
