"""The build's Workflow Run Crate (ro-crate-metadata.json at the repository's root, where the build writes it):
what it lists, its times, and the readers from PyPI run offline on it where it stands: roc-validator (RO-Crate
1.1 and the Workflow Run Crate profile, with the profiles it builds on), ro-crate-py and runcrate."""
import hashlib
import json
import os
import shlex
import shutil
import subprocess
import sys
import tomllib
from importlib.metadata import version
from pathlib import Path

import pytest
import yaml

from tests.conftest import ROOT

pytestmark = pytest.mark.workflow
CRATE = "ro-crate-metadata.json"  # at the root: the folder of a crate's metadata file is the crate's root
CONTEXT_URL = "https://w3id.org/ro/crate/1.1/context"


def _graph(path: Path) -> dict:
    return {n["@id"]: n for n in json.loads(path.read_text(encoding="utf-8"))["@graph"]}


def _ids(value) -> set:
    return {v["@id"] for v in (value if isinstance(value, list) else [value])}


def _sha(p: Path) -> str:
    return hashlib.sha256(p.read_bytes()).hexdigest()


def test_snakemakes_records_make_one_action_per_rule_run():
    from analysis.package.crate import iso, jobs, module_file, times
    records = {
        "t.csv": {"rule": "compute", "log": ["logs/compute.log"], "input": ["b.csv", "a.csv"], "starttime": 10.0,
                  "endtime": 12.5, "shellcmd": "( set -x; /py -m analysis.compute.trade --x ) > log"},
        "n.json": {"rule": "compute", "log": ["logs/compute.log"], "input": ["a.csv", "b.csv"], "starttime": 10.0,
                   "endtime": 12.5, "shellcmd": "( set -x; /py -m analysis.compute.trade --x ) > log"},
        "r.json": {"rule": "registry", "log": ["logs/registry.log"], "input": ["n.json"], "starttime": 13.0,
                   "endtime": 14.0, "shellcmd": "/py -m analysis.registry n.json"},
    }
    got = jobs(records)
    assert [(j["rule"], j["outputs"], j["inputs"], j["modules"]) for j in got] == [
        ("compute", ["n.json", "t.csv"], ["a.csv", "b.csv"], ["compute.trade"]),
        ("registry", ["r.json"], ["n.json"], ["registry"])]
    assert [module_file(m) for j in got for m in j["modules"]] == ["analysis/compute/trade.py", "analysis/registry.py"]
    assert times(got, [], None) == (10.0, 14.0, 14.0)
    # SOURCE_DATE_EPOCH: no run times at all (not every job at one instant), that time as the crate's date
    assert times(got, [], "86400") == (None, None, 86400.0)
    assert {j["start"] for j in got} == {j["end"] for j in got} == {None}
    assert iso(86400.0) == "1970-01-02T00:00:00+00:00"
    assert times([], [5.0, 7.0], None) == (5.0, 7.0, 7.0)  # no records: the products' own times


def test_every_input_with_its_size_checksum_format_and_sources(built):
    g = _graph(built / CRATE)
    inputs = sorted(p for part in ("raw", "published") for p in (built / "data" / part).rglob("*") if p.is_file())
    assert len(inputs) > 10
    run = g["#run"]
    for p in inputs:
        rel = p.relative_to(built).as_posix()
        node = g[rel]
        assert node["contentSize"] == str(p.stat().st_size) and node["sha256"] == _sha(p), rel
        assert node["encodingFormat"], rel
        assert rel in _ids(run["object"]) and rel in _ids(g["./"]["hasPart"])
    # sources: the manifest's, for a file with two figures' sources and for the printed numbers
    manifest = json.loads((built / "data/raw/datapackage.json").read_text(encoding="utf-8"))
    trade = next(r for r in manifest["resources"] if r["path"] == "trade/vietnam_trade_by_partner.csv")
    urls = {s["path"] for s in trade["sources"] if s.get("path")}
    assert urls and urls <= _ids(g["data/raw/trade/vietnam_trade_by_partner.csv"]["isBasedOn"])
    assert g["data/raw/trade/vietnam_trade_by_partner.csv"]["encodingFormat"] == "text/csv"
    for url in urls:
        assert g[url]["@type"] == "CreativeWork" and g[url]["name"]
    # a source's own date, as the manifest gives it (x-date of WDI_2026-04-08, read in data/raw/datapackage.json)
    wdi = next(i for i, n in g.items() if n.get("identifier") == "WDI_2026-04-08")
    assert g[wdi]["datePublished"] == "2026-04-08"
    printed = g["data/published/printed_numbers.csv"]
    assert any("Duy Tan University" in g[i]["name"] for i in _ids(printed["isBasedOn"]))


