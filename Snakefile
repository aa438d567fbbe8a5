# Replication and audit of Tran (2026): raw data -> validated inputs -> tables, series,
# registry and audit -> figures -> manuscript.  Every rule runs a module of analysis/
# in-process; each module also runs on its own with `python -m analysis.<module> ...`.
# profiles/default/config.yaml runs jobs as threads of this process, so pandas is
# imported once per build rather than once per job (the cold build stays under 5 s).
import importlib
import json
import shutil
import sys
import threading
from pathlib import Path

RAW = "data/raw"
PUB = "data/published"
OUT = "data/derived"
LOGS = f"{OUT}/logs"
QUARTO = shutil.which("quarto")

# Which raw files each validation group covers, read from the manifest itself.
MANIFEST = json.loads(Path(f"{RAW}/datapackage.json").read_text(encoding="utf-8"))
GROUPS = {"arms": ["arms/"], "trade": ["trade/", "fx/"], "fdi": ["fdi/"]}


def group_resources(group):
    return [r for r in MANIFEST["resources"] if any(r["path"].startswith(p) for p in GROUPS[group])]


def raw_files(group):
    return [f"{RAW}/{r['path']}" for r in group_resources(group)]


def manifest_slice(group):
    """The part of the manifest a group's validation reads. It is a param, not an input, so that
    re-hashing one folder's file reruns that folder's validation and its dependants only."""
    return json.dumps(group_resources(group), sort_keys=True)


class _JobStream:
    """Stands in for sys.stdout/sys.stderr: jobs run as threads, and each thread's writes go
    to its own rule's log (anything else goes where it always went)."""

    def __init__(self, fallback):
        self.fallback, self.local = fallback, threading.local()

    def __getattr__(self, name):
        return getattr(getattr(self.local, "fh", None) or self.fallback, name)

    def write(self, text):
        return (getattr(self.local, "fh", None) or self.fallback).write(text)


if not isinstance(sys.stdout, _JobStream):
    sys.stdout, sys.stderr = _JobStream(sys.stdout), _JobStream(sys.stderr)


def step(rule, module, args, log, mode="w"):
    """Run analysis.<module>.main(args) here, with its output in the rule's log; fail loudly.
    The log opens with the rule and the command that reruns the step on its own."""
    Path(log).parent.mkdir(parents=True, exist_ok=True)
    with open(log, mode, encoding="utf-8") as fh:
        fh.write(f"# rule {rule}\n$ python -m analysis.{module} {' '.join(str(a) for a in args)}\n")
        sys.stdout.local.fh = sys.stderr.local.fh = fh
        try:
            rc = importlib.import_module(f"analysis.{module}").main([str(a) for a in args])
        finally:
            sys.stdout.local.fh = sys.stderr.local.fh = None
    if rc:
        sys.stderr.write(Path(log).read_text(encoding="utf-8"))
        raise RuntimeError(f"analysis.{module} failed; see {log}")


def after_all_checks(own, *real):
    """The checks of every input as inputs of a compute step: its own group's report as usual,
    the others as ancient(), so that one bad input anywhere stops every compute step before it
    writes anything, while a re-validated group does not make the other groups' steps rerun."""
    checks = {g: f"{OUT}/validated/{g}.json" for g in GROUPS} | {"published": f"{OUT}/published.csv"}
    return {"checked": checks[own], "other_checks": [ancient(f) for g, f in checks.items() if g != own and g not in real]}


FIGURES = expand(f"{OUT}/figures/{{name}}.{{ext}}", name=["arms_series", "table1_turnover"], ext=["svg", "pdf"])
MANUSCRIPT = ["manuscript/_output/index.html", "manuscript/_output/index.pdf"]
PARTS = expand("manuscript/_generated/{name}", name=[
    "table1.md", "table2.md", "arms_periods.md", "arms_claims.md", "text_claims.md", "discrepancies.md",
    "audit.md", "data_availability.md", "lineage.md", "sources.bib", "arms_series.svg", "table1_turnover.svg"])


# All derived data and the manuscript's generated parts: everything but the render.
DERIVED = [f"{OUT}/numbers.json", f"{OUT}/audit.csv", *FIGURES, *PARTS]


rule all:
    input:
        DERIVED,
        MANUSCRIPT if QUARTO else [],
    default_target: True


rule derived:
    """Everything but the render (what the benchmark times)."""
    input:
        DERIVED,


rule validate_raw:
    input:
        code="analysis/validate.py",  # a changed step reruns with its dependants
        files=lambda w: raw_files(w.group),
    output:
        f"{OUT}/validated/{{group}}.json",
    wildcard_constraints:
        group="arms|trade|fdi",
    log:
        f"{LOGS}/validate_raw_{{group}}.log",
    params:
        manifest=f"{RAW}/datapackage.json",
        prefixes=lambda w: GROUPS[w.group],
        contract=lambda w: manifest_slice(w.group),
    run:
        step(rule, "validate", [params.manifest, "--only", *params.prefixes, "--report", output[0]], log[0])


rule parse_published:
    input:
        code=["analysis/published.py", "analysis/validate.py"],  # a changed step reruns with its dependants
        manifest=f"{PUB}/datapackage.json",
        table=f"{PUB}/printed_numbers.csv",
    output:
        f"{OUT}/published.csv",
    log:
        f"{LOGS}/parse_published.log",
    run:
        step(rule, "validate", [input.manifest], log[0])
        step(rule, "published", ["--input", input.table, "--out", output[0]], log[0], mode="a")


