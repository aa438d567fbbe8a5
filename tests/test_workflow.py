"""Runs the Snakemake workflow in a temporary copy of the repository."""
import csv
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from analysis.package.benchmark import copy_repository
from tests.conftest import ROOT, rehash, run_snakemake

pytestmark = pytest.mark.workflow
SNAKEMAKE_ARGS = ["-c2", "--quiet", "all", "--"]
SNAKEMAKE = [sys.executable, "-m", "snakemake", *SNAKEMAKE_ARGS]
TARGETS = ["derived"]  # all derived data and the manuscript's generated parts; the render is test_rendered's


_copy = copy_repository  # the files a fresh clone would hold, in a temporary folder


def _run(cwd: Path, *extra: str) -> subprocess.CompletedProcess:
    return run_snakemake(SNAKEMAKE_ARGS + list(extra or TARGETS), cwd)


def without_quarto() -> dict:
    """This process's environment with no folder on PATH that holds a `quarto`: the build as a machine without
    Quarto runs it."""
    return {**os.environ, "PATH": os.pathsep.join(p for p in os.environ.get("PATH", "").split(os.pathsep)
                                                  if not (Path(p) / "quarto").exists())}


def _content(p: Path) -> bytes:
    """A derived file's bytes; for the run crate, without the run's own timestamps (start, end, date), the one
    part of a build that is not a function of its inputs (tests/test_crate.py checks them)."""
    if p.name == "ro-crate-metadata.json":
        from analysis.package.crate import without_timestamps
        from analysis.io import dumps_json
        return dumps_json(without_timestamps(json.loads(p.read_bytes()))).encode("utf-8")
    return p.read_bytes()


def _digests(root: Path) -> dict:
    found = {}
    for out in (root / "data" / "derived", root / "manuscript" / "_generated"):
        found |= {p.relative_to(root).as_posix(): hashlib.sha256(_content(p)).hexdigest()
                  for p in sorted(out.rglob("*")) if p.is_file() and "logs" not in p.parts}
    return found


# `built`, one clean build shared by the tests that only read it, is in tests/conftest.py.


def test_workflow_builds_registry_audit_and_figures(built):
    for f in ["data/derived/numbers.json", "data/derived/audit.csv", "data/derived/table1.csv", "data/derived/table2.csv", "data/derived/arms_series.csv",
                       "data/derived/figures/arms_series_vi.svg", "data/derived/figures/table1_turnover.svg"]:
        assert (built / f).stat().st_size > 0, f
    import json
    reg = json.loads((built / "data/derived/numbers.json").read_text(encoding="utf-8"))
    n = reg["numbers"]["trade.turnover_2024.china"]
    assert n["value"] == pytest.approx(205.2) and n["inputs"][0]["sha256"]


# Two clean builds are byte-identical: a copy of the shared build passes verify, whose clean rebuild it is compared
# with, byte for byte (test_verify_is_a_rule_and_says_so_in_one_line); and every variation of tests/test_contract.py.


def test_bad_input_stops_before_any_derived_output(tmp_path):
    c = _copy(tmp_path)
    f = c / "data/raw/trade/vietnam_trade_by_partner.csv"
    f.write_text(f.read_text(encoding="utf-8").replace("205.2", "205.3", 1), encoding="utf-8")
    r = _run(c)
    assert r.returncode != 0
    assert "vietnam_trade_by_partner.csv" in (r.stdout + r.stderr) and "rule: resource.hash" in (r.stdout + r.stderr)
    for name in ("table1.csv", "audit.csv", "numbers.json"):
        assert not (c / "data/derived" / name).exists(), name


def _planned_jobs(cwd: Path) -> dict:
    """Rule -> count of the jobs a dry run would execute."""
    r = run_snakemake(["-c2", "derived", "-n", "--quiet", "rules"], cwd)
    assert r.returncode == 0, r.stderr[-3000:]
    out = r.stdout + r.stderr
    jobs = {}
    for line in out.split("Job stats:", 1)[-1].splitlines():
        parts = line.split()
        if len(parts) == 2 and parts[1].isdigit() and parts[0] not in ("job", "total"):
            jobs[parts[0]] = int(parts[1])
    return jobs