def test_every_product_and_the_run(built):
    g = _graph(built / CRATE)
    products = [p for out in ("data/derived", "manuscript/_generated") for p in (built / out).rglob("*")
                if p.is_file() and "logs" not in p.parts]
    result = _ids(g["#run"]["result"])
    assert len(products) == len(result) > 40
    for p in products:
        rel = p.relative_to(built).as_posix()
        assert rel in result and g[rel]["sha256"] == _sha(p) and g[rel]["contentSize"] == str(p.stat().st_size)
    run = g["#run"]
    assert run["@type"] == "CreateAction" and run["instrument"] == {"@id": "Snakefile"}
    assert run["startTime"] <= run["endTime"]
    # the root: CITATION.cff's title and licence, pyproject.toml's version, the workflow as main entity
    citation = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    root = g["./"]
    assert root["name"] == citation["title"] and root["version"] == project["version"] == "0.1.0"
    assert root["license"] == {"@id": "https://spdx.org/licenses/MIT"}
    assert g[root["author"]["@id"]]["name"] == "Replication package maintainers"
    assert root["mainEntity"] == {"@id": "Snakefile"}
    assert root["description"] == " ".join(citation["abstract"].split()) and "Snakemake" in root["keywords"]
    wf = g["Snakefile"]
    assert set(wf["@type"]) == {"File", "SoftwareSourceCode", "ComputationalWorkflow"}
    assert g[wf["programmingLanguage"]["@id"]]["name"] == "Snakemake"
    # no claim of conformance that no test checks: the Bioschemas profile's required properties are not all
    # there (no url of the workflow's own, no formal inputs), so it is not claimed
    assert "conformsTo" not in wf
    # the software that ran, as installed here: every package the lock pins (NumPy too), not only the direct ones
    sw = {g[i]["name"]: g[i]["version"] for i in _ids(wf["softwareRequirements"])}
    assert sw["snakemake"] == version("snakemake") == "9.16.3" and sw["pandas"] == version("pandas")
    assert sw["numpy"] == version("numpy") and sw["pyyaml"] == version("pyyaml")
    assert sw["CPython"] == ".".join(map(str, sys.version_info[:3]))


def test_every_file_of_the_package_with_its_checksum(built):
    """The crate describes the whole package, not only what a step read: the shipped render, the tests, the
    lock, the CI script, each with its size and sha256 (the copy holds exactly the files a clone holds)."""
    g = _graph(built / CRATE)
    parts = _ids(g["./"]["hasPart"])
    clone = [p for p in built.rglob("*") if p.is_file() and not p.relative_to(built).as_posix().startswith(
        ("data/derived/", "manuscript/_generated/", ".snakemake/")) and "__pycache__" not in p.parts
        and p.name != CRATE]
    assert len(clone) > 100
    for p in clone:
        rel = p.relative_to(built).as_posix()
        assert rel in parts and g[rel]["sha256"] == _sha(p) and g[rel]["contentSize"] == str(p.stat().st_size), rel
    for needed in ("docs/index.html", "docs/vi.pdf", "requirements.lock", "tests/test_crate.py", ".ci/run",
                   "codemeta.json", "manuscript/index.qmd"):
        assert needed in parts, needed
    # every listed file is there: nothing the crate names is missing where it stands
    assert all((built / i).is_file() for i in parts)


def test_one_action_per_rule_run_with_its_own_inputs_and_outputs(built):
    g = _graph(built / CRATE)
    steps = {n["name"]: n for n in g.values() if n.get("@type") == "CreateAction" and n["@id"] != "#run"}
    # worked out from the Snakefile's rule compute_trade
    trade = steps["Rule compute_trade"]
    assert {"data/raw/trade/vietnam_trade_by_partner.csv", "data/raw/fx/ecb_eurofxref_2024_USD_SGD.csv",
            "analysis/compute/trade.py", "data/derived/validated/raw.json"} <= _ids(trade["object"])
    assert _ids(trade["result"]) == {"data/derived/table1.csv", "data/derived/trade_candidates.csv",
                                     "data/derived/numbers/trade.json"}
    assert trade["instrument"] == {"@id": "analysis/compute/trade.py"}
    assert "SoftwareSourceCode" in g["analysis/compute/trade.py"]["@type"]
    assert _ids(steps["Rule write_verdicts"]["result"]) == {
        "data/derived/verdicts.jsonld", "data/derived/verdicts.vi.jsonld", "manuscript/_generated/verdicts.html",
        "manuscript/_generated/vi/verdicts.html"}
    run = g["#run"]
    for s in steps.values():  # the jobs' own times, as Snakemake recorded them: not one instant
        assert run["startTime"] <= s["startTime"] <= s["endTime"] <= run["endTime"]
    assert run["startTime"] < run["endTime"]
    # every rule of the derived build that writes a file ran once (the crate's own rule writes it after)
    logs = {p.stem for p in (built / "data/derived/logs").glob("*.log")} - {"write_run_crate"}
    assert {name.removeprefix("Rule ") for name in steps} == logs


