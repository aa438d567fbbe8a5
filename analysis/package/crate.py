"""The build's provenance as a Workflow Run Crate (RO-Crate 1.1 with the Workflow Run Crate 0.5 profile),
so that a repository (WorkflowHub, Zenodo) and any RO-Crate tool read what ran, on what, and what it made.

The crate is written where it is valid: `ro-crate-metadata.json` at the repository's root, which makes the
repository the crate's root, so that every path it lists resolves (the file is a build product, ignored by
git; the deposit archive holds its own version of it, analysis/package/deposit.py).  It holds
- the root dataset: the package's name, licence, authors, keywords and abstract (CITATION.cff), version
  and description (pyproject.toml);
- the workflow, `Snakefile`, as the main entity (a ComputationalWorkflow in Snakemake's language);
- every file of the package as a fresh clone holds it (code, inputs, the shipped render in docs/, tests,
  README, lock), with its size and sha256; the inputs under data/raw/ and data/published/ also with their
  format (the manifest's media type), terms and sources (the manifest's, each a contextual entity);
- every product of the build;
- the run as a CreateAction (instrument: the workflow; object: the inputs; result: the products) with the
  software that ran (every package requirements.lock pins, as installed); and one CreateAction per rule
  run, with the rule's own inputs and outputs as Snakemake recorded them for each output
  (.snakemake/metadata: the rule, its inputs, its log and its start and end).

Everything in it is a function of the files it lists and the Python that ran, except the run's times, which
are the jobs' own.  When SOURCE_DATE_EPOCH is set, the crate gives no run times at all (a run does not take
place at one instant) and dates itself (datePublished) by SOURCE_DATE_EPOCH: it is then byte-identical
between builds of the same inputs with the same Python.

    python -m analysis.package.crate --citation CITATION.cff --pyproject pyproject.toml --workflow Snakefile \\
        --manifests data/raw/datapackage.json data/published/datapackage.json --inputs data/raw/... \\
        --code analysis/... --products data/derived/... --lock requirements.lock --metadata .snakemake/metadata \\
        --out ro-crate-metadata.json
"""
from __future__ import annotations

import argparse
import base64
import json
import mimetypes
import os
import platform
import re
import sys
import tomllib
from datetime import datetime, timezone
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from urllib.parse import quote

import yaml

from analysis.io import dumps_json, run, sha256, write_text_atomic

# RO-Crate 1.1's context, and the Workflow Run terms' sha256 (RO-Crate 1.1's context lacks it)
CONTEXT = ["https://w3id.org/ro/crate/1.1/context", {"sha256": "https://w3id.org/ro/terms/workflow-run#sha256"}]
RO_CRATE = "https://w3id.org/ro/crate/1.1"
PROFILES = {  # the profiles the crate conforms to, each checked by roc-validator in tests/test_crate.py
    "https://w3id.org/ro/wfrun/process/0.5": ("Process Run Crate", "0.5"),
    "https://w3id.org/ro/wfrun/workflow/0.5": ("Workflow Run Crate", "0.5"),
    "https://w3id.org/workflowhub/workflow-ro-crate/1.0": ("Workflow RO-Crate", "1.0"),
}
WORKFLOW_RO_CRATE = "https://w3id.org/workflowhub/workflow-ro-crate/1.0"
# Snakemake as WorkflowHub's Workflow RO-Crate 1.0 names it (identifier: the Snakemake paper's DOI)
SNAKEMAKE = "https://w3id.org/workflowhub/workflow-ro-crate#snakemake"
SPDX = "https://spdx.org/licenses/"
TIMESTAMPS = ("startTime", "endTime", "datePublished")
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)", re.M)  # a pinned requirement of the lock
# media types Python's own table lacks (it is used without the system's files, so that it is the same everywhere)
EXTRA_TYPES = {".md": "text/markdown", ".qmd": "text/markdown", ".jsonld": "application/ld+json",
               ".bib": "application/x-bibtex", ".yaml": "application/yaml", ".yml": "application/yaml",
               ".cff": "application/yaml", ".toml": "application/toml", ".lua": "text/x-lua",
               ".typ": "text/x-typst", ".lock": "text/plain",
               ".smk": "text/x-python"}  # the rule files the Snakefile includes (Python, as it is)
EXTRA_NAMES = {"Snakefile": "text/x-python", "LICENSE": "text/plain", ".gitignore": "text/plain",
               ".gitattributes": "text/plain", "run": "text/x-shellscript"}
MODULE = re.compile(r"-m analysis\.([\w.]+)")


def media_type(path: str) -> str | None:
    """A file's media type from its name (the Snakefile and its rule files are Python)."""
    if Path(path).name in EXTRA_NAMES:
        return EXTRA_NAMES[Path(path).name]
    suffix = Path(path).suffix.lower()
    return (EXTRA_TYPES.get(suffix) or mimetypes.MimeTypes().guess_type("x" + suffix, strict=False)[0]
            or "application/octet-stream")


