"""The deposit archive (`snakemake -c2 deposit`): a Workflow RO-Crate zip (`<name>-<version>.crate.zip`, the
crate's metadata at its root) that holds the package's tracked files only, every one with its checksum in
the crate, and is valid as deposited: the zip itself and the unpacked folder before any build.  Hostile
working trees (secrets, a link out of the tree, a hostile name, git's ignore rules without .git) are each
handled in one line.  Unpacked with no git and no network, the README's build command makes the same
products the crate records.  And the citation metadata: CITATION.cff, codemeta.json and .zenodo.json agree."""
import hashlib
import io
import json
import os
import shutil
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest
import yaml

from analysis.package.deposit import (Refused, archive, deposit_crate, listed_files, members, tracked_files,
                                      walk)
from tests.conftest import ROOT, run_snakemake

PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
ZIP = f"data/derived/{PROJECT['name']}-{PROJECT['version']}.crate.zip"  # WorkflowHub's `.crate.zip`


# --- which files, on constructed trees ----------------------------------------------------------------------

def _tree(root: Path, files: list[str]) -> None:
    for f in files:
        (root / f).parent.mkdir(parents=True, exist_ok=True)
        (root / f).write_text(f, encoding="utf-8")


def test_without_git_the_gitignore_files_decide_as_git_does(tmp_path):
    (tmp_path / ".gitignore").write_text("# comment\n.venv/\n*.pyc\ndata/derived/\nmanuscript/*_files/\n"
                                         "*.tmp\n!keep.tmp\n**/cache/\n", encoding="utf-8")
    _tree(tmp_path, ["README.md", "a/b.py", "a/b.pyc", ".venv/bin/python", "data/raw/x.csv",
                     "data/derived/y.csv", "data/derivedz/kept.csv", "manuscript/index.qmd",
                     "manuscript/index_files/lib.js", "manuscript/.quarto/cache", "manuscript/sub/.quarto/kept",
                     ".git/HEAD", "docs/.venv", "x.tmp", "a/keep.tmp", "deep/er/cache/c.bin", "cache.txt"])
    (tmp_path / "manuscript/.gitignore").write_text("/.quarto/\n", encoding="utf-8")
    # worked out by git's rules: `!keep.tmp` re-includes keep.tmp anywhere, `**/cache/` ignores a folder named
    # cache at any depth (not a file named cache), `/.quarto/` only manuscript's own
    assert walk(tmp_path) == [".gitignore", "README.md", "a/b.py", "a/keep.tmp", "cache.txt", "data/derivedz/kept.csv",
                              "data/raw/x.csv", "docs/.venv", "manuscript/.gitignore", "manuscript/index.qmd",
                              "manuscript/sub/.quarto/kept"]
    # no .git here: both listings are the walk's
    assert listed_files(tmp_path) == tracked_files(tmp_path) == walk(tmp_path)


def test_with_git_only_tracked_files(tmp_path):
    if not shutil.which("git"):
        pytest.skip("no git here")
    _tree(tmp_path, ["README.md", "a/b.py", "notes.txt"])
    run = lambda *a: subprocess.run(["git", *a], cwd=tmp_path, check=True, capture_output=True)
    run("init", "-q")
    run("add", "README.md", "a/b.py")
    assert tracked_files(tmp_path) == ["README.md", "a/b.py"]  # the untracked notes.txt is not the package's
    assert "notes.txt" in listed_files(tmp_path)  # the tests' copies take a change not yet committed


def test_hostile_files_are_left_out_or_refused_in_one_line(tmp_path):
    root = tmp_path / "pkg"
    _tree(root, ["README.md", "a/b.py"])
    (root / "link_in").symlink_to(root / "a/b.py")
    (root / "passwd").symlink_to("/etc/passwd")
    kept, notes = members(root, ["README.md", "a/b.py", "link_in", "passwd"])
    assert [n for n, _ in kept] == ["README.md", "a/b.py", "link_in"]  # a link inside the tree: its file
    assert notes == ["passwd: left out, a symbolic link to a file outside the package"]
    for name in (".env", "id_rsa", "credentials.json", "config/.env.local", "keys/server.pem"):
        with pytest.raises(Refused, match="named like a credential"):
            members(root, [name])
    for name in ("a\\..\\b", "../x", "/etc/x", "a/../b", "a//b", "a/\x1b[2Jb"):
        with pytest.raises(Refused, match="a zip reader could read as another path"):
            members(root, [name])


