"""Content, not time: a derived file is trusted only while it is the file its step wrote, from the inputs as
they are now; timestamps decide nothing.

Why: a hand-edited registry or table in data/derived/ would otherwise be kept by the next build and flow
into the manuscript, and a raw edit that carries an old timestamp (an unpacked archive, `cp -p`) would
rebuild nothing, leaving the old value in the registry.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from analysis import io as aio
from analysis.package.benchmark import copy_repository
from tests.conftest import ROOT, rehash, run_snakemake
from tests.test_workflow import _run  # the README's build of the derived data

pytestmark = pytest.mark.workflow


def _edit_keeping_mtime(path: Path, old: str, new: str, count: int = 1) -> None:
    """Change a file's bytes and give it back its old timestamps, as `cp -p` or unpacking an archive would."""
    st = path.stat()
    text = path.read_text(encoding="utf-8")
    assert text.count(old) >= count, (path, old)
    path.write_text(text.replace(old, new, count), encoding="utf-8")
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))


# `built`, the suite's one clean build (tests/conftest.py), is only copied here.


@pytest.fixture
def copy(built, tmp_path):
    d = tmp_path / "copy"
    shutil.copytree(built, d, symlinks=True)  # timestamps kept, as a second checkout of the same build
    return d


def _dry_run(cwd: Path) -> str:
    r = run_snakemake(["-c2", "derived", "-n"], cwd)
    assert r.returncode == 0, r.stderr[-2000:]
    return r.stdout + r.stderr


def test_a_hand_edited_registry_and_table_are_refused_then_rebuilt(copy):
    """A product edited by hand (its old timestamp kept) makes every step that reads it run again (its params
    hold the sha256 of what it reads), and each of those steps refuses it, naming the file and the rule that
    wrote it; forcing that rule rebuilds it, byte for byte."""
    registry, table = copy / "data/derived/numbers.json", copy / "data/derived/table1.csv"
    originals = {p: p.read_bytes() for p in (registry, table, copy / "manuscript/_generated/table1.md")}
    _edit_keeping_mtime(registry, '"value": 205.2', '"value": 999.9')
    _edit_keeping_mtime(table, "205.2", "999.9")
    planned = _dry_run(copy)
    assert "Params have changed since last execution" in planned and "write_manuscript_parts" in planned
    r = _run(copy)
    assert r.returncode != 0 and "Traceback" not in r.stderr
    assert ("data/derived/numbers.json: not the file rule build_registry wrote" in r.stderr
            or "data/derived/table1.csv: not the file rule compute_trade wrote" in r.stderr), r.stderr[-3000:]
    part = copy / "manuscript/_generated/table1.md"  # a failed job's outputs are removed (Snakemake's rule)
    assert not part.exists() or "999.9" not in part.read_text(encoding="utf-8")
    r = run_snakemake(["-c2", "--quiet", "all", "--forcerun", "build_registry", "compute_trade", "--", "derived"], copy)
    assert r.returncode == 0, (r.stdout + r.stderr)[-3000:]
    for p, data in originals.items():
        assert p.read_bytes() == data, p  # rebuilt, from the inputs, byte for byte


def test_a_raw_edit_with_old_timestamps_reruns_its_steps(copy):
    trade = copy / "data/raw/trade/vietnam_trade_by_partner.csv"
    manifest = copy / "data/raw/datapackage.json"
    st = manifest.stat()
    # Vietnam's imports from China in 2024, and the turnover with them, one tenth higher in every source
    _edit_keeping_mtime(trade, "China,2024,FY,imports,144.0,", "China,2024,FY,imports,144.1,", count=2)
    _edit_keeping_mtime(trade, "China,2024,FY,turnover,205.2,", "China,2024,FY,turnover,205.3,", count=3)
    rehash(manifest)
    os.utime(manifest, ns=(st.st_atime_ns, st.st_mtime_ns))
    planned = _dry_run(copy)
    assert "rule validate_raw:" in planned and "Params have changed since last execution" in planned
    r = _run(copy)
    assert r.returncode == 0, (r.stdout + r.stderr)[-3000:]
    numbers = json.loads((copy / "data/derived/numbers.json").read_text(encoding="utf-8"))["numbers"]
    # Table 1's turnover is exports + imports: 61.2 + 144.1
    assert numbers["trade.turnover_2024.china"]["value"] == pytest.approx(205.3)
    assert "Nothing to be done" in _dry_run(copy)  # and the next run has nothing to do


def test_a_code_edit_with_an_old_timestamp_reruns_its_step(copy):
    figures = copy / "analysis/manuscript/figures.py"
    _edit_keeping_mtime(figures, '"""', '"""Edited. ', count=1)
    planned = _dry_run(copy)
    assert "rule plot_figures:" in planned and "Params have changed since last execution" in planned
    assert "rule compute_trade:" not in planned  # a step that does not import it stays


def test_a_clean_build_is_not_rebuilt(copy):
    assert "Nothing to be done" in _dry_run(copy)
    r = _run(copy)
    assert r.returncode == 0 and "Traceback" not in r.stderr, r.stderr[-2000:]


# --- the steps themselves --------------------------------------------------------------------------