def iso(t: float) -> str:
    return datetime.fromtimestamp(t, timezone.utc).isoformat(timespec="seconds")


def ref(entity_id: str) -> dict:
    return {"@id": entity_id}


def one_or_many(refs: list[dict]) -> dict | list[dict]:
    """A property's value: one value alone, not in a list (RO-Crate 1.1's flattened form)."""
    return refs[0] if len(refs) == 1 else refs


def python_id() -> str:
    return f"https://www.python.org/downloads/release/python-{platform.python_version().replace('.', '')}/"


def file_id(path: str) -> str:
    return quote(Path(path).as_posix())


def file_entity(path: str, size: int, digest: str, extra: dict | None = None) -> dict:
    """A data entity: a file of the repository, with its size, checksum and format."""
    node = {"@id": file_id(path), "@type": "File", "name": Path(path).name, "contentSize": str(size),
            "sha256": digest}
    fmt = media_type(path)
    if fmt:
        node["encodingFormat"] = fmt
    return node | (extra or {})


def manifest_sources(manifest: dict, base: str) -> tuple[dict[str, dict], list[dict]]:
    """For each file a manifest lists (path from the repository root): its extra properties (format,
    licence, sources); and the sources and licences as contextual entities."""
    per_file, context = {}, {}
    for res in manifest.get("resources", []):
        extra, based = {}, []
        if res.get("mediatype"):
            extra["encodingFormat"] = res["mediatype"]
        if res.get("title"):
            extra["description"] = res["title"]
        for src in res.get("sources", []):
            sid = src.get("path") or "#source-" + quote(src.get("x-source-id") or src.get("title", ""), safe="")
            node = {"@id": sid, "@type": "CreativeWork", "name": src.get("title", sid)}
            if src.get("x-source-id"):
                node["identifier"] = src["x-source-id"]
            if src.get("path"):
                node["url"] = src["path"]
            if src.get("x-date"):  # the source's own date (its release, or the report's day), as the manifest gives it
                node["datePublished"] = src["x-date"]
            context.setdefault(sid, node)
            based.append(ref(sid))
        if based:
            extra["isBasedOn"] = one_or_many(based)
        licences = []
        for lic in res.get("licenses", []):
            lid = lic.get("path") or "#licence-" + quote(lic.get("name") or lic.get("title", ""), safe="")
            context.setdefault(lid, {"@id": lid, "@type": "CreativeWork", "name": lic.get("title") or lic.get("name")})
            licences.append(ref(lid))
        if licences:
            extra["license"] = one_or_many(licences)
        per_file[f"{base}/{res['path']}"] = extra
    return per_file, list(context.values())


def jobs(records: dict[str, dict]) -> list[dict]:
    """Snakemake's records of the products (output path -> record) grouped into rule runs: one per rule
    and log, with the rule's inputs, its outputs, its module and its start and end."""
    runs: dict[tuple, dict] = {}
    for out, rec in sorted(records.items()):
        key = (rec["rule"], tuple(rec.get("log") or ()))
        job = runs.setdefault(key, {"rule": rec["rule"], "inputs": sorted(set(rec.get("input") or ())),
                                    "outputs": [], "modules": MODULE.findall(rec.get("shellcmd") or ""),
                                    "start": rec.get("starttime"), "end": rec.get("endtime")})
        job["outputs"].append(out)
        if rec.get("starttime") is not None:
            job["start"] = min(t for t in (job["start"], rec["starttime"]) if t is not None)
        if rec.get("endtime") is not None:
            job["end"] = max(t for t in (job["end"], rec["endtime"]) if t is not None)
    return sorted(runs.values(), key=lambda j: (j["rule"], j["outputs"]))


def module_file(module: str) -> str:
    """The source file of a module of analysis/, named as a rule runs it ('compute.trade' ->
    'analysis/compute/trade.py')."""
    return f"analysis/{module.replace('.', '/')}.py"


def times(job_list: list[dict], fallback: list[float], epoch: str | None) -> tuple[float | None, float | None, float]:
    """(the run's start, its end, the crate's date): the earliest job's start and the latest job's end (else
    the products' modification times), the end as the date.  With SOURCE_DATE_EPOCH set, no run times at
    all (every job's are removed, in place: a build does not run at one instant), and that time as the date."""
    if epoch:
        for job in job_list:
            job["start"] = job["end"] = None
        return None, None, float(epoch)
    starts = [j["start"] for j in job_list if j["start"] is not None] or fallback
    ends = [j["end"] for j in job_list if j["end"] is not None] or fallback
    return min(starts), max(ends), max(ends)