def _deposit(root: Path, tmp_path: Path) -> subprocess.CompletedProcess:
    crate = tmp_path / "crate.json"
    crate.write_text(json.dumps({"@context": [], "@graph": [{"@id": "./", "@type": "Dataset", "hasPart": []}]}),
                     encoding="utf-8")
    return subprocess.run([sys.executable, "-m", "analysis.package.deposit", "--root", str(root), "--crate",
                           str(crate), "--out", str(tmp_path / "out.crate.zip")], cwd=ROOT, capture_output=True,
                          text=True)


@pytest.mark.parametrize("planted", [".env", "id_rsa", "credentials.json"])
def test_a_planted_secret_without_git(tmp_path, planted):
    """Without .git: the repository's .gitignore ignores such names, so the archive leaves them out; a
    .gitignore that does not refuses the archive in one line."""
    root = tmp_path / "pkg"
    _tree(root, ["README.md", planted])
    shutil.copy(ROOT / ".gitignore", root / ".gitignore")
    r = _deposit(root, tmp_path)
    assert r.returncode == 0, r.stderr
    assert planted not in zipfile.ZipFile(tmp_path / "out.crate.zip").namelist()
    (root / ".gitignore").unlink()
    r = _deposit(root, tmp_path)
    assert r.returncode == 1 and "Traceback" not in r.stderr and len(r.stderr.strip().splitlines()) == 1
    assert r.stderr.startswith(f"deposit refused: {planted}: named like a credential")


def test_a_link_to_etc_passwd_a_negation_and_a_hostile_name_without_git(tmp_path):
    root = tmp_path / "pkg"
    _tree(root, ["README.md", "x.tmp", "keep.tmp", "sub/deep/cache/c"])
    (root / ".gitignore").write_text("*.tmp\n!keep.tmp\n**/cache/\n", encoding="utf-8")
    (root / "passwd").symlink_to("/etc/passwd")
    assert "passwd" not in listed_files(root)  # nor does a copy of the package (the tests', the benchmark's)
    r = _deposit(root, tmp_path)
    assert r.returncode == 0, r.stderr
    assert r.stderr == "passwd: left out, a symbolic link to a file outside the package\n"
    with zipfile.ZipFile(tmp_path / "out.crate.zip") as z:
        assert sorted(z.namelist()) == [".gitignore", "README.md", "keep.tmp", "ro-crate-metadata.json"]
        crate = json.loads(z.read("ro-crate-metadata.json"))
    assert {n["@id"] for n in crate["@graph"] if "sha256" in n} == {".gitignore", "README.md", "keep.tmp"}
    (root / "a\\..\\b").write_text("x", encoding="utf-8")
    r = _deposit(root, tmp_path)
    assert r.returncode == 1 and "Traceback" not in r.stderr and len(r.stderr.strip().splitlines()) == 1
    assert "a zip reader could read as another path" in r.stderr


def test_the_archives_crate_lists_what_it_holds_and_names_the_products_it_does_not():
    build = {"@context": "x", "@graph": [
        {"@id": "ro-crate-metadata.json", "@type": "CreativeWork", "about": {"@id": "./"}},
        {"@id": "./", "@type": "Dataset", "hasPart": [{"@id": "a.py"}, {"@id": "data/derived/t.csv"}]},
        {"@id": "a.py", "@type": "File", "sha256": "old", "contentSize": "1"},
        {"@id": "data/derived/t.csv", "@type": "File", "sha256": "abc", "contentSize": "3"},
        {"@id": "#run", "@type": "CreateAction", "object": {"@id": "a.py"}, "result": [{"@id": "data/derived/t.csv"}]}]}
    got = {n["@id"]: n for n in deposit_crate(build, {"a.py": b"print()\n", "README.md": b"r"})["@graph"]}
    assert got["./"]["hasPart"] == [{"@id": "README.md"}, {"@id": "a.py"}]
    assert got["a.py"]["sha256"] == hashlib.sha256(b"print()\n").hexdigest() and got["a.py"]["contentSize"] == "8"
    assert got["README.md"]["@type"] == "File" and got["README.md"]["sha256"] == hashlib.sha256(b"r").hexdigest()
    assert "data/derived/t.csv" not in got
    product = got["#product-data/derived/t.csv"]
    assert product["@type"] == "CreativeWork" and product["sha256"] == "abc" and "makes it again" in product["description"]
    assert got["#run"]["result"] == [{"@id": "#product-data/derived/t.csv"}] and got["#run"]["object"] == {"@id": "a.py"}