def test_a_step_refuses_a_product_changed_since_it_was_written(built, tmp_path):
    """Run as the workflow runs it (its log and files in the environment), the registry step refuses a
    fragment whose bytes are not those the compute step recorded in its log, with one line naming file and
    writer."""
    d = tmp_path / "copy"
    shutil.copytree(built, d, symlinks=True)
    fragment = "data/derived/numbers/trade.json"
    _edit_keeping_mtime(d / fragment, '"value": 205.2', '"value": 999.9')
    frags = [f"data/derived/numbers/{s}.json" for s in ("arms", "trade", "fdi")]
    env = {**os.environ, "STEP_LOG": "data/derived/logs/build_computed_registry.log",
           "STEP_INPUTS": "\n".join(frags), "STEP_OUTPUTS": "out.json"}
    r = subprocess.run([sys.executable, "-m", "analysis.registry", *frags, "--out", "out.json"], cwd=d, env=env,
                       capture_output=True, text=True)
    assert r.returncode == 1 and not (d / "out.json").exists()
    assert r.stderr.startswith(f"{fragment}: not the file rule compute_trade wrote")
    assert "Traceback" not in r.stderr and "[rule: product checksum]" in r.stderr
    # by hand (no log in the environment), a step records and checks nothing
    r = subprocess.run([sys.executable, "-m", "analysis.registry", *frags, "--out", "out.json"], cwd=d,
                       env={k: v for k, v in env.items() if not k.startswith("STEP_")}, capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert "sha256sum" not in r.stdout


def test_records_that_cannot_be_read_are_no_records(tmp_path, monkeypatch):
    """The record of what a step wrote is the end of its log; a log that is a folder, binary, cut short or
    a JSON list is no record (nothing refused, no traceback), and the logs folder as a file is none either."""
    monkeypatch.chdir(tmp_path)
    Path("out.csv").write_text("b\n2\n")
    Path("logs").mkdir()
    Path("logs/good.log").write_text("+ python -m x\n" + aio.record_outputs(["out.csv", "missing.csv"]))
    assert aio.recorded_products("logs") == {"out.csv": (aio.sha256("out.csv"), "good")}
    aio.verify_products(["out.csv"], "logs")  # as written: accepted
    Path("out.csv").write_text("b\n4\n")
    with pytest.raises(aio.UnvalidatedInput, match=r"^out.csv: not the file rule good wrote .*\[rule: product checksum\]$"):
        aio.verify_products(["out.csv"], "logs")
    Path("logs/good.log").unlink()
    Path("logs/good.log").mkdir()  # a folder where the log was
    Path("logs/list.log").write_text("[1, 2]\n")
    Path("logs/binary.log").write_bytes(b"\xff\xfe" + aio.record_outputs([]).encode()[:20])
    Path("logs/cut.log").write_text(aio.record_outputs(["out.csv"])[:-30])
    assert aio.recorded_products("logs") == {}
    aio.verify_products(["out.csv"], "logs")
    Path("file").write_text("x")
    assert aio.recorded_products("file") == {} and aio.recorded_products("absent") == {}


def test_fingerprint_follows_content_not_time(tmp_path):
    f = tmp_path / "in.csv"
    f.write_text("a\n1\n")
    first = aio.fingerprint([str(f), str(tmp_path / "absent")])
    st = f.stat()
    f.write_text("a\n3\n")
    os.utime(f, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert aio.fingerprint([str(f), str(tmp_path / "absent")]) != first
    f.write_text("a\n1\n")
    assert aio.fingerprint([str(tmp_path / "absent"), str(f)]) == first  # the order named does not matter
    assert first.startswith("sha256 of 2 files read: ")


# --- locks: a live run keeps them (a killed run's are removed by the next: tests/test_contract.py) ----------

def test_a_live_run_keeps_its_locks(tmp_path):
    """Only the locks of a dead run are removed: while another run is live, a second one stops on Snakemake's
    own lock (it would otherwise write the same files at the same time)."""
    import fcntl
    d = copy_repository(tmp_path / "live")
    (d / ".snakemake/locks").mkdir(parents=True)
    lock = d / ".snakemake/locks/0.output.lock"
    lock.write_text("data/derived/numbers.json\n")  # as Snakemake writes the outputs it is building
    with open(d / ".snakemake/run.flock", "a") as held:  # a live run holds this for its whole life
        fcntl.flock(held, fcntl.LOCK_SH)
        r = run_snakemake(["-c2", "derived"], d)
    assert r.returncode != 0 and lock.exists()
    assert "Directory cannot be locked" in r.stdout + r.stderr


def test_every_step_records_its_outputs():
    """A step records its outputs' checksums, and checks the products it reads, through analysis.io.run; a module
    run by a rule without it would leave its products unchecked."""
    import re
    rules = "".join(p.read_text(encoding="utf-8") for p in sorted(ROOT.glob("workflow/rules/*.smk")))
    modules = set(re.findall(r'\bstep\("([a-z_.]+)', rules))
    assert {"contract.validate", "contract.published", "compute.arms", "registry", "manuscript.parts"} <= modules
    for m in sorted(modules):
        path = f"analysis/{m.replace('.', '/')}.py"
        main_block = (ROOT / path).read_text(encoding="utf-8").split('if __name__ == "__main__":')[-1]
        assert re.search(r"^\s+run\(main\)\s*$", main_block, re.M), f"{path}: end with analysis.io's run(main)"