def test_editing_one_raw_file_reruns_the_check_and_what_it_gates(built, tmp_path):
    """In a copy of the suite's shared build (copied with its timestamps), which has nothing to do."""
    import shutil
    d = tmp_path / "copy"
    shutil.copytree(built, d, symlinks=True)
    assert _planned_jobs(d) == {}
    f = d / "data/raw/fdi/fdi_by_partner.csv"
    f.write_text(f.read_text(encoding="utf-8").replace("Singapore,2025-12M,registered_new,4.84",
                                                       "Singapore,2025-12M,registered_new,4.85", 1), encoding="utf-8")
    rehash(d / "data/raw/datapackage.json")
    jobs = _planned_jobs(d)
    # the raw check reruns, and every step waits for it again; the printed numbers' own check does not
    assert jobs.get("validate_raw") == 1
    assert {"compute_arms", "compute_trade", "compute_fdi", "audit_numbers", "build_registry"} <= set(jobs)
    assert "parse_published" not in jobs


def test_manuscript_parts_cite_only_registry_keys_and_give_each_a_lineage_entry(built):
    import json
    from analysis.manuscript.parts import anchor, keys_in
    numbers = json.loads((built / "data/derived/numbers.json").read_text(encoding="utf-8"))["numbers"]
    gen = built / "manuscript/_generated"
    used = set(keys_in((built / "manuscript/index.qmd").read_text(encoding="utf-8")))
    for part in gen.glob("*.md"):
        used |= set(keys_in(part.read_text(encoding="utf-8")))
    assert used and used <= set(numbers)
    lineage = (gen / "lineage.html").read_text(encoding="utf-8")
    assert all(f'id="{anchor(k)}"' in lineage for k in used)
    # Table 1 has one row per partner, each printed value and verdict as a shortcode
    table1 = (gen / "table1.md").read_text(encoding="utf-8")
    for i in range(1, 7):
        # (the printed value bare: the column's header names the unit)
        assert f"{{{{<num printed.T1-0{i} bare>}}}}" in table1 and f"{{{{<num audit.verdict.T1-0{i}>}}}}" in table1
    assert (gen / "arms_series.svg").read_bytes() == (built / "data/derived/figures/arms_series.svg").read_bytes()


def test_a_changed_registry_number_makes_the_check_name_the_sentence_that_no_longer_holds(built, tmp_path):
    """The build's own registry, copied with one number changed: the manuscript's assertion check (the rule
    check_manuscript_claims) fails and names the sentence of each edition by file, line and text."""
    import json
    reg = json.loads((built / "data/derived/numbers.json").read_text(encoding="utf-8"))
    assert json.loads((built / "data/derived/validated/manuscript_claims.json").read_text())["assertions"]
    reg["numbers"]["fdi.implied_bases_sum_2024"]["value"] = reg["numbers"]["fdi.implied_base_2024.total"]["value"] / 2
    copy = tmp_path / "numbers.json"
    copy.write_text(json.dumps(reg), encoding="utf-8")
    r = subprocess.run([sys.executable, "-m", "analysis.manuscript.assertions", "--registry", str(copy), "--qmd",
                        "manuscript/index.qmd", "manuscript/index.vi.qmd", "--report", str(tmp_path / "out.json")],
                       cwd=built, capture_output=True, text=True)
    assert r.returncode == 1 and not (tmp_path / "out.json").exists()
    named = [x for x in r.stderr.splitlines() if "fdi.implied_bases_sum_2024" in x]
    assert len(named) == 2, r.stderr
    assert re.search(r"manuscript/index\.qmd, line \d+: the sentence “Their implied 2024 values sum to", named[0])
    assert re.search(r"manuscript/index\.vi\.qmd, line \d+: the sentence “Các giá trị năm 2024 hàm ý", named[1])
    assert all("no longer holds" in x for x in named)


def test_readme_list_of_outputs_is_current(built):
    r = subprocess.run([sys.executable, "-m", "analysis.package.readme", "--check"], cwd=built, capture_output=True, text=True)
    assert r.returncode == 0, r.stderr


def _tree(root: Path) -> dict:
    """{path: sha256} of every file under root, and every folder, but Snakemake's own log and file cache."""
    found = {}
    for p in sorted(root.rglob("*")):
        rel = p.relative_to(root).as_posix()
        if rel.startswith((".snakemake/log/", ".snakemake/iocache/")):
            continue
        found[rel] = hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() and not p.is_symlink() else "dir"
    return found