def test_the_zip_is_deterministic_sorted_dated_at_its_root_and_keeps_only_the_executable_bit():
    entries = [("b.txt", b"b", False), ("a/run", b"#!/bin/sh\n", True)]
    one, two = archive(entries), archive(list(reversed(entries)))
    assert one == two
    with zipfile.ZipFile(io.BytesIO(one)) as z:
        infos = z.infolist()
        assert [i.filename for i in infos] == ["a/run", "b.txt"]
        assert {i.date_time for i in infos} == {(1980, 1, 1, 0, 0, 0)}
        assert [i.external_attr >> 16 for i in infos] == [0o100755, 0o100644]
        assert z.read("b.txt") == b"b"
    with pytest.raises(Refused):
        archive([("../evil", b"x", False)])


def test_the_walk_lists_what_git_lists_in_this_repository():
    if not (shutil.which("git") and (ROOT / ".git").exists()):
        pytest.skip("no git or no .git here: nothing to compare the walk with")
    assert walk(ROOT) == listed_files(ROOT)


# --- the archive of a build, valid as deposited, rebuilt offline without git ------------------------------

TOOLS = ["bash", "sh", "tail", "cat", "cp", "mv", "rm", "mkdir", "ls", "env", "uname", "date", "head", "dirname",
         "basename", "printf", "grep"]


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


@pytest.fixture(scope="session")
def deposited(built, tmp_path_factory):
    """The archive `snakemake -c2 deposit` makes in a copy of the build with no .git and no git on the PATH,
    and that copy: made once for the whole run (on every xdist worker: conftest's `once`), and only read."""
    from tests.conftest import once

    def deposit(tmp):
        repo = tmp / "repo"
        shutil.copytree(built, repo, symlinks=True)
        assert not (repo / ".git").exists()
        _no_git_path(tmp)
        r = run_snakemake(["-c2", "deposit"], repo, {**os.environ, "PATH": str(tmp / "bin")})
        assert r.returncode == 0, r.stderr[-3000:]

    tmp = once(tmp_path_factory, "deposit", deposit)
    return tmp / "repo" / ZIP, tmp / "repo", {**os.environ, "PATH": str(tmp / "bin")}


@pytest.mark.workflow
def test_the_archive_holds_the_package_and_every_file_with_its_checksum(built, deposited):
    zip_path, repo, _ = deposited
    with zipfile.ZipFile(zip_path) as z:
        names = [i.filename for i in z.infolist()]
        assert names == sorted(names) and "ro-crate-metadata.json" in names  # at the root: no top folder
        # what a fresh clone holds (the files the build's copy was made from), and the crate
        clone = {p.relative_to(built).as_posix() for p in built.rglob("*") if p.is_file()
                 and "__pycache__" not in p.parts and p.name != "ro-crate-metadata.json"
                 and not p.relative_to(built).as_posix().startswith(("data/derived/", "manuscript/_generated/",
                                                                     ".snakemake/"))}
        assert set(names) == clone | {"ro-crate-metadata.json"}
        for needed in ("README.md", "CITATION.cff", "LICENSE", "requirements.lock", "pyproject.toml", "Snakefile",
                       "docs/index.html", "docs/vi.pdf", "data/raw/datapackage.json", "analysis/package/crate.py",
                       "codemeta.json", ".zenodo.json"):
            assert needed in names, needed
        assert (z.getinfo(".ci/run").external_attr >> 16) & 0o111
        graph = {n["@id"]: n for n in json.loads(z.read("ro-crate-metadata.json"))["@graph"]}
        # every file it holds, with the sha256 of the bytes it holds; nothing listed as a file that it lacks
        files = {i for i, n in graph.items() if "File" in (n["@type"] if isinstance(n["@type"], list) else [n["@type"]])}
        assert files == set(names) - {"ro-crate-metadata.json"}
        for name in files:
            assert graph[name]["sha256"] == hashlib.sha256(z.read(name)).hexdigest(), name
        assert {r["@id"] for r in graph["./"]["hasPart"]} == files
    # the products: named with their checksums as the run's results, not as files of the archive
    products = {i: n for i, n in graph.items() if i.startswith("#product-")}
    assert len(products) > 40
    assert products["#product-data/derived/numbers.json"]["sha256"] == _sha(built / "data/derived/numbers.json")


