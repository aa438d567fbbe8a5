"""The deposit archive (`snakemake -c2 deposit`): what it holds, that it is made without git, that it is
deterministic, and that, unpacked in a folder with no git and no network, the README's build command makes
the same registry."""
import hashlib
import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from analysis.package.deposit import archive, listed_files, walk
from tests.conftest import ROOT

FOLDER = "vn-russia-replication-0.1.0"  # pyproject.toml's name and version


# --- on constructed cases -----------------------------------------------------------------------------

def _tree(root: Path, files: list[str]) -> None:
    for f in files:
        (root / f).parent.mkdir(parents=True, exist_ok=True)
        (root / f).write_text(f, encoding="utf-8")


def test_without_git_the_gitignore_files_decide(tmp_path):
    (tmp_path / ".gitignore").write_text("# comment\n.venv/\n*.pyc\ndata/derived/\nmanuscript/*_files/\n",
                                         encoding="utf-8")
    _tree(tmp_path, ["README.md", "a/b.py", "a/b.pyc", ".venv/bin/python", "data/raw/x.csv",
                     "data/derived/y.csv", "data/derivedz/kept.csv", "manuscript/index.qmd",
                     "manuscript/index_files/lib.js", "manuscript/.quarto/cache", "manuscript/sub/.quarto/kept",
                     ".git/HEAD", "docs/.venv"])
    (tmp_path / "manuscript/.gitignore").write_text("/.quarto/\n", encoding="utf-8")
    assert walk(tmp_path) == [".gitignore", "README.md", "a/b.py", "data/derivedz/kept.csv", "data/raw/x.csv",
                              "docs/.venv", "manuscript/.gitignore", "manuscript/index.qmd",
                              "manuscript/sub/.quarto/kept"]
    # no .git here: the listing is the walk's
    assert listed_files(tmp_path) == walk(tmp_path)


def test_a_negated_pattern_is_refused_rather_than_misread(tmp_path):
    (tmp_path / ".gitignore").write_text("*.log\n!keep.log\n", encoding="utf-8")
    with pytest.raises(ValueError, match="negated pattern '!keep.log'"):
        walk(tmp_path)


def test_the_walk_lists_what_git_lists_in_this_repository():
    if not (shutil.which("git") and (ROOT / ".git").exists()):
        pytest.skip("no git or no .git here: nothing to compare the walk with")
    assert walk(ROOT) == listed_files(ROOT)


def test_the_zip_is_deterministic_sorted_dated_and_keeps_only_the_executable_bit():
    entries = [("b.txt", b"b", False), ("a/run", b"#!/bin/sh\n", True)]
    one, two = archive(entries, "pkg-1"), archive(list(reversed(entries)), "pkg-1")
    assert one == two
    with zipfile.ZipFile(__import__("io").BytesIO(one)) as z:
        infos = z.infolist()
        assert [i.filename for i in infos] == ["pkg-1/a/run", "pkg-1/b.txt"]
        assert {i.date_time for i in infos} == {(1980, 1, 1, 0, 0, 0)}
        assert [i.external_attr >> 16 for i in infos] == [0o100755, 0o100644]
        assert z.read("pkg-1/b.txt") == b"b"


# --- the archive of a build, rebuilt offline without git ---------------------------------------------

TOOLS = ["bash", "sh", "tail", "cat", "cp", "mv", "rm", "mkdir", "ls", "env", "uname", "date", "head", "dirname"]


def _no_git_path(tmp_path: Path) -> str:
    """A PATH with the shell tools a build's steps use and no git."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for tool in TOOLS:
        found = shutil.which(tool)
        if found:
            (bin_dir / tool).symlink_to(found)
    assert not shutil.which("git", path=str(bin_dir))
    return str(bin_dir)


def _offline(command: list[str]) -> list[str]:
    """The command in a network namespace of its own (no network at all), where the system allows one."""
    unshare = shutil.which("unshare")
    if unshare and subprocess.run([unshare, "-rn", "true"], capture_output=True).returncode == 0:
        return [unshare, "-rn", *command]
    print("no user network namespace here: the rebuild runs with the network the machine has")
    return command


def _sha(p: Path) -> str:
    return hashlib.sha256(p.read_bytes()).hexdigest()


@pytest.mark.workflow
def test_the_archive_rebuilds_offline_without_git_to_the_same_registry(built, tmp_path):
    # the build's copy holds no .git; git is not on the PATH either
    repo = tmp_path / "repo"
    shutil.copytree(built, repo, symlinks=True)
    assert not (repo / ".git").exists()
    env = {**os.environ, "PATH": _no_git_path(tmp_path)}
    r = subprocess.run([sys.executable, "-m", "snakemake", "-c2", "deposit"], cwd=repo, capture_output=True,
                       text=True, env=env)
    assert r.returncode == 0, r.stderr[-3000:]
    zip_path = repo / "data/derived/deposit.zip"
    with zipfile.ZipFile(zip_path) as z:
        names = [i.filename for i in z.infolist()]
        assert names == sorted(names) and all(n.startswith(FOLDER + "/") for n in names)
        inside = {n.removeprefix(FOLDER + "/") for n in names}
        # what a fresh clone holds (the files the repository copy was made from), and the crate at the root
        clone = {p.relative_to(built).as_posix() for p in built.rglob("*") if p.is_file()
                 and "__pycache__" not in p.parts
                 and not p.relative_to(built).as_posix().startswith(("data/derived/", "manuscript/_generated/",
                                                                     ".snakemake/"))}
        assert inside == clone | {"ro-crate-metadata.json"}
        for needed in ("README.md", "CITATION.cff", "LICENSE", "requirements.lock", "pyproject.toml", "Snakefile",
                       "docs/index.html", "docs/vi.pdf", "data/raw/datapackage.json", "analysis/package/crate.py"):
            assert needed in inside, needed
        assert not any(n.startswith((".git/", "data/derived/", "manuscript/_generated/", ".snakemake/"))
                       for n in inside)
        assert z.read(f"{FOLDER}/ro-crate-metadata.json") == (repo / "data/derived/ro-crate-metadata.json").read_bytes()
        assert (z.getinfo(f"{FOLDER}/.ci/run").external_attr >> 16) & 0o111
        unpacked = tmp_path / "unpacked"
        z.extractall(unpacked)
    for info in zipfile.ZipFile(zip_path).infolist():  # zipfile does not restore modes
        if (info.external_attr >> 16) & 0o111:
            os.chmod(unpacked / info.filename, 0o755)
    home = unpacked / FOLDER
    # the README's build command, with this interpreter, no git, no network
    r = subprocess.run(_offline([sys.executable, "-m", "snakemake", "-c2", "derived"]), cwd=home,
                       capture_output=True, text=True, env=env)
    assert r.returncode == 0, r.stderr[-3000:]
    assert (home / "data/derived/numbers.json").read_bytes() == (built / "data/derived/numbers.json").read_bytes()
    # every file the deposited crate lists is there again, in the bytes it records
    graph = json.loads((home / "ro-crate-metadata.json").read_text(encoding="utf-8"))["@graph"]
    listed = [n for n in graph if "sha256" in n]
    assert len(listed) > 100
    for node in listed:
        assert _sha(home / node["@id"]) == node["sha256"], node["@id"]


def test_the_readme_says_how_to_make_and_deposit_the_archive():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "snakemake -c2 deposit" in readme and "data/derived/deposit.zip" in readme
    assert "ro-crate-metadata.json" in readme and "verdicts.jsonld" in readme