def test_a_dry_run_a_listing_a_graph_and_a_lint_change_nothing(built, tmp_path):
    """After a code edit, a raw edit with an old timestamp, and a file that no rule writes in the folder the
    render reads, each command that only looks (a dry run, the rule listing, the graphs, the lint, the summary)
    leaves every file of the tree as it was, byte for byte, and the dry run reports what would run."""
    import shutil
    d = tmp_path / "copy"
    shutil.copytree(built, d, symlinks=True)
    for path, old, new in [("analysis/manuscript/figures.py", '"""', '"""Edited. '),
                           ("data/raw/fdi/fdi_by_partner.csv", "Singapore,2025-12M,registered_new,4.84",
                            "Singapore,2025-12M,registered_new,4.85")]:
        f = d / path
        st = f.stat()
        f.write_text(f.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
        os.utime(f, ns=(st.st_atime_ns, st.st_mtime_ns))
    (d / "manuscript/_generated/vi/lineage.md").write_text("old\n", encoding="utf-8")
    before = _tree(d)
    for command in (["-n"], ["-n", "derived"], ["--list-rules"], ["--list-target-rules"], ["--rulegraph"], ["--dag"],
                    ["--lint"], ["--summary"], ["--list-changes", "params"]):
        r = run_snakemake(["-c2", *command], d)
        assert r.returncode == 0 and "Traceback" not in r.stderr, (command, r.stderr[-2000:])
        if command == ["-n"]:
            assert "rule plot_figures:" in r.stdout and "rule validate_raw:" in r.stdout, r.stdout[-2000:]
        assert _tree(d) == before, command


def test_without_quarto_the_build_says_the_manuscript_was_not_rendered(built, tmp_path):
    """In a copy of the suite's shared build with one of the manuscript's parts removed, so that the step that
    writes them (and what reads them) runs again, not the whole build."""
    import shutil
    d = tmp_path / "copy"
    shutil.copytree(built, d, symlinks=True)
    (d / "manuscript/_generated/lineage.html").unlink()  # asserted rewritten below
    env = without_quarto()
    stray = d / "manuscript/_generated/vi/lineage.md"  # a part an older build wrote under another name
    stray.parent.mkdir(parents=True, exist_ok=True)
    stray.write_text("old\n", encoding="utf-8")
    r = run_snakemake(["-c2", "-n"], d, env)
    assert r.returncode == 0, r.stderr[-2000:]
    assert "render_manuscript" not in r.stdout + r.stderr and "write_manuscript_parts" in r.stdout + r.stderr
    assert stray.exists()  # a dry run removes nothing
    r = run_snakemake(["-c2", "--quiet"], d, env)
    assert r.returncode == 0, r.stderr[-2000:]
    # the step that writes the folder removes it, and says so in its log
    log = (d / "data/derived/logs/write_manuscript_parts.log").read_text(encoding="utf-8")
    assert not stray.exists() and "manuscript/_generated/vi/lineage.md: no rule writes it" in log
    assert (d / "manuscript/_generated/lineage.html").exists() and not (d / "manuscript/_output").exists()
    assert "manuscript was NOT rendered" in r.stdout + r.stderr and "Quarto >= 1.7" in r.stdout + r.stderr


def test_the_readme_list_without_a_build_says_so_in_one_line(tmp_path, monkeypatch, capsys):
    """Before any build there is nothing to list: one line that says what to run, and no traceback."""
    from analysis.package import readme
    monkeypatch.setattr(readme, "ROOT", tmp_path)
    assert readme.main(["--check"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "snakemake -c2 derived" in err and "numbers.json" in err


def test_readme_commands_are_what_ci_runs():
    """The README's two commands (set up and run; test), the test command exactly as .ci/run runs it, which says
    how long it took and fails when pytest collects nothing (its exit status 5)."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci/run").read_text(encoding="utf-8")
    blocks = re.findall(r"```\n(.*?)\n```", readme, re.S)
    assert len(blocks) >= 2 and blocks[0].endswith("snakemake -c2") and blocks[1].endswith("python -m pytest -n 2")
    assert blocks[1] in ci.splitlines()  # a line of its own: the README's command, run as it is written
    # on the first screen, with the rendered manuscript's link; the instructions repeat them, the same
    first = "\n".join(readme.splitlines()[:40])
    assert blocks[0] in first and blocks[1] in first and "(docs/index.html)" in first
    assert [b for b in blocks if "pip install" in b] == [blocks[0], blocks[1]] * 2
    assert 'took $((SECONDS - start)) s' in ci and '[ "$status" = 5 ]' in ci


def test_the_readme_lists_every_section_in_its_contents():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    contents = readme.split("## Contents", 1)[1].split("\n## ", 1)[0]
    heads = [h for h in re.findall(r"^#{2,3} (.+)$", readme, re.M) if h != "Contents"]
    listed = re.findall(r"^ *- \[(.+?)\]\(#([\w-]+)\)$", contents, re.M)
    assert [title for title, _ in listed] == heads
    for title, anchor in listed:  # GitHub's anchors: lower case, spaces as hyphens, other punctuation dropped
        assert anchor == re.sub(r"[^\w\- ]", "", title.lower()).replace(" ", "-"), title


@pytest.mark.parametrize("pytest_status,ci_status", [(0, 0), (1, 1), (5, 1)])
def test_ci_says_how_long_it_took_and_fails_when_pytest_collects_nothing(pytest_status, ci_status):
    """.ci/run's end, with the test command standing for a pytest that exits with each status: 5 (no test
    collected) fails the run, as a failing suite does."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci/run").read_text(encoding="utf-8")
    command = re.findall(r"```\n(.*?)\n```", readme, re.S)[1]
    end = "begin=$SECONDS\n" + ci[ci.index("start=$SECONDS"):].replace(command, f"(exit {pytest_status})")
    r = subprocess.run(["bash", "-c", "set -euo pipefail\n" + end], capture_output=True, text=True)
    assert r.returncode == ci_status, r.stdout + r.stderr
    assert re.search(rf"ci: set-up and tests took \d+ s \(pytest exit status {pytest_status}\)", r.stdout)
    assert ("ci: pytest collected no tests" in r.stdout) == (pytest_status == 5)


def test_snakemake_lint_is_clean():
    r = run_snakemake(["--lint"], ROOT)
    out = r.stdout + r.stderr
    assert r.returncode == 0 and "Lints for" not in out and "Congratulations" in out, out[-3000:]


def test_each_verdict_is_shown_once_in_each_edition(built):
    """Each finding said once: every printed number's verdict appears in exactly one place of an edition (its
    table, or the list of the rest), and the report's findings name the code and the basis, not the verdicts
    again; every claim's verdict is in the claims table, and again only where a change is requested of it."""
    import re
    from collections import Counter
    gen = built / "manuscript/_generated"
    audit_ids = [r["id"] for r in csv.DictReader(open(built / "data/derived/audit.csv", encoding="utf-8"))]
    claim_ids = [r["id"] for r in csv.DictReader(open(built / "data/derived/claims.csv", encoding="utf-8"))]
    for qmd, parts in (("manuscript/index.qmd", gen), ("manuscript/index.vi.qmd", gen / "vi")):
        texts = [(built / qmd).read_text(encoding="utf-8")] + [p.read_text(encoding="utf-8") for p in
                                                              sorted(parts.glob("*.md")) if "lineage" not in p.name]
        shown = Counter(re.findall(r"\{\{<\s*num\s+((?:audit\.verdict\.[\w-]+)|(?:claim\.[\w-]+\.verdict))\s*>\}\}",
                                   "\n".join(texts)))
        assert {i: shown[f"audit.verdict.{i}"] for i in audit_ids if shown[f"audit.verdict.{i}"] != 1} == {}, qmd
        report = (parts / "report.md").read_text(encoding="utf-8")
        head = "Requested changes for the author" if parts == gen else "Đề nghị sửa đổi gửi tác giả"
        findings_head = "Findings for every item" if parts == gen else "Kết quả theo từng mục"
        assert report.count(head) == 1 and report.count(findings_head) == 1, qmd
        requests = report.split(head)[1]
        for i in claim_ids:
            asked = requests.count(f"{{{{<num claim.{i}.verdict>}}}}")
            assert shown[f"claim.{i}.verdict"] == 1 + asked, (qmd, i)
        findings = report.split(findings_head)[1].split(head)[0]
        assert ".verdict" not in findings and findings.count("|") > 20, qmd


# --- the environment, checked before any step (analysis/package/preflight.py) ------------------------------

@pytest.mark.parametrize("value", ["abc", "", "1.5", "-1", " 1767225600", "1767225600x", "99999999999999999999",
                                   "253402300800"])
def test_an_implausible_source_date_epoch_is_refused(value):
    from analysis.package.preflight import source_date_epoch
    found = source_date_epoch({"SOURCE_DATE_EPOCH": value})
    assert found and found.startswith("SOURCE_DATE_EPOCH=") and "[rule: environment]" in found and "\n" not in found


@pytest.mark.parametrize("value", ["0", "1767225600", "253402300799"])  # 1970, 2026-01-01, the last second of 9999
def test_a_plausible_source_date_epoch_is_accepted(value):
    from analysis.package.preflight import source_date_epoch
    assert source_date_epoch({"SOURCE_DATE_EPOCH": value}) is None and source_date_epoch({}) is None


def test_output_folders_that_are_files_or_read_only_and_a_full_disk_are_refused(tmp_path, monkeypatch):
    from collections import namedtuple

    from analysis.package import preflight
    usage = namedtuple("usage", "total used free")
    roomy = lambda p: usage(10**12, 0, 10**12)  # noqa: E731
    assert preflight.problems(tmp_path, {}, roomy) == []  # nothing there yet: every folder can be made
    (tmp_path / "data").mkdir()
    (tmp_path / "data/derived").write_text("x")
    assert preflight.problems(tmp_path, {}, roomy) == [
        "data/derived is a file, not a folder: move it away or remove it [rule: environment]"]
    (tmp_path / "data/derived").unlink()
    (tmp_path / "data/derived").mkdir()
    (tmp_path / "data/derived/logs").write_text("x")
    assert preflight.layout(tmp_path) == [
        "data/derived/logs is a file, not a folder: move it away or remove it [rule: environment]"]
    (tmp_path / "data/derived/logs").unlink()
    (tmp_path / "manuscript/_generated").mkdir(parents=True)
    real_access = os.access
    monkeypatch.setattr(preflight.os, "access", lambda p, mode: Path(p).name != "_generated" and real_access(p, mode))
    assert preflight.problems(tmp_path, {}, roomy) == [
        "manuscript/_generated is not writable, and the build writes manuscript/_generated: make it writable "
        "(chmod u+w manuscript/_generated) [rule: environment]"]
    assert preflight.layout(tmp_path) == []  # a dry run is not refused for what only a run would write
    monkeypatch.setattr(preflight.os, "access", real_access)
    full = lambda p: usage(10**9, 10**9 - 5 * 2**20, 5 * 2**20)  # noqa: E731
    assert preflight.problems(tmp_path, {"SOURCE_DATE_EPOCH": "x"}, full) == [
        preflight.source_date_epoch({"SOURCE_DATE_EPOCH": "x"}),
        "only 5 MB free on the disk that holds data/derived; the build needs about 100 MB: free some space "
        "[rule: environment]"]


def test_a_bad_environment_stops_the_build_before_any_step_in_one_line(tmp_path):
    d = _copy(tmp_path)
    env = {**os.environ, "SOURCE_DATE_EPOCH": "yesterday"}
    r = run_snakemake(SNAKEMAKE_ARGS + TARGETS, d, env)
    assert r.returncode != 0 and "Traceback" not in r.stderr
    assert "Environment: SOURCE_DATE_EPOCH='yesterday' is not a time in whole seconds" in r.stderr
    assert not (d / "data/derived").exists() and not (d / "manuscript/_generated").exists()
    (d / "data/derived").write_text("not a folder\n")
    for args in (SNAKEMAKE_ARGS + TARGETS, ["-n"]):
        r = run_snakemake(args, d)
        assert r.returncode != 0 and "Traceback" not in r.stderr and "NotADirectoryError" not in r.stderr
        assert [x for x in r.stderr.splitlines() if x.startswith("Environment: ")] == [
            "Environment: data/derived is a file, not a folder: move it away or remove it [rule: environment]"]


# --- verify: the products in the tree against a clean rebuild (analysis/package/verify.py) -----------------

def test_verify_names_every_product_edited_by_hand(built, tmp_path):
    """A product edited by hand (its old timestamp kept), one edited together with its record (the sha256 at the
    end of its writer's log), a manuscript part, a stray file, and a shipped render whose digest is not the
    rebuild's: verify names each, and only those, and exits 1; a shipped render with the rebuild's digest passes."""
    import shutil
    from analysis.package import verify
    d = tmp_path / "copy"
    shutil.copytree(built, d, symlinks=True)
    shutil.rmtree(d / "docs")  # the shipped render is compared below, on its own
    edits = {"data/derived/numbers.json": ('"value": 205.2', '"value": 999.9'),
             "data/derived/table1.csv": ("205.2", "999.9"),
             "manuscript/_generated/vi/table1.md": ("|", "¦")}
    for rel, (old, new) in edits.items():
        f = d / rel
        st = f.stat()
        f.write_text(f.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
        os.utime(f, ns=(st.st_atime_ns, st.st_mtime_ns))
    log = d / "data/derived/logs/compute_trade.log"  # table1.csv's record, edited too: verify reads no record
    text = log.read_text(encoding="utf-8")
    old_line = next(x for x in text.splitlines() if x.endswith("  data/derived/table1.csv"))
    log.write_text(text.replace(old_line, hashlib.sha256((d / "data/derived/table1.csv").read_bytes()).hexdigest()
                                + "  data/derived/table1.csv"), encoding="utf-8")
    (d / "manuscript/_generated/stray.md").write_text("left\n", encoding="utf-8")
    (d / "docs").mkdir()
    (d / "docs/index.html").write_text('<meta name="replication-digest" content="' + "0" * 64 + '">',
                                       encoding="utf-8")
    # compared with the suite's shared build, a clean build of the same inputs (the README's command in a fresh copy,
    # as verify's own rebuild is: test_verify_is_a_rule_and_says_so_in_one_line runs that one)
    assert verify.BUILD == SNAKEMAKE + TARGETS
    r = subprocess.run([sys.executable, "-m", "analysis.package.verify", "--rebuilt", str(built)], cwd=d,
                       capture_output=True, text=True)
    assert r.returncode == 1, r.stdout + r.stderr
    named = sorted(line.split(": ", 1)[0] for line in r.stdout.splitlines())
    assert named == sorted([*edits, "manuscript/_generated/stray.md", "docs/index.html"]), r.stdout
    assert "Traceback" not in r.stderr and "differs from the rebuild" in r.stdout
    assert "manuscript/_generated/stray.md: not a product of the build" in r.stdout
    # the shipped render whose digest is the rebuild's passes
    from analysis.manuscript.render import digest_of
    clean = tmp_path / "clean"
    shutil.copytree(built, clean, symlinks=True)
    shutil.rmtree(clean / "docs")
    (clean / "docs").mkdir()
    (clean / "docs/index.html").write_text(f'<meta name="replication-digest" content="{digest_of(built)}">',
                                           encoding="utf-8")
    assert verify.differences(clean, built) == []


def test_verify_keeps_a_failed_rebuild_when_asked_and_says_it_failed(tmp_path):
    """--keep keeps the scratch copy and prints where it is; a rebuild that fails (here: a raw file edited without
    its checksum) is said in a few lines, exit status 2, before any comparison."""
    d = copy_repository(tmp_path / "copy")
    f = d / "data/raw/fdi/fdi_by_partner.csv"
    f.write_text(f.read_text(encoding="utf-8").replace("Singapore,2025-12M,registered_new,4.84",
                                                       "Singapore,2025-12M,registered_new,4.85", 1), encoding="utf-8")
    r = subprocess.run([sys.executable, "-m", "analysis.package.verify", "--keep"], cwd=d, capture_output=True,
                       text=True)
    assert r.returncode == 2 and "verify: the clean rebuild failed" in r.stderr and "Traceback" not in r.stderr, r.stderr
    scratch = Path(re.search(r"the rebuild is in (\S+)", r.stderr).group(1))
    try:
        assert (scratch / "data/raw/fdi/fdi_by_partner.csv").read_bytes() == f.read_bytes()  # the tree's files
        assert not (scratch / "data/derived/numbers.json").exists()
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    r = subprocess.run([sys.executable, "-m", "analysis.package.verify", "--rebuilt", str(tmp_path / "nothing")],
                       cwd=d, capture_output=True, text=True)
    assert r.returncode == 2 and "holds no complete rebuild" in r.stderr, r.stderr
    # nor one that stopped before its last step, the run crate (a folder with some of the derived data)
    partial = copy_repository(tmp_path / "partial")
    (partial / "data/derived/validated").mkdir(parents=True)
    r = subprocess.run([sys.executable, "-m", "analysis.package.verify", "--rebuilt", str(partial)], cwd=d,
                       capture_output=True, text=True)
    assert r.returncode == 2 and "holds no complete rebuild" in r.stderr, r.stderr


def test_verify_is_a_rule_and_says_so_in_one_line(built, tmp_path):
    """`snakemake -c2 verify` runs it; on a clean tree (no render shipped) it passes and says how much it compared."""
    import shutil
    d = tmp_path / "copy"
    shutil.copytree(built, d, symlinks=True)
    shutil.rmtree(d / "docs")
    r = run_snakemake(["-c2", "verify"], d)
    assert r.returncode == 0, (r.stdout + r.stderr)[-3000:]
    assert re.search(r"verify: all \d+ products in data/derived and manuscript/_generated are the clean rebuild's",
                     (d / "data/derived/logs/verify.log").read_text(encoding="utf-8"))