def _rerun_crate(built: Path, out: Path, env: dict) -> Path:
    """The crate's step again, exactly as its log records it, writing to `out`."""
    command = (built / "data/derived/logs/write_run_crate.log").read_text(encoding="utf-8").splitlines()[0]
    args = shlex.split(command.removeprefix("+ "))
    args[args.index("--out") + 1] = str(out)
    r = subprocess.run(args, cwd=built, capture_output=True, text=True, env=env)
    assert r.returncode == 0, r.stderr
    return out


def test_timestamps_are_the_runs_or_fixed_by_SOURCE_DATE_EPOCH(built, tmp_path):
    from analysis.package.crate import without_timestamps
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    first = _rerun_crate(built, tmp_path / "a.json", {**env, "SOURCE_DATE_EPOCH": "1767225600"})
    second = _rerun_crate(built, tmp_path / "b.json", {**env, "SOURCE_DATE_EPOCH": "1767225600"})
    assert first.read_bytes() == second.read_bytes()
    fixed = json.loads(first.read_text(encoding="utf-8"))
    # no run times at all (the crate does not say that every step ran at one instant in no time); the crate's
    # own date is SOURCE_DATE_EPOCH's
    assert not [n for n in fixed["@graph"] if "startTime" in n or "endTime" in n]
    dates = [n["datePublished"] for n in fixed["@graph"] if "datePublished" in n and "identifier" not in n]
    assert dates == ["2026-01-01T00:00:00+00:00"]  # 1767225600 s after 1970, by hand (the sources' own dates apart)
    assert "not stated" in next(n for n in fixed["@graph"] if n["@id"] == "#run")["description"]
    # apart from its timestamps, the crate is the build's own
    own = json.loads((built / CRATE).read_text(encoding="utf-8"))
    strip = lambda doc: [{k: v for k, v in n.items() if k != "description"} for n in without_timestamps(doc)["@graph"]]
    assert strip(fixed) == strip(own)
    assert own["@graph"][1]["datePublished"] != "2026-01-01T00:00:00+00:00"


# --- the validator -------------------------------------------------------------------------------------

def _offline(monkeypatch) -> list:
    """No network for the validator: every connection refused; RO-Crate 1.1's JSON-LD context, which the
    validator and rdflib would fetch, served from the copy the `rocrate` package ships (its releases before
    0.16 ship 1.1's context). Returns the list of URLs asked for."""
    import socket
    from importlib.resources import files

    import requests
    from rdflib.plugins.shared.jsonld import context as jsonld_context

    shipped = json.loads((files("rocrate") / "data" / "ro-crate.jsonld").read_text(encoding="utf-8"))
    assert shipped["@id"] == CONTEXT_URL, "the installed rocrate ships another context: install the locked version"
    doc = {"@context": shipped["@context"]}
    asked = []

    def refuse(*args, **kwargs):
        raise OSError("no network in this test")

    def from_disk(source, *args, **kwargs):
        asked.append(str(source))
        if str(source).rstrip("/") == CONTEXT_URL:
            return doc, None
        raise OSError(f"no network in this test: {source}")

    def send(self, request, **kwargs):
        asked.append(request.url)
        if request.url.rstrip("/") != CONTEXT_URL:
            raise requests.ConnectionError(f"no network in this test: {request.url}")
        r = requests.models.Response()
        r.status_code, r._content, r.url, r.request = 200, json.dumps(doc).encode(), request.url, request
        r.headers["Content-Type"] = "application/ld+json"
        return r

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(jsonld_context, "source_to_json", from_disk)
    monkeypatch.setattr(requests.adapters.HTTPAdapter, "send", send)
    monkeypatch.setenv("ROCRATE_VALIDATOR_AUTO_WARM", "0")  # no fetching of the profiles' URLs ahead
    return asked