def software(lock_text: str) -> list[dict]:
    """The software that ran: Python and every package requirements.lock pins, with the version installed
    (a package the lock pins and this environment lacks is left out)."""
    nodes = [{"@id": python_id(), "@type": "SoftwareApplication", "name": platform.python_implementation(),
              "version": platform.python_version(), "url": "https://www.python.org"}]
    for name, _pinned in PIN.findall(lock_text):
        try:
            installed = version(name)
        except PackageNotFoundError:
            continue
        nodes.append({"@id": f"https://pypi.org/project/{name}/{installed}/", "@type": "SoftwareApplication",
                      "name": name, "version": installed, "url": f"https://pypi.org/project/{name}/"})
    return nodes


def crate(citation: dict, project: dict, workflow: str, files: dict[str, tuple[int, str]],
          inputs: list[str], code: list[str], products: list[str], manifests: list[tuple[dict, str]],
          job_list: list[dict], start: float | None, end: float | None, date: float, about: list[str] = (),
          package: list[str] = (), lock_text: str = "") -> dict:
    """The crate's JSON-LD.  `files` holds each listed file's size and sha256; `manifests` each input
    manifest with its folder; `job_list` the rule runs (see jobs()); `start` and `end` the run's (None:
    not stated), `date` the crate's; `about` the files that describe the package itself (README, citation,
    licence, lock); `package` every other file of the package as a clone holds it; `lock_text` the lock."""
    extra, contextual = {}, {}
    for manifest, base in manifests:
        per_file, nodes = manifest_sources(manifest, base)
        extra |= per_file
        contextual |= {n["@id"]: n for n in nodes}
    sw = software(lock_text)
    licence = SPDX + citation["license"]
    authors = [{"@id": f"#author-{i}", "@type": "Person" if a.get("family-names") else "Organization",
                "name": " ".join(a[k] for k in ("given-names", "family-names") if a.get(k)) or a["name"]}
               for i, a in enumerate(citation.get("authors", []), 1)]
    modules = sorted({module_file(m) for j in job_list for m in j["modules"]} & set(code))
    listed = sorted(set(inputs) | set(code) | set(products) | set(about) | set(package) | {workflow})
    pkg_version = project["project"]["version"]
    entities = []
    for path in listed:
        size, digest = files[path]
        node = file_entity(path, size, digest, extra.get(path))
        if path in modules:
            node["@type"] = ["File", "SoftwareSourceCode"]
            node["programmingLanguage"] = ref(python_id())
            node["version"] = pkg_version
        if path in about:
            node["about"] = ref("./")
        if path == workflow:
            node["@type"] = ["File", "SoftwareSourceCode", "ComputationalWorkflow"]
            node["name"] = f"{project['project']['name']}: the Snakemake workflow"
            node["version"] = pkg_version
            node["programmingLanguage"] = ref(SNAKEMAKE)
            node["softwareRequirements"] = [ref(s["@id"]) for s in sw]
        entities.append(node)
    run_id = "#run"
    actions = [{"@id": run_id, "@type": "CreateAction",
                "name": f"Build of {project['project']['name']} {pkg_version} by its workflow",
                "description": "The run of the workflow that made the products listed as results, from the inputs "
                               "listed as objects" + (": from the earliest start to the latest end of its rule runs"
                                                      if start is not None else
                                                      "; its times are not stated (SOURCE_DATE_EPOCH was set)"),
                "instrument": ref(workflow), "object": [ref(file_id(p)) for p in sorted(inputs)],
                "result": [ref(file_id(p)) for p in sorted(products)]}]
    if start is not None:
        actions[0] |= {"startTime": iso(start), "endTime": iso(end)}
    known = set(listed)
    for job in job_list:
        step = {"@id": f"#rule-{job['rule']}-{quote(job['outputs'][0], safe='')}", "@type": "CreateAction",
                "name": f"Rule {job['rule']}",
                "description": f"A run of the workflow's rule {job['rule']}: its inputs and outputs as Snakemake "
                               "recorded them",
                "object": one_or_many([ref(file_id(p)) for p in job["inputs"] if p in known]),
                "result": one_or_many([ref(file_id(p)) for p in job["outputs"] if p in known])}
        instrument = [module_file(m) for m in job["modules"] if module_file(m) in known]
        if instrument:
            step["instrument"] = ref(file_id(instrument[0]))
        if job["start"] is not None:
            step["startTime"] = iso(job["start"])
        if job["end"] is not None:
            step["endTime"] = iso(job["end"])
        actions.append(step)
    root = {"@id": "./", "@type": "Dataset", "name": citation["title"],
            "description": citation.get("abstract") or project["project"].get("description", citation["title"]),
            "version": project["project"]["version"], "license": ref(licence), "author": one_or_many([ref(a["@id"]) for a in authors]),
            "datePublished": iso(date), "conformsTo": [ref(p) for p in PROFILES], "mainEntity": ref(workflow),
            "hasPart": [ref(e["@id"]) for e in entities], "mentions": [ref(a["@id"]) for a in actions]}
    if citation.get("keywords"):
        root["keywords"] = ", ".join(citation["keywords"])
    descriptor = {"@id": "ro-crate-metadata.json", "@type": "CreativeWork",
                  "conformsTo": [ref(RO_CRATE), ref(WORKFLOW_RO_CRATE)],
                  "about": ref("./")}
    others = [{"@id": licence, "@type": "CreativeWork", "name": citation["license"], "identifier": citation["license"]},
              *authors,
              *({"@id": p, "@type": "CreativeWork", "name": n, "version": v} for p, (n, v) in PROFILES.items()),
              {"@id": SNAKEMAKE, "@type": "ComputerLanguage", "name": "Snakemake",
               "identifier": ref("https://doi.org/10.1093/bioinformatics/bts480"),
               "url": ref("https://snakemake.readthedocs.io"), "version": version("snakemake")},
              *sw, *sorted(contextual.values(), key=lambda n: n["@id"])]
    return {"@context": CONTEXT, "@graph": [descriptor, root, *entities, *actions, *others]}


