"""The build's Workflow Run Crate (data/derived/ro-crate-metadata.json): what it lists, its timestamps, and a
validator from PyPI (roc-validator, Workflow Run Crate profile) run offline on it."""
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
CRATE = "data/derived/ro-crate-metadata.json"
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
    assert times(got, [], None) == (10.0, 14.0)
    assert times(got, [], "86400") == (86400.0, 86400.0) and {j["start"] for j in got} == {86400.0}
    assert iso(86400.0) == "1970-01-02T00:00:00+00:00"
    assert times([], [5.0, 7.0], None) == (5.0, 7.0)  # no records: the products' own times


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
    printed = g["data/published/printed_numbers.csv"]
    assert any("Duy Tan University" in g[i]["name"] for i in _ids(printed["isBasedOn"]))


def test_every_product_and_the_run(built):
    g = _graph(built / CRATE)
    products = [p for out in ("data/derived", "manuscript/_generated") for p in (built / out).rglob("*")
                if p.is_file() and "logs" not in p.parts and p.name != "ro-crate-metadata.json"]
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
    wf = g["Snakefile"]
    assert set(wf["@type"]) == {"File", "SoftwareSourceCode", "ComputationalWorkflow"}
    assert g[wf["programmingLanguage"]["@id"]]["name"] == "Snakemake"
    # the software that ran, as installed here
    sw = {g[i]["name"]: g[i]["version"] for i in _ids(wf["softwareRequirements"])}
    assert sw["snakemake"] == version("snakemake") == "9.16.3" and sw["pandas"] == version("pandas")
    assert sw["CPython"] == ".".join(map(str, sys.version_info[:3]))


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
    for s in steps.values():
        assert run["startTime"] <= s["startTime"] <= s["endTime"] <= run["endTime"]
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
    stamps = [n[k] for n in fixed["@graph"] for k in ("startTime", "endTime", "datePublished") if k in n]
    assert len(stamps) > 20 and set(stamps) == {"2026-01-01T00:00:00+00:00"}  # 1767225600 s after 1970, by hand
    # apart from its timestamps, the crate is the build's own
    own = json.loads((built / CRATE).read_text(encoding="utf-8"))
    assert without_timestamps(fixed) == without_timestamps(own)
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
    from rocrate_validator import models, services
    settings = services.ValidationSettings(
        rocrate_uri=str(root), profile_identifier="workflow-run-crate",
        requirement_severity=models.Severity[severity], no_cache=True, skip_availability_check=True)
    return services.validate(settings)


# What the validator recommends and the crate does not do, each for a reason:
ACCEPTED = {
    "process-run-crate-0.5_3.2",  # a URL for each step's module: the package has no address of its own yet
    "process-run-crate-0.5_5.1",  # an absolute id for each module: they are files of the crate, with relative ids
    "process-run-crate-0.5_8.6",  # an agent: who runs the build is not known to it
    "ro-crate-1.1_22.3",          # a publisher: the package is not yet published
    "ro-crate-1.1_31.2",          # a URL for the authors' organisation: CITATION.cff gives none
}


@pytest.fixture(scope="module")
def crate_root(built, tmp_path_factory):
    """The built repository with its crate at the root, where the crate says it is (as in the deposit archive)."""
    pytest.importorskip("rocrate_validator", reason="roc-validator is not installed (requirements.lock has it)")
    d = tmp_path_factory.mktemp("crate") / "repo"
    shutil.copytree(built, d, ignore=shutil.ignore_patterns(".snakemake"))
    shutil.copy(d / CRATE, d / "ro-crate-metadata.json")
    return d


def test_the_validator_accepts_the_crate_offline(crate_root, monkeypatch):
    asked = _offline(monkeypatch)
    result = _validate(crate_root, "RECOMMENDED")
    required = [(i.check.identifier, i.message) for i in result.get_issues() if i.severity.name == "REQUIRED"]
    assert required == []
    assert {i.check.identifier for i in result.get_issues()} <= ACCEPTED
    assert set(asked) == {CONTEXT_URL}  # the context, served from disk: nothing else was asked for


def test_the_validator_rejects_a_crate_without_its_workflow(crate_root, tmp_path, monkeypatch):
    """The same check fails when the main entity is no longer a workflow: the validator does judge."""
    d = tmp_path / "broken"
    shutil.copytree(crate_root, d, ignore=shutil.ignore_patterns("data", "manuscript", "docs", "tests"))
    doc = json.loads((d / "ro-crate-metadata.json").read_text(encoding="utf-8"))
    for node in doc["@graph"]:
        if node["@id"] == "Snakefile":
            node["@type"] = ["File", "SoftwareSourceCode"]
    for node in doc["@graph"]:  # keep only what is in the copy, so that the one fault is the workflow's type
        for key in ("hasPart", "object", "result"):
            if key in node:
                kept = [r for r in (node[key] if isinstance(node[key], list) else [node[key]])
                        if (d / r["@id"]).is_file()]
                node[key] = kept
    (d / "ro-crate-metadata.json").write_text(json.dumps(doc), encoding="utf-8")
    _offline(monkeypatch)
    result = _validate(d, "REQUIRED")
    assert not result.passed()
    assert any("ComputationalWorkflow" in i.message or "Main Workflow" in i.message for i in result.get_issues())
