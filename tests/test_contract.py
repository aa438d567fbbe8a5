"""The contract between the rules, the inputs and the code, tried on whole builds in temporary copies.

Legitimate variations of a checkout (CRLF line endings from git on Windows, read-only data, a path
with spaces and diacritics, another executor) must build byte-identical outputs; an interrupted build
is finished by running the same command again; editing a module reruns exactly the steps that import
it.  Bad inputs are tried case by case in tests/test_faults.py.
"""
import os
import shutil
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import run_snakemake
from tests.test_workflow import _copy, _digests, _planned_jobs, _run, without_quarto

pytestmark = pytest.mark.workflow


@pytest.fixture(scope="module")
def reference(built):
    """Digests of a plain build (the suite's shared one), to compare every variation with."""
    return _digests(built)


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args], cwd=cwd, check=True,
                   capture_output=True)


def test_a_windows_checkout_at_a_path_with_spaces_and_diacritics_with_read_only_data_on_a_cluster_builds_the_same_outputs(
        tmp_path, reference, built):
    """Four legitimate variations, in one build: git with core.autocrlf=true rewrites text files to CRLF on
    checkout, and .gitattributes keeps the data exact; the checkout's path has spaces and diacritics; its data
    files are read-only; and the jobs are submitted through a cluster executor (Snakemake's cluster-sync plugin,
    with `bash` as the submit command: each job a separate Snakemake process, as on a cluster), without the
    project's workflow profile (profiles/default).  The outputs are the same bytes; the run crate records the
    files as checked out: it differs only in the converted files' sizes and checksums.  Where the plugin (the dev
    group of pyproject.toml) is not installed, the jobs run locally, without the profile, and the test skips at
    the end, saying so."""
    import importlib.util
    src = _copy(tmp_path / "src")
    _git(src, "init", "-q")
    _git(src, "add", "-A")
    _git(src, "commit", "-q", "-m", "snapshot")
    clone = tmp_path / "thư mục có dấu cách" / "bản sao"
    _git(tmp_path, "-c", "core.autocrlf=true", "clone", "-q", str(src), str(clone))
    # the checkout really converted something (the code), so the test can fail
    assert b"\r\n" in (clone / "Snakefile").read_bytes()
    for p in (clone / "data").rglob("*"):
        if p.is_file():
            p.chmod(stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
    plugin = importlib.util.find_spec("snakemake_executor_plugin_cluster_sync") is not None
    executor = (["--executor", "cluster-sync", "--cluster-sync-submit-cmd", "bash", "--jobs", "2",
                 "--seconds-between-status-checks", "0"] if plugin else ["-c2"])
    r = run_snakemake([*executor, "--workflow-profile", "none", "--quiet", "all", "--", "derived"], clone)
    assert r.returncode == 0, (r.stdout + r.stderr)[-3000:]
    crate = "ro-crate-metadata.json"  # the run crate, at the root where the build writes it
    assert {k: v for k, v in _digests(clone).items() if k != crate} == {k: v for k, v in reference.items() if k != crate}
    import json
    ours, theirs = ({n["@id"]: n for n in json.loads((d / crate).read_text(encoding="utf-8"))["@graph"]}
                    for d in (built, clone))
    converted = {i for i, n in ours.items() if "sha256" in n and n["sha256"] != theirs[i]["sha256"]}
    assert converted and "Snakefile" in converted
    assert all(b"\r\n" in (clone / i).read_bytes() and not i.startswith(("data/", "docs/")) for i in converted)
    varies = ("sha256", "contentSize", "startTime", "endTime", "datePublished")
    assert ({i: {k: v for k, v in n.items() if k not in varies} for i, n in ours.items()}
            == {i: {k: v for k, v in n.items() if k not in varies} for i, n in theirs.items()})
    if not plugin:
        pytest.skip("the cluster-sync executor plugin is not installed (dev group of pyproject.toml): the build ran "
                    "locally without the workflow profile, not through a cluster executor")


def test_each_log_names_the_command_that_ran(built):
    """The suite's shared build is the README's build (tests/test_workflow.py's _run): its logs are read."""
    logs = sorted((built / "data/derived/logs").glob("*.log"))
    assert len(logs) >= 10
    for log in logs:
        first = log.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("+ ") and " -m analysis." in first, (log.name, first)


def _as_in_a_terminal() -> None:
    """Ctrl-C's signal as a terminal delivers it: a suite started in the background by a shell (`pytest &`) has
    SIGINT ignored, which every process it starts would inherit, and the build would run on."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _wait_for(path: Path, proc: subprocess.Popen, what: str) -> None:
    """Until the running build has written `path`; it must still be running then, or there is nothing to stop."""
    deadline = time.monotonic() + 120
    while not path.exists() and time.monotonic() < deadline:
        time.sleep(0.02)
    assert path.exists() and proc.poll() is None, f"the build {what} did not reach {path.name} and go on"


def test_a_build_interrupted_then_killed_is_finished_by_the_same_command(tmp_path, reference):
    """The README's command (`.venv/bin/snakemake -c2`), stopped twice in the middle: by Ctrl-C, then, run
    again, by kill -9 (an out-of-memory kill, a closed laptop), which gives Snakemake no chance to release its
    locks.  Run once more, it finishes the build, with the same bytes.  One build, so that each stop costs a
    few steps and not a whole build: the run after Ctrl-C must get past the step it stopped in (it is killed
    later), and the killed run's locks are removed by the run after it, which says so."""
    d = _copy(tmp_path)
    env = without_quarto()
    readme = [sys.executable, "-m", "snakemake", "-c2"]
    numbers = d / "data/derived/numbers.json"  # the registry, near the build's end
    # Ctrl-C once the first compute step's numbers are written; it reaches the whole process group, as in a terminal
    proc = subprocess.Popen(readme, cwd=d, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True, preexec_fn=_as_in_a_terminal)
    _wait_for(d / "data/derived/numbers/arms.json", proc, "stopped by Ctrl-C")
    os.killpg(proc.pid, signal.SIGINT)
    proc.wait(timeout=60)
    assert not numbers.exists(), "the build finished before it could be interrupted"
    assert not (d / "data/derived/computed.json").exists()  # so the next run must write it: it got past the stop
    # the same command again, killed (SIGKILL, the whole group) once a later step, the computed registry, is written
    proc = subprocess.Popen(readme, cwd=d, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    _wait_for(d / "data/derived/computed.json", proc, "run again after Ctrl-C")
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(timeout=60)
    assert not numbers.exists(), "the build finished before it could be killed"
    assert list((d / ".snakemake/locks").glob("*.lock")), "the killed run left no lock: the test shows nothing"
    # and once more: it finishes
    r = subprocess.run(readme, cwd=d, env=env, capture_output=True, text=True)
    assert r.returncode == 0, (r.stdout + r.stderr)[-3000:]
    assert "Removed the locks of a Snakemake run that was killed" in r.stderr
    assert _digests(d) == reference


def test_an_interrupted_step_leaves_no_job_running(tmp_path):
    """Ctrl-C stops the step's own process too: nothing of the build runs on after Snakemake exits."""
    d = _copy(tmp_path)
    proc = subprocess.Popen([sys.executable, "-m", "snakemake", "-c2", "--quiet", "all", "--", "derived"], cwd=d,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
                            preexec_fn=_as_in_a_terminal)
    deadline = time.monotonic() + 60
    while not list((d / "data/derived/logs").glob("*.log")) and time.monotonic() < deadline:
        time.sleep(0.02)
    os.killpg(proc.pid, signal.SIGINT)
    proc.wait(timeout=60)
    time.sleep(0.5)
    ps = subprocess.run(["ps", "-eo", "pid,args"], capture_output=True, text=True).stdout
    assert str(d) not in ps and "-m analysis." not in "\n".join(l for l in ps.splitlines() if str(tmp_path) in l)


# Which steps an edit of each module must rerun, worked out by hand from the imports and the rules:
# a rule reruns when a module it imports changes, and then every rule that reads its outputs.
AFTER_AUDIT = {"audit_numbers", "check_claims", "write_report", "build_registry", "write_manuscript_parts",
               "check_manuscript_claims", "write_verdicts"}
COMPUTE = {"compute_arms", "compute_trade", "compute_fdi", "build_computed_registry"}
FIGURES = {"plot_figures"}  # they read the series, Table 1 and the printed numbers: not the audit
EVERY_STEP = {"validate_raw", "parse_published"} | COMPUTE | AFTER_AUDIT | FIGURES
RERUNS = {
    "analysis/io.py": EVERY_STEP,
    "analysis/contract/validate.py": EVERY_STEP,  # both checks, then everything that waits for them
    "analysis/article.py": EVERY_STEP - {"validate_raw"},
    # the printed-number check gates every step that reads an input, as the raw check does
    "analysis/contract/printed.py": {"parse_published"} | COMPUTE | AFTER_AUDIT | FIGURES,
    "analysis/contract/published.py": {"parse_published"} | COMPUTE | AFTER_AUDIT | FIGURES,
    # the claims' tests and their parameter spec are the printed-number check's own (published.py): it imports
    # nothing of the audit, so no edit of the audit, the registry or the reasons reruns the checks
    "analysis/registry.py": COMPUTE | AFTER_AUDIT | FIGURES,
    # the message catalogs' reader: imported by the registry (unit words) and the reasons
    "analysis/words.py": COMPUTE | AFTER_AUDIT | FIGURES,
    "analysis/compute/arms.py": {"compute_arms", "build_computed_registry"} | AFTER_AUDIT | FIGURES,
    "analysis/compute/trade.py": {"compute_trade", "build_computed_registry"} | AFTER_AUDIT | FIGURES,
    "analysis/compute/fdi.py": {"compute_fdi", "build_computed_registry"} | AFTER_AUDIT,
    # the claims import the audit of the numbers and the verdict rules; the report imports the claims
    "analysis/audit/verdict.py": AFTER_AUDIT,
    "analysis/reasons.py": COMPUTE | AFTER_AUDIT | FIGURES,  # the compute steps write reasons too
    # the message catalogs' reader: every step that words anything (through the reasons or directly)
    "analysis/words.py": COMPUTE | AFTER_AUDIT | FIGURES,
    "analysis/audit/numbers.py": AFTER_AUDIT,
    "analysis/audit/claims.py": AFTER_AUDIT - {"audit_numbers"},
    "analysis/audit/report.py": {"write_report", "build_registry", "write_manuscript_parts", "check_manuscript_claims",
                           "write_verdicts"},
    "analysis/manuscript/assertions.py": {"check_manuscript_claims"},
    "analysis/audit/claimreview.py": {"write_verdicts"},
    "analysis/package/crate.py": set(),  # the crate's own step: added below, as for every edit that reruns a step
    "analysis/package/deposit.py": set(),  # the archive's step, outside the derived data (and the crate's, below)
    "analysis/package/citation.py": set(),  # codemeta.json and .zenodo.json from CITATION.cff: no step runs it
    "analysis/manuscript/figures.py": FIGURES,  # the manuscript's parts do not wait for the figures
    "analysis/manuscript/parts.py": {"write_manuscript_parts"},
    # imported by the claims, the report and the manuscript's parts, which write input text
    "analysis/escape.py": AFTER_AUDIT - {"audit_numbers"},  # and by the verdicts (claimreview.py)
    "analysis/manuscript/render.py": set(),  # the render's own step, outside the derived data
    "analysis/manuscript/lineage_page.py": set(),  # the lineage pages' step, which writes the shipped docs/
    # tools around the workflow, which no step runs
    "analysis/deps.py": set(), "analysis/contract/manifest.py": set(), "analysis/package/readme.py": set(),
    "analysis/package/benchmark.py": set(), "analysis/package/install_quarto.py": set(),
    "analysis/package/preflight.py": set(),  # the environment's checks, which the Snakefile runs before any step
    "analysis/package/verify.py": set(),  # the verify target's, outside the derived data
    # a layer's __init__.py runs with every import of a module inside it: as that layer's modules together
    "analysis/contract/__init__.py": EVERY_STEP,
    "analysis/compute/__init__.py": COMPUTE | AFTER_AUDIT | FIGURES,
    "analysis/audit/__init__.py": AFTER_AUDIT,
    "analysis/manuscript/__init__.py": {"check_manuscript_claims", "write_manuscript_parts"} | FIGURES,
    "analysis/package/__init__.py": set(),  # the crate's step (added below) and the archive's
}
# The run crate lists every file of the package (every module too) and every product with its checksum:
# whatever is edited, its step reruns.
RERUNS = {m: steps | {"write_run_crate"} for m, steps in RERUNS.items()}


def test_the_table_of_reruns_covers_every_module():
    from tests.conftest import ROOT
    modules = {p.relative_to(ROOT).as_posix() for p in (ROOT / "analysis").rglob("*.py")} - {"analysis/__init__.py"}
    assert modules == set(RERUNS)


@pytest.fixture(scope="session")
def built_once(built, tmp_path_factory):
    """A copy of the suite's shared build, with nothing to do (checked once here, by the same dry run the cases
    use; made once for the whole run: conftest's `once`): each case edits its own copy of it (copied with its
    timestamps), so the jobs a case's dry run plans are those its edit causes."""
    from tests.conftest import once

    def copy(root):
        d = root / "copy"
        shutil.copytree(built, d, symlinks=True)
        assert _planned_jobs(d) == {}

    return once(tmp_path_factory, "built_once", copy) / "copy"


@pytest.mark.parametrize("module", sorted(RERUNS))
def test_editing_a_module_reruns_exactly_its_dependants(built_once, module, tmp_path):
    """Each case's copy links to the shared copy's files (a dry run changes none: tests/test_workflow.py, and each
    case checks that it wrote through no link) but for Snakemake's records, copied, and the edited module, a file
    of its own."""
    d = tmp_path / "copy"
    shutil.copytree(built_once, d, symlinks=True, copy_function=os.link, ignore=shutil.ignore_patterns(".snakemake"))
    shutil.copytree(built_once / ".snakemake", d / ".snakemake", symlinks=True)
    src = d / module
    text = src.read_text(encoding="utf-8")
    src.unlink()
    time.sleep(0.01)
    src.write_text(text + "\n# edited\n", encoding="utf-8")
    state = lambda p: (p.stat().st_ino, p.stat().st_size, p.stat().st_mtime_ns)
    shared = {p: state(p) for p in built_once.rglob("*") if p.is_file() and ".snakemake" not in p.parts}
    assert set(_planned_jobs(d)) - {"derived"} == RERUNS[module]
    assert {p: state(p) for p in shared} == shared  # nothing written through a link


# --- bad inputs of tests/test_faults.py, through the check rules' commands and whole builds ----------------------

DERIVED_PRODUCTS = ["data/derived/table1.csv", "data/derived/table2.csv", "data/derived/arms_series.csv",
                    "data/derived/computed.json", "data/derived/numbers.json", "data/derived/audit.csv",
                    "data/derived/claims.csv", "data/derived/replication_report.md"]

# Every fault is tried at the validator in tests/test_faults.py; here a representative of every class (the listing,
# integrity, the manifest's own shape, confined paths, names Snakemake cannot take, cells (other scripts' digits,
# exponents, line endings, cell size), required rows, parts against their whole, the printed numbers, the claims
# and rows after a quoted newline) is run through the check rule's own command: the exact shell command the
# workflow runs for it (log, trace, and the message it shows), in a copy of the repository.
THROUGH_THE_RULE = [
    "resource removed from manifest", "edited file, checksum not refreshed", "invalid JSON manifest",
    "schema without fields", "invalid regular expression", "unknown field type", "path with ..",
    "duplicate resource name", "symlink out of the folder", "brace in a file name",
    "duplicate primary key", "full-width digits in a raw value", "scientific notation in a raw value",
    "CR-only line endings", "200,000-character cell", "deleted required row: China 2024 FY turnover",
    "exports + imports no longer match turnover", "a partner above Vietnam's total trade",
    "an investor above the FDI total", "Viet Nam above the world's arms imports", "raw row after a quoted newline",
    "unparseable printed form", "down arrow with a minus sign", "unknown claim test", "parameter without =",
    "year beyond the data", "a section the article does not have", "claim row after a quoted newline",
]
# Through the README's whole build (seconds each), a fault of each check rule, and the one Snakemake meets before
# any rule runs (a brace in a file name, which the Snakefile's check_named_inputs words): each must stop the build
# with its message and no derived output.  That no derived output is written for ANY failing check is a property
# of the graph, held for every rule by test_every_derived_rule_waits_for_both_input_checks.
END_TO_END = ["full-width digits in a raw value", "unknown claim test", "brace in a file name"]
CHECK_RULES = ("validate_raw", "parse_published")


def _fault_cases():
    from tests.test_faults import CASES
    return CASES


@pytest.fixture(scope="module")
def pristine(tmp_path_factory):
    """One copy of the repository; each case runs in a copy of it (cheaper than a fresh export)."""
    return _copy(tmp_path_factory.mktemp("pristine"))


def test_the_cases_through_the_workflow_name_real_cases():
    assert set(THROUGH_THE_RULE) <= set(_fault_cases()) and len(THROUGH_THE_RULE) == len(set(THROUGH_THE_RULE))
    assert set(END_TO_END) <= set(THROUGH_THE_RULE)
    # the end-to-end cases reach each check rule: a raw input's, and a printed number's or a claim's
    assert {_check_rule(name) for name in END_TO_END} == set(CHECK_RULES)


def _inject(pristine: Path, tmp_path: Path, inject, rehash_raw=False, rehash_published=False) -> Path:
    from tests.conftest import rehash
    d = tmp_path / "repo"
    shutil.copytree(pristine, d, symlinks=True)
    inject(d / "data")
    if rehash_raw:
        rehash(d / "data/raw/datapackage.json")
    if rehash_published:
        rehash(d / "data/published/datapackage.json")
    return d


def _build_with(pristine: Path, tmp_path: Path, inject, rehash_raw=False, rehash_published=False):
    d = _inject(pristine, tmp_path, inject, rehash_raw, rehash_published)
    return d, _run(d)


def _check_rule(name: str) -> str:
    """The check rule that reads the faulted file: the printed numbers' and claims' check, or the raw one's."""
    return "parse_published" if _fault_cases()[name].target in ("published", "claims") else "validate_raw"


def _assert_one_message(out: str, expected) -> None:
    """One line naming the file and the rule broken (with row and column where the fault has them), no traceback."""
    file, row, column, rule = expected
    message = next((line for line in out.splitlines() if line.startswith("Invalid input: ")), "")
    assert message, out[-3000:]
    assert f"data/{file}" in message and f"[rule: {rule}]" in message, message
    if row is not None:
        assert f"row {row}" in message, message
    if column is not None:
        assert f"column {column!r}" in message, message
    assert "Traceback" not in out, out[-3000:]


@pytest.fixture(scope="module")
def check_commands(pristine):
    """{rule: its shell command}, for the two input checks, as the workflow runs them: printed by Snakemake's
    own dry run (-p) in a copy of the repository.  Their options name the manifests and the reports, not the
    files found on disk; the files listed in STEP_INPUTS are read only to check other steps' products, which a
    check reads none of."""
    r = run_snakemake(["-c2", "derived", "-n", "-p", "--quiet", "all"], pristine)
    assert r.returncode == 0, (r.stdout + r.stderr)[-3000:]
    commands, rule = {}, None
    for line in r.stdout.splitlines():
        if line.startswith("rule ") and line.endswith(":"):
            rule = line[len("rule "):-1]
        elif line.startswith("Shell command: ") and rule in CHECK_RULES:
            commands[rule] = line[len("Shell command: "):]
    assert set(commands) == set(CHECK_RULES), r.stdout[-3000:]
    return commands


def _check(d: Path, command: str) -> subprocess.CompletedProcess:
    """A check rule's shell command, run in `d` as Snakemake runs it: by bash, in strict mode (the prefix
    Snakemake's shell() puts before every command run by bash), from the repository's root."""
    for folder in ("logs", "validated"):  # what Snakemake makes before it runs a job: its log's and output's folders
        (d / "data/derived" / folder).mkdir(parents=True, exist_ok=True)
    return subprocess.run(["bash", "-c", "set -euo pipefail; " + command], cwd=d, capture_output=True, text=True)


@pytest.mark.parametrize("name", THROUGH_THE_RULE)
def test_a_bad_input_stops_its_check_rule_with_one_message(pristine, check_commands, tmp_path, name):
    """A fault of the validator's suite, injected into a copy of the repository: the command of the check rule
    that reads it (the workflow's own, with its log) exits non-zero and shows one message naming the file and
    the rule (with row and column where the fault has them), and no traceback."""
    case = _fault_cases()[name]
    # the printed numbers and the claims are reached past the published package's checksums
    d = _inject(pristine, tmp_path, case.inject, case.rehash, case.target in ("published", "claims"))
    r = _check(d, check_commands[_check_rule(name)])
    out = r.stdout + r.stderr
    assert r.returncode != 0, out[-2000:]
    _assert_one_message(out, case.expected)


@pytest.mark.parametrize("name", END_TO_END)
def test_a_bad_input_stops_the_build_before_any_table_registry_or_audit(pristine, tmp_path, name):
    """The README's build with a fault: it exits non-zero, shows the one message, and writes no table, registry,
    audit, claim or report."""
    case = _fault_cases()[name]
    d, r = _build_with(pristine, tmp_path, case.inject, case.rehash, case.target in ("published", "claims"))
    out = r.stdout + r.stderr
    assert r.returncode != 0, out[-2000:]
    _assert_one_message(out, case.expected)
    written = [p for p in DERIVED_PRODUCTS if (d / p).exists()]
    assert written == [], written


def test_every_derived_rule_waits_for_both_input_checks(pristine):
    """Snakemake runs no job whose inputs' jobs failed: every rule of the derived data has both checks upstream
    (Snakemake's rule graph), so a failing check stops the build before any derived output, whatever its fault."""
    import re
    r = run_snakemake(["-c2", "derived", "--rulegraph", "dot"], pristine)
    assert r.returncode == 0, (r.stdout + r.stderr)[-3000:]
    names = dict(re.findall(r'^\s*(\d+)\[label = "(\w+)"', r.stdout, re.M))
    upstream = {n: set() for n in names.values()}
    for a, b in re.findall(r"^\s*(\d+) -> (\d+)$", r.stdout, re.M):
        upstream[names[b]].add(names[a])
    changed = True
    while changed:  # the transitive closure: every rule's rules upstream, however far
        changed = False
        for rule, ups in upstream.items():
            more = set().union(*(upstream[u] for u in ups)) - ups
            if more:
                ups |= more
                changed = True
    # the derived data's rules, as the test of reruns lists them (each reruns when a check's code changes)
    assert set(upstream) == EVERY_STEP | {"write_run_crate", "derived"}
    late = {rule: set(CHECK_RULES) - ups for rule, ups in upstream.items()
            if rule not in CHECK_RULES and not set(CHECK_RULES) <= ups}
    assert late == {}, late
    assert upstream["validate_raw"] == upstream["parse_published"] == set()  # they run first, side by side


def test_with_five_problems_the_build_shows_the_first_and_the_count(pristine, check_commands, tmp_path):
    """The rule's log holds every problem; what the build shows (the rule's command's own output, run as the
    workflow runs it) leads with the first one and the count."""
    from tests.test_faults import TRADE, edit
    edits = [("China,2024,FY,exports,61.2,", "China,2024,FY,exports,x,"),
             ("Japan,2024,FY,exports,24.61,", "Japan,2024,FY,exports,y,"),
             ("Russia,2024,FY,turnover,4.57", "Rusia,2024,FY,turnover,4.57"),
             ("Japan,2024,FY,turnover,46.20,", "Japan,2024,FY,turnover,46.2.0,"),
             ("China,2024,FY,imports,144.0,DNTT", "China,2024,FY,imports,-1,DNTT")]

    def inject(root):
        for old, new in edits:
            edit(TRADE, old, new)(root)

    r = _check(_inject(pristine, tmp_path, inject, rehash_raw=True), check_commands["validate_raw"])
    out = r.stdout + r.stderr
    assert r.returncode != 0
    message = next((line for line in out.splitlines() if line.startswith("Invalid input: ")), "")
    assert "vietnam_trade_by_partner.csv, row 3, column 'value_usd_bn'" in message, out[-3000:]
    assert "(and 4 more problem(s))" in message, message


def test_run_from_another_directory_says_where_it_looked(pristine, tmp_path):
    """Snakemake run with the Snakefile's path from elsewhere reads data/ from the working directory: the
    message says so, with the folder it looked in, instead of a bare 'missing'."""
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    r = run_snakemake(["-s", str(pristine / "Snakefile"), "-c2", "--quiet", "all", "--", "derived"], elsewhere)
    out = r.stdout + r.stderr
    assert r.returncode != 0 and "Traceback" not in out, out[-3000:]
    message = next((line for line in out.splitlines() if line.startswith("Invalid input: ")), "")
    assert "descriptor is missing" in message and str(elsewhere) in message and "working directory" in message, out