@pytest.mark.workflow
def test_the_zip_and_the_unpacked_archive_are_valid_crates_before_any_build(deposited, tmp_path, monkeypatch):
    from tests.test_crate import check_crate
    zip_path, _, _ = deposited
    check_crate(zip_path, monkeypatch, tmp_path / "from zip")
    unpacked = tmp_path / "unpacked"
    zipfile.ZipFile(zip_path).extractall(unpacked)
    assert not (unpacked / "data/derived").exists()  # before any build
    check_crate(unpacked, monkeypatch, tmp_path / "from folder")


@pytest.mark.workflow
def test_the_archive_rebuilds_offline_without_git_to_the_products_it_records(built, deposited, tmp_path):
    zip_path, _, env = deposited
    home = tmp_path / "unpacked"
    with zipfile.ZipFile(zip_path) as z:
        z.extractall(home)
        for info in z.infolist():  # zipfile does not restore modes
            if (info.external_attr >> 16) & 0o111:
                os.chmod(home / info.filename, 0o755)
    deposited_crate = json.loads((home / "ro-crate-metadata.json").read_text(encoding="utf-8"))
    # the README's build command, with this interpreter, no git, no network
    r = subprocess.run(_offline([sys.executable, "-m", "snakemake", "-c2", "derived"]), cwd=home,
                       capture_output=True, text=True, env=env)
    assert r.returncode == 0, r.stderr[-3000:]
    assert (home / "data/derived/numbers.json").read_bytes() == (built / "data/derived/numbers.json").read_bytes()
    # every product the deposited crate records is made again, in the bytes it records (the machine's facts
    # apart: data/derived/machine.json is outside the promise)
    recorded = [n for n in deposited_crate["@graph"] if n["@id"].startswith("#product-")]
    assert len(recorded) > 40
    for node in recorded:
        if node["identifier"] != "data/derived/machine.json":
            assert _sha(home / node["identifier"]) == node["sha256"], node["identifier"]


def test_the_readme_says_how_to_make_and_deposit_the_archive():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "snakemake -c2 deposit" in readme and ZIP.replace(PROJECT["version"], "<version>").replace(
        PROJECT["name"], "<name>") in readme
    assert "ro-crate-metadata.json" in readme and "verdicts.jsonld" in readme and "machine.json" in readme


# --- the citation metadata, from one source -----------------------------------------------------------------

def test_citation_cff_is_complete_valid_and_agrees_with_pyproject():
    pytest.importorskip("cffconvert", reason="cffconvert is not installed (requirements.lock has it)")
    from analysis.package.citation import converted
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert cff["version"] == PROJECT["version"]  # one version, kept in sync
    for field in ("title", "abstract", "keywords", "license", "date-released", "authors", "contact"):
        assert cff.get(field), field
    assert cff["license"] == PROJECT["license"] == "MIT"
    converted(ROOT / "CITATION.cff")  # validates against the Citation File Format's schema, else raises
    r = subprocess.run([sys.executable, "-m", "cffconvert", "--validate", "-i", str(ROOT / "CITATION.cff")],
                       capture_output=True, text=True)
    if r.returncode != 0 and "No module named" in r.stderr:
        r = subprocess.run([str(Path(sys.executable).parent / "cffconvert"), "--validate", "-i",
                            str(ROOT / "CITATION.cff")], capture_output=True, text=True)
    assert r.returncode == 0 and "valid" in r.stdout, r.stdout + r.stderr