rule compute_arms:
    input:
        code="analysis/arms.py",  # a changed step reruns with its dependants
        **after_all_checks("arms"),
        raw=raw_files("arms"),
    output:
        series=f"{OUT}/arms_series.csv",
        periods=f"{OUT}/arms_periods.csv",
        numbers=f"{OUT}/numbers/arms.json",
    log:
        f"{LOGS}/compute_arms.log",
    run:
        step(rule, "arms", ["--out-series", output.series, "--out-periods", output.periods,
                      "--out-numbers", output.numbers], log[0])


rule compute_table1:
    input:
        code="analysis/trade.py",  # a changed step reruns with its dependants
        **after_all_checks("trade"),
        raw=raw_files("trade"),
    output:
        table=f"{OUT}/table1.csv",
        candidates=f"{OUT}/trade_candidates.csv",
        numbers=f"{OUT}/numbers/trade.json",
    log:
        f"{LOGS}/compute_table1.log",
    run:
        step(rule, "trade", ["--out-table", output.table, "--out-candidates", output.candidates,
                       "--out-numbers", output.numbers], log[0])


rule compute_table2:
    input:
        code="analysis/fdi.py",  # a changed step reruns with its dependants
        **after_all_checks("fdi", "published"),
        raw=raw_files("fdi"),
        published=f"{OUT}/published.csv",
    output:
        table=f"{OUT}/table2.csv",
        numbers=f"{OUT}/numbers/fdi.json",
    log:
        f"{LOGS}/compute_table2.log",
    run:
        step(rule, "fdi", ["--published", input.published, "--out-table", output.table,
                     "--out-numbers", output.numbers], log[0])


rule audit_numbers:
    input:
        code="analysis/audit.py",  # a changed step reruns with its dependants
        published=f"{OUT}/published.csv",
        fragments=[f"{OUT}/numbers/arms.json", f"{OUT}/numbers/trade.json", f"{OUT}/numbers/fdi.json"],
    output:
        audit=f"{OUT}/audit.csv",
        numbers=f"{OUT}/numbers/audit.json",
    log:
        f"{LOGS}/audit_numbers.log",
    run:
        step(rule, "audit", ["--published", input.published, "--fragments", *input.fragments,
                       "--out", output.audit, "--out-numbers", output.numbers], log[0])


rule build_registry:
    input:
        code="analysis/registry.py",  # a changed step reruns with its dependants
        fragments=[f"{OUT}/numbers/{s}.json" for s in ("arms", "trade", "fdi", "audit")],
        audit=f"{OUT}/audit.csv",  # the verdict entries name it, with its checksum, as their input
    output:
        f"{OUT}/numbers.json",
    log:
        f"{LOGS}/build_registry.log",
    run:
        step(rule, "registry", [*input.fragments, "--out", output[0]], log[0])


rule plot_figures:
    input:
        code="analysis/figures.py",  # a changed step reruns with its dependants
        series=f"{OUT}/arms_series.csv",
        audit=f"{OUT}/audit.csv",
        table1=f"{OUT}/table1.csv",
    output:
        FIGURES,
    log:
        f"{LOGS}/plot_figures.log",
    run:
        step(rule, "figures", ["--series", input.series, "--audit", input.audit, "--table1", input.table1,
                         "--outdir", f"{OUT}/figures"], log[0])


rule write_manuscript_parts:
    input:
        code="analysis/manuscript.py",  # a changed step reruns with its dependants
        registry=f"{OUT}/numbers.json",
        audit=f"{OUT}/audit.csv",
        table1=f"{OUT}/table1.csv",
        table2=f"{OUT}/table2.csv",
        figures=FIGURES,
        qmd="manuscript/index.qmd",
        manifests=[f"{RAW}/datapackage.json", f"{PUB}/datapackage.json"],
    output:
        PARTS,
    log:
        f"{LOGS}/write_manuscript_parts.log",
    run:
        step(rule, "manuscript", ["--registry", input.registry, "--audit", input.audit, "--table1", input.table1,
                            "--table2", input.table2, "--figures", f"{OUT}/figures", "--qmd", input.qmd,
                            "--outdir", "manuscript/_generated"], log[0])


rule render_manuscript:
    input:
        parts=PARTS,
        registry=f"{OUT}/numbers.json",
        sources=["manuscript/index.qmd", "manuscript/_quarto.yml", "manuscript/references.bib",
                 "manuscript/styles.css", "manuscript/typst-header.typ", "manuscript/_extensions/registry/num.lua",
                 "manuscript/_extensions/registry/_extension.yml"],
    output:
        MANUSCRIPT,
    log:
        f"{LOGS}/render_manuscript.log",
    conda:
        "manuscript/environment.yaml"
    shell:
        "quarto render manuscript > {log} 2>&1"


onsuccess:
    if not QUARTO:
        print("\nThe manuscript was NOT rendered: Quarto is not installed. Everything else is built.\n"
              "Install Quarto >= 1.7 (https://quarto.org/docs/get-started/) and run `snakemake -c2` again.",
              file=sys.stderr)