def _validate(root: Path, severity: str):
    """roc-validator on a crate (a folder or a zip), with the Workflow Run Crate profile and those it builds
    on (Process Run Crate, Workflow RO-Crate, RO-Crate 1.1)."""
    from rocrate_validator import models, services
    settings = services.ValidationSettings(
        rocrate_uri=str(root), profile_identifier="workflow-run-crate",
        requirement_severity=models.Severity[severity], no_cache=True, skip_availability_check=True)
    return services.validate(settings)


# What the validator recommends and the crate does not do, each for a reason (README, "Machine-readable
# outputs and the deposit archive"):
ACCEPTED = {
    "process-run-crate-0.5_3.2",  # a URL for each step's module: the package has no address of its own yet
    "process-run-crate-0.5_5.1",  # an absolute id for each module: they are files of the crate, with relative ids
    "process-run-crate-0.5_8.6",  # an agent: who runs the build is not known to it
    "ro-crate-1.1_22.3",          # a publisher: the package is not yet published
    "ro-crate-1.1_31.2",          # a URL for the authors' organisation: CITATION.cff gives none
    "workflow-ro-crate-1.0_8.1",  # the Bioschemas workflow profile: not claimed, its url and inputs are not known
}


def check_crate(where: Path, monkeypatch, out: Path) -> None:
    """A crate as consumers read it, offline: no required-level finding of roc-validator, no recommended one
    but those accepted above, ro-crate-py reads it (its main workflow) and writes it back (to `out`), and
    runcrate reads it (its run)."""
    pytest.importorskip("rocrate_validator", reason="roc-validator is not installed (requirements.lock has it)")
    asked = _offline(monkeypatch)
    result = _validate(where, "RECOMMENDED")
    required = [(i.check.identifier, i.message) for i in result.get_issues() if i.severity.name == "REQUIRED"]
    assert required == []
    assert {i.check.identifier for i in result.get_issues()} <= ACCEPTED
    assert set(asked) <= {CONTEXT_URL}  # the context, served from disk: nothing else was asked for
    from rocrate.rocrate import ROCrate
    crate = ROCrate(str(where))
    assert crate.mainEntity.id == "Snakefile"
    assert "ComputationalWorkflow" in crate.mainEntity.type
    crate.write(out)  # the fault of the crate's old place: ro-crate-py could not write it back
    written = {n["@id"]: n for n in json.loads((out / "ro-crate-metadata.json").read_text(encoding="utf-8"))["@graph"]}
    assert written["./"]["mainEntity"] == {"@id": "Snakefile"} and (out / "Snakefile").is_file()
    # runcrate's report (its CLI's code), which reads a Workflow Run Crate of any workflow language
    from click.testing import CliRunner
    from runcrate.cli import cli
    r = CliRunner().invoke(cli, ["report", str(where)])
    assert r.exit_code == 0, r.output
    assert "action: #run" in r.output and "instrument: Snakefile" in r.output
    assert "action: #rule-compute_trade" in r.output


def test_the_crate_is_valid_where_the_build_writes_it(built, monkeypatch, tmp_path):
    """At the repository's root after a build, as it stands: no copy moved anywhere."""
    check_crate(built, monkeypatch, tmp_path / "written")


def test_the_validator_rejects_a_crate_without_its_workflow(built, tmp_path, monkeypatch):
    """The same check fails when the main entity is no longer a workflow: the validator does judge."""
    pytest.importorskip("rocrate_validator", reason="roc-validator is not installed (requirements.lock has it)")
    d = tmp_path / "broken"
    shutil.copytree(built, d, ignore=shutil.ignore_patterns(".snakemake"))
    doc = json.loads((d / "ro-crate-metadata.json").read_text(encoding="utf-8"))
    for node in doc["@graph"]:
        if node["@id"] == "Snakefile":
            node["@type"] = ["File", "SoftwareSourceCode"]
    (d / "ro-crate-metadata.json").write_text(json.dumps(doc), encoding="utf-8")
    _offline(monkeypatch)
    result = _validate(d, "REQUIRED")
    assert not result.passed()
    assert any("ComputationalWorkflow" in i.message or "Main Workflow" in i.message for i in result.get_issues())


def test_the_validator_rejects_a_crate_whose_files_are_elsewhere(built, tmp_path, monkeypatch):
    """The fault of the crate's old place: written in data/derived/, its paths resolve under that folder and
    name files that are not there; the validator says so at the required level."""
    pytest.importorskip("rocrate_validator", reason="roc-validator is not installed (requirements.lock has it)")
    d = tmp_path / "elsewhere"
    d.mkdir()
    shutil.copy(built / CRATE, d / CRATE)
    _offline(monkeypatch)
    result = _validate(d, "REQUIRED")
    assert not result.passed()