def without_timestamps(doc: dict) -> dict:
    """The crate with the run's own timestamps removed: what must be the same between builds of the same inputs."""
    return {**doc, "@graph": [{k: v for k, v in node.items() if k not in TIMESTAMPS} for node in doc["@graph"]]}


def read_records(folder: str | None, products: list[str]) -> dict[str, dict]:
    """Snakemake's record of each product, where it keeps one (a file named by the path in URL-safe base64)."""
    records = {}
    for p in products:
        f = Path(folder or "") / base64.urlsafe_b64encode(p.encode()).decode()
        if folder and f.is_file():
            try:
                records[p] = json.loads(f.read_text(encoding="utf-8"))
            except (ValueError, OSError):
                continue
    return records


def package_files(root: Path, exclude: set[str]) -> list[str]:
    """Every file of the package as a fresh clone holds it (git's tracked files, else those the .gitignore
    files keep), as the deposit takes them: no link out of the tree, no credential."""
    from analysis.package.deposit import CRATE_NAME, members, tracked_files
    kept, _notes = members(root, [f for f in tracked_files(root) if f != CRATE_NAME and f not in exclude])
    return [name for name, _path in kept]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--citation", required=True)
    ap.add_argument("--pyproject", required=True)
    ap.add_argument("--workflow", required=True)
    ap.add_argument("--manifests", nargs="+", required=True)
    ap.add_argument("--inputs", nargs="+", required=True, help="every file under data/raw/ and data/published/")
    ap.add_argument("--code", nargs="*", default=[], help="every other file a step read")
    ap.add_argument("--products", nargs="+", required=True)
    ap.add_argument("--about", nargs="*", default=[], help="the files about the package: README, citation, licence, lock")
    ap.add_argument("--lock", required=True, help="requirements.lock: the packages whose installed versions are listed")
    ap.add_argument("--metadata", help="Snakemake's folder of records (.snakemake/metadata)")
    ap.add_argument("--out", required=True, help="ro-crate-metadata.json at the repository's root")
    a = ap.parse_args(argv)
    from analysis.package.deposit import Refused
    with open(a.citation, encoding="utf-8") as f:
        citation = yaml.safe_load(f)
    with open(a.pyproject, "rb") as f:
        project = tomllib.load(f)
    with open(a.lock, encoding="utf-8") as f:
        lock_text = f.read()
    manifests = []
    for m in a.manifests:
        with open(m, encoding="utf-8") as f:
            manifests.append((json.load(f), Path(m).parent.as_posix()))
    inputs = sorted(set(a.inputs) | set(a.manifests))
    a.about = sorted(set(a.about))
    code = sorted(set(a.code) - set(inputs) - set(a.products) - set(a.about) - {a.workflow})
    try:
        package = package_files(Path("."), {*inputs, *code, *a.products, *a.about, a.workflow})
    except Refused as err:
        print(f"crate refused: {err}", file=sys.stderr)
        return 1
    files = {p: (os.path.getsize(p), sha256(p)) for p in {*inputs, *code, *a.products, *a.about, *package, a.workflow}}
    job_list = jobs(read_records(a.metadata, a.products))
    start, end, date = times(job_list, [os.path.getmtime(p) for p in a.products], os.environ.get("SOURCE_DATE_EPOCH"))
    doc = crate(citation, project, a.workflow, files, inputs, code, a.products, manifests, job_list, start, end, date,
                a.about, package, lock_text)
    write_text_atomic(a.out, dumps_json(doc))
    print(f"crate: {len(inputs)} inputs, {len(a.products)} products, {len(package)} other files of the package, "
          f"{len(job_list)} rule runs")
    return 0


if __name__ == "__main__":
    run(main)