def test_codemeta_and_zenodo_are_a_fresh_conversion_of_citation_cff():
    pytest.importorskip("cffconvert", reason="cffconvert is not installed (requirements.lock has it)")
    from analysis.package.citation import converted
    fresh = converted(ROOT / "CITATION.cff")
    for name in ("codemeta.json", ".zenodo.json"):
        assert (ROOT / name).read_text(encoding="utf-8") == fresh[name], f"{name}: python -m analysis.package.citation --write"
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    codemeta = json.loads((ROOT / "codemeta.json").read_text(encoding="utf-8"))
    zenodo = json.loads((ROOT / ".zenodo.json").read_text(encoding="utf-8"))
    assert codemeta["version"] == zenodo["version"] == cff["version"]
    assert codemeta["name"] == zenodo["title"] == cff["title"]
    assert zenodo["keywords"] == codemeta["keywords"] == cff["keywords"]
    assert zenodo["publication_date"] == codemeta["datePublished"] == cff["date-released"]


def test_the_citation_check_refuses_a_stale_file_in_one_line(tmp_path):
    pytest.importorskip("cffconvert", reason="cffconvert is not installed (requirements.lock has it)")
    for name in ("CITATION.cff", "codemeta.json", ".zenodo.json"):
        shutil.copy(ROOT / name, tmp_path / name)
    cmd = [sys.executable, "-m", "analysis.package.citation", "--root", str(tmp_path)]
    assert subprocess.run(cmd, cwd=ROOT, capture_output=True).returncode == 0
    text = (tmp_path / "CITATION.cff").read_text(encoding="utf-8").replace('version: "0.1.0"', 'version: "0.2.0"')
    (tmp_path / "CITATION.cff").write_text(text, encoding="utf-8")
    r = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    assert r.returncode == 1 and r.stderr.startswith("codemeta.json, .zenodo.json: not what CITATION.cff gives")
    (tmp_path / "CITATION.cff").write_text(text.replace("license: MIT", "license: [1, 2]"), encoding="utf-8")
    r = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    assert r.returncode == 1 and "Traceback" not in r.stderr and r.stderr.startswith("CITATION.cff: not valid")


# --- machine facts apart ------------------------------------------------------------------------------------

def _report_on(built: Path, out: Path, kernel: str, python: str) -> dict[str, bytes]:
    """The report's step again, exactly as its log records it, on a machine that says it runs `kernel` and
    `python`, writing to `out`: each output's bytes, by its option."""
    import shlex
    command = (built / "data/derived/logs/write_report.log").read_text(encoding="utf-8").splitlines()[0]
    args = shlex.split(command.removeprefix("+ "))[3:]  # after `python -m analysis.audit.report`
    outs = {}
    for i, a in enumerate(args):
        if a.startswith("--out"):
            outs[a] = out / Path(args[i + 1]).name
            args[i + 1] = str(outs[a])
    out.mkdir()
    code = ("import platform, sys; platform.release = lambda: sys.argv[1]; platform.python_version = lambda: sys.argv[2]; "
            "from analysis.audit.report import main; sys.exit(main(sys.argv[3:]))")
    r = subprocess.run([sys.executable, "-c", code, kernel, python, *args], cwd=built, capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    return {k: p.read_bytes() for k, p in outs.items()}


@pytest.mark.workflow
def test_two_machines_write_the_same_products_and_their_own_machine_facts(built, tmp_path):
    one = _report_on(built, tmp_path / "one", "5.15.0-generic", "3.11.2")
    two = _report_on(built, tmp_path / "two", "6.18.44-other", "3.12.9")
    assert set(one) > {"--out", "--out-vi", "--out-env", "--out-machine"}
    assert {k for k in one if one[k] != two[k]} == {"--out-machine"}  # every product the same bytes
    assert json.loads(one["--out-machine"])["os"].endswith(" 5.15.0-generic")
    assert json.loads(two["--out-machine"])["python"] == "3.12.9"
    assert b"5.15.0" not in one["--out"] + one["--out-vi"] + one["--out-env"]
