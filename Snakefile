# Replication and audit of Tran (2026), top-down as the data flow:
#   raw inputs -> input checks -> arms series, Table 1, Table 2 -> registry of computed numbers
#   -> audit -> registry -> figures -> manuscript parts -> rendered manuscript (HTML and PDF).
# Every rule runs one module of analysis/ as a program (`python -m analysis.<module> ...`), with
# every file it reads passed on its command line, and logs the exact command that ran and all it
# printed to data/derived/logs/<rule>.log.  Each rule's code inputs are its module and every project
# module that module imports (read from the imports), so an edited module reruns exactly its dependants.
import shlex
import shutil
import sys
import threading
from pathlib import Path

from analysis.deps import files as code_of
from analysis.io import fingerprint

STEPS_ENV = "analysis/environment.yaml"  # the steps' software, for --sw-deployment-method conda
RAW = "data/raw"
PUB = "data/published"
OUT = "data/derived"
LOGS = f"{OUT}/logs"
PY = shlex.quote(sys.executable)
# Quarto: the one setup put into the project's environment, else one on PATH.
QUARTO = next((str(q) for q in [Path(sys.executable).parent / "quarto"] if q.is_file()), None) or shutil.which("quarto")

READ = []  # every input file a rule names by hand (raw or printed): see the end of this file


def source(path):
    """An input file a step reads, named by a rule."""
    READ.append(path)
    return path


def raw_files():
    """Every file on disk under data/raw/: the check refuses any the manifest does not list.  A name
    with a brace is left to the check (see the end of this file): Snakemake would read it as a wildcard."""
    return sorted(str(p) for p in Path(RAW).rglob("*") if p.is_file() and not ("{" in str(p) or "}" in str(p)))


def step(*commands, folder=None):
    """The shell command of a rule: each `module args` run as `python -m analysis.module args`, traced
    into the rule's log; when a command fails, its message is shown: an input check's leading line (the
    first problem and the count) with the next four, else the end of the log.
    With `folder`, the step first removes the files there that no rule writes (the rule's params.written).
    The step is told its log and the rule's files (one a line), to check the products it reads against
    their writers' records and to record its own outputs' checksums in its log (analysis/io.py)."""
    run = "; ".join(f"{PY} -m analysis.{c}" for c in commands)
    files = (f"export STEP_LOG={{log:q}} STEP_INPUTS=\"$(printf '%s\\n' {{input:q}})\" "
             f"STEP_OUTPUTS=\"$(printf '%s\\n' {{output:q}})\"; ")
    if folder:  # the files the workflow writes there: the step removes any other (analysis/io.py, remove_orphans)
        files += f"export STEP_FOLDER={folder} STEP_FOLDER_FILES=\"$(printf '%s\\n' {{params.written:q}})\"; "
    return (f"( {files}set -x; {run} ) > {{log:q}} 2>&1 || {{{{ grep -m1 -A4 '^Invalid input: ' {{log:q}} >&2"
            f" || tail -n 5 {{log:q}} >&2; exit 1; }}}}")


def written_in(folder):
    """params: every file a rule of this workflow writes under `folder`."""
    return lambda wildcards: sorted(str(f) for r in workflow.rules for f in r.output if str(f).startswith(f"{folder}/"))


def content(rule):
    """A rule's `params`: the sha256 of every file it reads (data, code, other steps' products).  Snakemake
    records a job's params and reruns it when they differ, so that a step reruns when what it reads changed,
    whatever the timestamps say (an edit that kept an old timestamp, `cp -p`, an unpacked archive); a dry run
    only reports it.  One digest of them all, so that the report stays one line (`snakemake --list-changes
    params` lists the jobs); a function of the wildcards alone, so that Snakemake compares it (analysis/io.py)."""
    def files(wildcards):
        for f in workflow.get_rule(rule).input:
            if callable(f):
                f = f(wildcards)
            yield from [f] if isinstance(f, str) else f

    return lambda wildcards: fingerprint(files(wildcards))


# The reports of the two input checks.  Every step that reads an input waits for both, so that one
# bad input anywhere stops the build before any table, registry or audit is written.  (A step does not
# wait for the other check through ancient(): Snakemake then skips the step when its own code changes
# in the same run as that check, which would leave a stale output.)
CHECKS = [f"{OUT}/validated/raw.json", f"{OUT}/validated/published.json"]


# each figure in each edition's words (the Vietnamese with the suffix _vi), and the SVG copy the manuscript shows
FIGURE_NAMES, EDITIONS = ["arms_series", "table1_turnover"], ["", "_vi"]
FIGURES = expand(f"{OUT}/figures/{{name}}{{edition}}.svg", name=FIGURE_NAMES, edition=EDITIONS)
FIGURE_COPIES = expand("manuscript/_generated/{name}{edition}.svg", name=FIGURE_NAMES, edition=EDITIONS)
from analysis.manuscript.render import SOURCES as RENDER_SOURCES  # the manuscript's own sources
# The rendered manuscript ships in docs/: each document (a .qmd of manuscript/) as docs/<name>.html and
# docs/<name>.pdf, exactly as rendered: the English edition (docs/index.*) and the Vietnamese one (docs/vi.*),
# both from the one registry.
DOCUMENTS = {"index": "index.qmd", "vi": "index.vi.qmd"}
# Each edition's lineage, a page of its own in HTML (the PDF keeps it as an appendix), written without Quarto:
# docs/lineage.html and docs/vi-lineage.html.
PAGES = {"en": "docs/lineage.html", "vi": "docs/vi-lineage.html"}
MANUSCRIPT = expand("docs/{doc}.{ext}", doc=list(DOCUMENTS), ext=["html", "pdf"]) + list(PAGES.values())
# Each edition's parts in its language (the Vietnamese ones in _generated/vi/); the bibliography and the
# figures are shared.
EDITION_PARTS = ["table1.md", "table2.md", "arms_periods.md", "arms_claims.md", "text_claims.md", "discrepancies.md",
                 "audit.md", "data_availability.md", "lineage.html", "lineage_data.md", "lineage_typst.md"]
PARTS = expand("manuscript/_generated/{name}", name=[*EDITION_PARTS, "sources.bib"]) + \
    expand("manuscript/_generated/vi/{name}", name=[*EDITION_PARTS, "tooltips.json"])
SOURCES_CSV = [source(f"{RAW}/{d}/sources.csv") for d in ("arms", "trade", "fdi", "fx")]

# All derived data and the manuscript's generated parts: everything but the render.
# The audit's own parts of the manuscript: the claims in words, the replication report and the verdict rules.
AUDIT_PARTS = expand("manuscript/_generated/{edition}{name}", edition=["", "vi/"], name=["claims.md", "report.md", "rules.md", "summary.md"])
# The manuscript's hand-written sentences that state a count, a cause, a direction or a class, each checked
# against the registry (analysis/manuscript/assertions.py): the render waits for this check.
MANUSCRIPT_CLAIMS = f"{OUT}/validated/manuscript_claims.json"
# The verdicts as schema.org ClaimReview (JSON-LD), per edition, and as each edition's HTML header include.
VERDICTS = [f"{OUT}/verdicts.jsonld", f"{OUT}/verdicts.vi.jsonld"]
VERDICT_PARTS = ["manuscript/_generated/verdicts.html", "manuscript/_generated/vi/verdicts.html"]
# The build's Workflow Run Crate (RO-Crate): written last, it lists every input and product.
CRATE = f"{OUT}/ro-crate-metadata.json"
DERIVED = [f"{OUT}/numbers.json", f"{OUT}/audit.csv", *FIGURES, *FIGURE_COPIES, *PARTS, *AUDIT_PARTS, MANUSCRIPT_CLAIMS,
           *VERDICTS, *VERDICT_PARTS, CRATE]


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
    """Checks every raw input against the manifest: listed, checksum, schema, plausible values, the rows
    each step needs, and the cross-row rules."""
    input:
        code=code_of("analysis.contract.validate"),
        manifest=source(f"{RAW}/datapackage.json"),
        files=lambda w: recover_killed_run() or raw_files(),
    output:
        CHECKS[0],
    log:
        f"{LOGS}/validate_raw.log",
    params:
        content=content("validate_raw"),
    conda:
        STEPS_ENV
    shell:
        step("contract.validate {input.manifest:q} --report {output:q}")


rule parse_published:
    """Checks the printed numbers (their data package, their forms, their place in the article) and the
    claims in words (their sections, tests and parameters), and parses the printed numbers.  It runs
    beside the raw checks, and its parsed table is part of its report."""
    input:
        code=code_of("analysis.contract.published"),
        manifest=source(f"{PUB}/datapackage.json"),
        table=source(f"{PUB}/printed_numbers.csv"),
        claims=source(f"{PUB}/claims.csv"),
    output:
        report=CHECKS[1],
        table=f"{OUT}/validated/published.csv",
    log:
        f"{LOGS}/parse_published.log",
    params:
        content=content("parse_published"),
    conda:
        STEPS_ENV
    shell:
        step("contract.published --manifest {input.manifest:q} --input {input.table:q} --claims {input.claims:q}"
             " --report {output.report:q} --out {output.table:q}")


rule compute_arms:
    """The arms-import series in each SIPRI release, its periods, Russia's shares and the published
    statements of those shares, as a fragment of the registry."""
    input:
        code=code_of("analysis.compute.arms"),
        checked=CHECKS,
        wdi_2026=source(f"{RAW}/arms/wdi_2026-04-08_VNM_row.csv"),
        wdi_2020=source(f"{RAW}/arms/wdi_1745336_VNM_row.csv"),
        sipri_table=source(f"{RAW}/arms/sipri_tiv_table_justin2028_VietNam_row.csv"),
        sipri_rus=source(f"{RAW}/arms/sipri_tiv_export_RUS_gen2022-07-28_VietNam_row.csv"),
        sipri_usr=source(f"{RAW}/arms/sipri_tiv_export_USR_gen2022-07-28_VietNam_row.csv"),
        register=source(f"{RAW}/arms/sipri_register_2025-01-03_VietNam_rows.csv"),
        statements=source(f"{RAW}/arms/share_statements.csv"),
        sources=source(f"{RAW}/arms/sources.csv"),
    output:
        series=f"{OUT}/arms_series.csv",
        periods=f"{OUT}/arms_periods.csv",
        numbers=f"{OUT}/numbers/arms.json",
    log:
        f"{LOGS}/compute_arms.log",
    params:
        content=content("compute_arms"),
    conda:
        STEPS_ENV
    shell:
        step("compute.arms --checked {input.checked:q} --wdi-2026 {input.wdi_2026:q} --wdi-2020 {input.wdi_2020:q}"
             " --sipri-table {input.sipri_table:q} --sipri-rus {input.sipri_rus:q} --sipri-usr {input.sipri_usr:q}"
             " --register {input.register:q} --statements {input.statements:q} --sources {input.sources:q}"
             " --out-series {output.series:q} --out-periods {output.periods:q}"
             " --out-numbers {output.numbers:q}")


rule compute_trade:
    """Table 1: each partner's goods trade chosen among the sources by a stated rule, every alternative
    figure, the partner-side figures converted at the year's average rate, and the published rankings."""
    input:
        code=code_of("analysis.compute.trade"),
        checked=CHECKS,
        trade=source(f"{RAW}/trade/vietnam_trade_by_partner.csv"),
        local=source(f"{RAW}/trade/partner_side_local_currency.csv"),
        sources=source(f"{RAW}/trade/sources.csv"),
        fx=source(f"{RAW}/fx/ecb_eurofxref_2024_USD_SGD.csv"),
        statements=source(f"{RAW}/trade/published_statements.csv"),
    output:
        table=f"{OUT}/table1.csv",
        candidates=f"{OUT}/trade_candidates.csv",
        numbers=f"{OUT}/numbers/trade.json",
    log:
        f"{LOGS}/compute_trade.log",
    params:
        content=content("compute_trade"),
    conda:
        STEPS_ENV
    shell:
        step("compute.trade --checked {input.checked:q} --trade {input.trade:q} --local {input.local:q}"
             " --sources {input.sources:q} --fx {input.fx:q} --statements {input.statements:q}"
             " --out-table {output.table:q}"
             " --out-candidates {output.candidates:q} --out-numbers {output.numbers:q}")


rule compute_fdi:
    """Table 2: shares, implied 2024 bases, changes and ranks from the printed 2025 values and the
    sourced totals and 2024 values, and Russia's cumulative investment at each date."""
    input:
        code=code_of("analysis.compute.fdi"),
        checked=CHECKS,
        fdi=source(f"{RAW}/fdi/fdi_by_partner.csv"),
        sources=source(f"{RAW}/fdi/sources.csv"),
        published=f"{OUT}/validated/published.csv",
        printed=source(f"{PUB}/printed_numbers.csv"),
    output:
        table=f"{OUT}/table2.csv",
        numbers=f"{OUT}/numbers/fdi.json",
    log:
        f"{LOGS}/compute_fdi.log",
    params:
        content=content("compute_fdi"),
    conda:
        STEPS_ENV
    shell:
        step("compute.fdi --checked {input.checked:q} --fdi {input.fdi:q} --sources {input.sources:q}"
             " --published {input.published:q} --printed-source {input.printed:q} --out-table {output.table:q}"
             " --out-numbers {output.numbers:q}")


rule build_computed_registry:
    """The computed numbers in one registry, read by the audit; refuses a key promised and not written."""
    input:
        code=code_of("analysis.registry"),
        fragments=[f"{OUT}/numbers/{s}.json" for s in ("arms", "trade", "fdi")],
    output:
        f"{OUT}/computed.json",
    log:
        f"{LOGS}/build_computed_registry.log",
    params:
        content=content("build_computed_registry"),
    conda:
        STEPS_ENV
    shell:
        step("registry {input.fragments:q} --promise --out {output:q}")


rule audit_numbers:
    """Every printed number judged by a stated rule against its recomputed value, with its basis,
    authority, alternative verdict and reason."""
    input:
        code=code_of("analysis.audit.numbers"),
        published=f"{OUT}/validated/published.csv",
        printed=source(f"{PUB}/printed_numbers.csv"),
        registry=f"{OUT}/computed.json",
        checked=CHECKS,
        sources=SOURCES_CSV,
    output:
        audit=f"{OUT}/audit.csv",
        numbers=f"{OUT}/numbers/audit.json",
    log:
        f"{LOGS}/audit_numbers.log",
    params:
        content=content("audit_numbers"),
    conda:
        STEPS_ENV
    shell:
        step("audit.numbers --published {input.published:q} --printed-source {input.printed:q} --registry {input.registry:q}"
             " --checked {input.checked:q} --sources {input.sources:q} --out {output.audit:q}"
             " --out-numbers {output.numbers:q}")


rule check_claims:
    """The claims in words, each judged by a stated rule from the computed numbers; writes the claims table."""
    input:
        code=code_of("analysis.audit.claims"),
        checked=CHECKS,
        claims=source(f"{PUB}/claims.csv"),
        registry=f"{OUT}/computed.json",
        audit=f"{OUT}/numbers/audit.json",
        sources=SOURCES_CSV,
    output:
        table=f"{OUT}/claims.csv",
        numbers=f"{OUT}/numbers/claims.json",
        part="manuscript/_generated/claims.md",
        part_vi="manuscript/_generated/vi/claims.md",
    log:
        f"{LOGS}/check_claims.log",
    params:
        content=content("check_claims"),
    conda:
        STEPS_ENV
    shell:
        step("audit.claims --claims {input.claims:q} --checked {input.checked:q} --registry {input.registry:q}"
             " --audit-numbers {input.audit:q} --sources {input.sources:q} --out {output.table:q}"
             " --out-numbers {output.numbers:q} --out-part {output.part:q} --out-part-vi {output.part_vi:q}")


rule write_report:
    """The replication report (AEA Data Editor's shape) in both languages, the manuscript's parts with shortcodes,
    and the summary of findings, every count, cause and class of it generated."""
    input:
        code=code_of("analysis.audit.report"),
        registry=f"{OUT}/computed.json",
        audit=f"{OUT}/audit.csv",
        audit_numbers=f"{OUT}/numbers/audit.json",
        claims=f"{OUT}/claims.csv",
        claims_numbers=f"{OUT}/numbers/claims.json",
        manifest=f"{RAW}/datapackage.json",
        sources=SOURCES_CSV,
        snakefile="Snakefile",
        pyproject="pyproject.toml",
    output:
        report=f"{OUT}/replication_report.md",
        report_vi=f"{OUT}/replication_report.vi.md",
        env=f"{OUT}/environment.json",
        numbers=f"{OUT}/numbers/report.json",
        part="manuscript/_generated/report.md",
        rules="manuscript/_generated/rules.md",
        part_vi="manuscript/_generated/vi/report.md",
        rules_vi="manuscript/_generated/vi/rules.md",
        summary="manuscript/_generated/summary.md",
        summary_vi="manuscript/_generated/vi/summary.md",
    log:
        f"{LOGS}/write_report.log",
    params:
        content=content("write_report"),
    conda:
        STEPS_ENV
    shell:
        step("audit.report --registry {input.registry:q} --audit {input.audit:q} --audit-numbers {input.audit_numbers:q}"
             " --claims {input.claims:q} --claims-numbers {input.claims_numbers:q} --manifest {input.manifest:q}"
             " --sources {input.sources:q} --snakefile {input.snakefile:q} --pyproject {input.pyproject:q}"
             " --out {output.report:q} --out-vi {output.report_vi:q} --out-env {output.env:q}"
             " --out-numbers {output.numbers:q} --out-part {output.part:q} --out-rules {output.rules:q}"
             " --out-part-vi {output.part_vi:q} --out-rules-vi {output.rules_vi:q}"
             " --out-summary {output.summary:q} --out-summary-vi {output.summary_vi:q}")


rule build_registry:
    """Every number the manuscript may show: the computed ones, the audit's, the claims' and the report's."""
    input:
        code=code_of("analysis.registry"),
        fragments=[f"{OUT}/numbers/{s}.json" for s in ("arms", "trade", "fdi", "audit", "claims", "report")],
    output:
        f"{OUT}/numbers.json",
    log:
        f"{LOGS}/build_registry.log",
    params:
        content=content("build_registry"),
    conda:
        STEPS_ENV
    shell:
        step("registry {input.fragments:q} --out {output:q}")


rule check_manuscript_claims:
    """Every asserted sentence of the two editions (a vouch span or div) evaluated against the registry:
    a sentence that no longer holds stops the build before the render, named by file, line and text.
    The syntax: analysis/manuscript/assertions.py."""
    input:
        code=code_of("analysis.manuscript.assertions"),
        registry=f"{OUT}/numbers.json",
        qmd=[f"manuscript/{q}" for q in DOCUMENTS.values()],
    output:
        MANUSCRIPT_CLAIMS,
    log:
        f"{LOGS}/check_manuscript_claims.log",
    params:
        content=content("check_manuscript_claims"),
    conda:
        STEPS_ENV
    shell:
        step("manuscript.assertions --registry {input.registry:q} --qmd {input.qmd:q} --report {output:q}")


rule plot_figures:
    """The figures in both editions' words (the Vietnamese with the suffix _vi), with the SVG copies the
    manuscript shows.  They plot the series and Table 1 against the printed numbers, so they draw beside
    the audit rather than after it, and the manuscript's parts do not wait for them."""
    input:
        code=code_of("analysis.manuscript.figures"),
        series=f"{OUT}/arms_series.csv",
        printed=f"{OUT}/validated/published.csv",
        table1=f"{OUT}/table1.csv",
    output:
        FIGURES,
        FIGURE_COPIES,
    log:
        f"{LOGS}/plot_figures.log",
    params:
        content=content("plot_figures"),
        outdir=lambda w, output: Path(output[0]).parent,
        copy_to=lambda w, output: Path(output[-1]).parent,
    conda:
        STEPS_ENV
    shell:
        step("manuscript.figures --series {input.series:q} --printed {input.printed:q} --table1 {input.table1:q}"
             " --outdir {params.outdir:q} --copy-svg-to {params.copy_to:q}")


rule write_manuscript_parts:
    """The manuscript's generated parts in both editions: the replicated tables, the audit and claims
    tables, the data statement, the bibliography of sources and the lineage."""
    input:
        code=code_of("analysis.manuscript.parts"),
        registry=f"{OUT}/numbers.json",
        audit=f"{OUT}/audit.csv",
        table1=f"{OUT}/table1.csv",
        table2=f"{OUT}/table2.csv",
        # every key each edition shows gets a lineage entry in that edition
        qmd=["manuscript/index.qmd", *(p for p in AUDIT_PARTS if "/vi/" not in p)],
        qmd_vi=["manuscript/index.vi.qmd", *(p for p in AUDIT_PARTS if "/vi/" in p)],
        manifests=[f"{RAW}/datapackage.json", f"{PUB}/datapackage.json"],
        sources=SOURCES_CSV,
    output:
        PARTS,
    log:
        f"{LOGS}/write_manuscript_parts.log",
    params:
        content=content("write_manuscript_parts"),
        written=written_in("manuscript/_generated"),
        outdir=lambda w, output: Path(output[0]).parent,
    conda:
        STEPS_ENV
    shell:
        step("manuscript.parts --registry {input.registry:q} --audit {input.audit:q} --table1 {input.table1:q}"
             " --table2 {input.table2:q} --qmd {input.qmd:q} --qmd-vi {input.qmd_vi:q}"
             " --manifests {input.manifests:q} --sources {input.sources:q} --outdir {params.outdir:q}",
             folder="manuscript/_generated")


rule write_verdicts:
    """Every verdict as a schema.org ClaimReview of the article's words, in each edition's language: JSON-LD
    files, and the HTML header include that each edition's front matter names."""
    input:
        code=code_of("analysis.audit.claimreview"),
        audit=f"{OUT}/audit.csv",
        claims=f"{OUT}/claims.csv",
        registry=f"{OUT}/numbers.json",
        bib="manuscript/references.bib",
        citation="CITATION.cff",
        pyproject="pyproject.toml",
    output:
        jsonld=VERDICTS[0],
        jsonld_vi=VERDICTS[1],
        html=VERDICT_PARTS[0],
        html_vi=VERDICT_PARTS[1],
    log:
        f"{LOGS}/write_verdicts.log",
    params:
        content=content("write_verdicts"),
    conda:
        STEPS_ENV
    shell:
        step("audit.claimreview --audit {input.audit:q} --claims {input.claims:q} --registry {input.registry:q}"
             " --bib {input.bib:q} --citation {input.citation:q} --pyproject {input.pyproject:q}"
             " --out {output.jsonld:q} --out-vi {output.jsonld_vi:q} --out-html {output.html:q}"
             " --out-html-vi {output.html_vi:q}")


# The rules of the derived build, every one defined above: the run crate lists their outputs and inputs.
BUILD_RULES = [r for r in workflow.rules if r.output and not r.has_wildcards()]


rule render_manuscript:
    """The manuscript, HTML and PDF (snakemake -c2 render_manuscript): two jobs per edition, run in parallel,
    and the editions' lineage pages."""
    input:
        MANUSCRIPT,


rule render_digest:
    """The digest of everything the render reads, written where _quarto.yml includes it (HTML meta, PDF keywords)."""
    input:
        code=code_of("analysis.manuscript.render"),
        claims_hold=MANUSCRIPT_CLAIMS,
        registry=f"{OUT}/numbers.json",
        parts=PARTS + AUDIT_PARTS + FIGURE_COPIES + VERDICT_PARTS,
        sources=RENDER_SOURCES,
        project=["pyproject.toml", "CITATION.cff"],
    output:
        html="manuscript/_generated/digest.html",
        typst="manuscript/_generated/digest.typ",
        typst_vi="manuscript/_generated/vi/digest.typ",
        meta="manuscript/_generated/build.yml",
    log:
        f"{LOGS}/render_digest.log",
    params:
        content=content("render_digest"),
        written=written_in("manuscript/_generated"),
    conda:
        "analysis/environment.yaml"
    shell:
        step("manuscript.render --root . --out-html {output.html:q} --out-typst {output.typst:q} --out-meta {output.meta:q}",
             folder="manuscript/_generated")


def render_command(fmt, ext):
    """Render one document to one format in its own copy of the manuscript folder (two Quarto processes
    in one project lock each other out of its cache), then copy the file to docs/: the HTML with the
    popovers' data put in its slot (analysis/manuscript/render.py, fill_popovers)."""
    job = f"manuscript/_output/{fmt}-{{wildcards.doc}}"
    rendered = f"{job}/_output/{{params.stem:q}}.{ext}"
    copy = (f"{PY} -m analysis.manuscript.render --fill {rendered} {{input.popovers:q}} {{output:q}}" if ext == "html"
            else f"cp {rendered} {{output:q}}")
    return (f"( set -x; {PY} -m analysis.manuscript.render --root . --stage {job} && cd {job}"
            f" && {{params.quarto}} render {{params.qmd:q}} --to {fmt} && cd - >/dev/null && {copy} ) > {{log:q}} 2>&1"
            " || {{ tail -n 5 {log:q} >&2; exit 1; }}")


rule render_html:
    input:
        digest=rules.render_digest.output,
        popovers=lambda w: f"manuscript/_generated/{'vi/' if w.doc == 'vi' else ''}lineage_data.md",
        code=code_of("analysis.manuscript.render"),  # it stages the render's copy of the manuscript
        registry=f"{OUT}/numbers.json",
        parts=PARTS + AUDIT_PARTS + FIGURE_COPIES + VERDICT_PARTS,
        sources=RENDER_SOURCES,
    output:
        "docs/{doc}.html",
    wildcard_constraints:
        doc="|".join(DOCUMENTS),
    log:
        f"{LOGS}/render_html_{{doc}}.log",
    conda:
        "manuscript/environment.yaml"
    params:
        quarto=shlex.quote(QUARTO or "quarto"),
        qmd=lambda w: DOCUMENTS[w.doc],
        stem=lambda w: Path(DOCUMENTS[w.doc]).stem,
    shell:
        render_command("html", "html")


rule render_pdf:
    input:
        digest=rules.render_digest.output,
        code=code_of("analysis.manuscript.render"),  # it stages the render's copy of the manuscript
        registry=f"{OUT}/numbers.json",
        parts=PARTS + AUDIT_PARTS + FIGURE_COPIES + VERDICT_PARTS,
        sources=RENDER_SOURCES,
    output:
        "docs/{doc}.pdf",
    wildcard_constraints:
        doc="|".join(DOCUMENTS),
    log:
        f"{LOGS}/render_pdf_{{doc}}.log",
    conda:
        "manuscript/environment.yaml"
    params:
        quarto=shlex.quote(QUARTO or "quarto"),
        qmd=lambda w: DOCUMENTS[w.doc],
        stem=lambda w: Path(DOCUMENTS[w.doc]).stem,
    shell:
        render_command("typst", "pdf")


rule write_lineage_pages:
    """Each edition's lineage, a page of its own: plain HTML from the edition's lineage entries, with the
    build's record and the render's digest, written without Quarto (so it adds nothing to the render's time).
    Not a stamped step: like the render, it writes the shipped docs/, which a fresh clone holds unstamped."""
    input:
        code=code_of("analysis.manuscript.lineage_page"),
        body_en="manuscript/_generated/lineage.html",
        body_vi="manuscript/_generated/vi/lineage.html",
        build=rules.render_digest.output.meta,
        digest=rules.render_digest.output.html,
    output:
        en=PAGES["en"],
        vi=PAGES["vi"],
    log:
        f"{LOGS}/write_lineage_pages.log",
    conda:
        STEPS_ENV
    shell:
        (f"( set -x; {PY} -m analysis.manuscript.lineage_page --lang en --body {{input.body_en:q}} --build {{input.build:q}}"
         f" --digest {{input.digest:q}} --out {{output.en:q}} && {PY} -m analysis.manuscript.lineage_page --lang vi"
         f" --body {{input.body_vi:q}} --build {{input.build:q}} --digest {{input.digest:q}} --out {{output.vi:q}}"
         " ) > {log:q} 2>&1 || {{ tail -n 5 {log:q} >&2; exit 1; }}")


# Every product of the derived build, and every other file its steps read (code, manuscript sources).
PRODUCTS = sorted({str(f) for r in BUILD_RULES for f in r.output})
PUBLISHED_FILES = sorted(str(p) for p in Path(PUB).rglob("*") if p.is_file())
READ_BY_STEPS = sorted({str(f) for r in BUILD_RULES for f in r.input if isinstance(f, str)} - set(PRODUCTS) - set(raw_files())
                       - set(PUBLISHED_FILES))
ABOUT = ["README.md", "CITATION.cff", "LICENSE", "pyproject.toml", "requirements.lock"]  # the package's own description


rule write_run_crate:
    """The build's Workflow Run Crate (RO-Crate 1.1): the workflow, every input with its checksum and sources,
    every product, the run and each rule's run, the software that ran.  Its timestamps are the jobs' own
    (Snakemake's records), or SOURCE_DATE_EPOCH when that is set."""
    input:
        code=code_of("analysis.package.crate"),
        citation="CITATION.cff",
        pyproject="pyproject.toml",
        workflow="Snakefile",
        manifests=[f"{RAW}/datapackage.json", f"{PUB}/datapackage.json"],
        inputs=raw_files() + PUBLISHED_FILES,
        read=READ_BY_STEPS,
        about=ABOUT,
        products=PRODUCTS,
    output:
        CRATE,
    log:
        f"{LOGS}/write_run_crate.log",
    params:
        content=content("write_run_crate"),
        metadata=".snakemake/metadata",
    conda:
        STEPS_ENV
    shell:
        step("package.crate --citation {input.citation:q} --pyproject {input.pyproject:q} --workflow {input.workflow:q}"
             " --manifests {input.manifests:q} --inputs {input.inputs:q} --code {input.read:q} {input.code:q}"
             " --products {input.products:q} --about {input.about:q} --metadata {params.metadata:q} --out {output:q}")


# The files of the deposit archive: the repository's own, as a fresh clone holds them (from git, or from the
# .gitignore files where there is no git).  Listed only when the archive is asked for (input functions run
# only for the jobs a build needs), so that no other build pays for the listing.
from functools import cache

from analysis.package.deposit import listed_files, CRATE_NAME
from analysis.io import sha256


@cache
def deposit_files():
    """(the files the archive takes as inputs, the shipped render): the shipped render is the render rules'
    output, and as an input here it would make the deposit re-render the manuscript; the archive takes it as
    shipped, and its content, hashed into a parameter, reruns the deposit when it changes."""
    listed = [f for f in listed_files(".") if f != CRATE_NAME]
    return [f for f in listed if f not in MANUSCRIPT], [f for f in listed if f in MANUSCRIPT]


rule deposit:
    """The archive a journal's repository takes (snakemake -c2 deposit): code, inputs, the shipped render,
    README, citation, licence, lock and the run crate at its root; no build output, no .git."""
    input:
        code=code_of("analysis.package.deposit"),
        crate=CRATE,
        pyproject="pyproject.toml",
        files=lambda w: deposit_files()[0],
    output:
        f"{OUT}/deposit.zip",
    log:
        f"{LOGS}/deposit.log",
    params:
        content=content("deposit"),
        shipped=lambda w: " ".join(f"{f}:{sha256(f)}" for f in deposit_files()[1]),
    conda:
        STEPS_ENV
    shell:
        step("package.deposit --root . --crate {input.crate:q} --pyproject {input.pyproject:q} --out {output:q}")


def cancel_pending_timers():
    """Snakemake's scheduler arms a one-second re-evaluation timer on every pass (a threading.Timer, not a
    daemon), so a finished build waited up to a second for the last one before it exited: a fifth of a
    cold build.  Once the build has ended, nothing is left for such a timer to re-evaluate."""
    for thread in threading.enumerate():
        if isinstance(thread, threading.Timer):
            thread.cancel()


def check_environment(found=None):
    """Refuse, before any job runs, an environment the build cannot finish in (analysis/package/preflight.py):
    one line each, what to change, and nothing written."""
    from analysis.package.preflight import problems

    found = problems() if found is None else found
    for line in found:
        print(f"Environment: {line}", file=sys.stderr)
    if found:
        sys.exit(1)


onstart:
    check_environment()


# An output folder that is a file stops every Snakemake command, a dry run too: said here, when the
# Snakefile is read, in one line (the other checks, above, wait for a run that executes).
from analysis.package.preflight import layout

check_environment(layout())


onsuccess:
    if not QUARTO:
        print("\nThe manuscript was NOT rendered: Quarto is not installed. Everything else is built.\n"
              "Read the shipped render in docs/, or install Quarto >= 1.7 (`python -m analysis.package.install_quarto`, "
              "or https://quarto.org/docs/get-started/) and run `snakemake -c2` again.",
              file=sys.stderr)
    cancel_pending_timers()


onerror:
    cancel_pending_timers()


# A file a rule names is missing, or a file name has a brace: Snakemake would stop (on the missing input,
# or on a wildcard it cannot fill) before any check runs, so the input checks speak here first, in their
# own words (file, rule broken), as they would in the build.
if any(not Path(p).is_file() for p in READ) or any(
        "{" in p.name or "}" in p.name for d in (RAW, PUB) for p in Path(d).rglob("*")):
    from analysis.contract.validate import ValidationError, validate_package

    try:
        for package in (f"{RAW}/datapackage.json", f"{PUB}/datapackage.json"):
            validate_package(package)
    except ValidationError as err:
        print(err, file=sys.stderr)
        sys.exit(1)
    except Exception as exc:  # never a traceback for a bad input
        print(f"Invalid input: the input check stopped on {type(exc).__name__}: {exc} [rule: validator]",
              file=sys.stderr)
        sys.exit(1)



# Recovery from a killed run, which Snakemake leaves to the user (`snakemake --unlock`).  A run killed before it
# could release Snakemake's locks (kill -9, out of memory, a closed laptop) leaves them in .snakemake/locks/,
# and every later run would stop on them.  A run that executes jobs (never a dry run, a listing, a graph or a
# lint) and is the only live Snakemake of this workflow in this folder removes them, with the half-written
# files of killed steps, while Snakemake builds its graph and before it takes its own locks: running the same
# command again finishes the build (rerun-incomplete, in the profile, redoes what the killed jobs left).  Each
# such run holds a shared lock on .snakemake/run.flock for its whole life (the kernel drops it when the process
# dies, even by kill -9): one that can take it exclusively knows that no other runs.
RUN_LOCK = None


def executes():
    """True in a run that executes jobs: not a dry run, a listing, a graph, a summary or a lint."""
    return (workflow.is_main_process and getattr(workflow, "executor_plugin", None) is not None
            and not workflow.dryrun and not workflow.touch)


def recover_killed_run():
    """Called while Snakemake builds the graph (from validate_raw's input, which every build reaches)."""
    global RUN_LOCK
    if RUN_LOCK is not None or not executes():
        return
    try:
        import fcntl

        Path(".snakemake").mkdir(exist_ok=True)
        RUN_LOCK = open(".snakemake/run.flock", "a")
    except (ImportError, OSError):  # no flock on this system, or a read-only folder: leave everything as it is
        RUN_LOCK = False
        return
    try:
        fcntl.flock(RUN_LOCK, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        fcntl.flock(RUN_LOCK, fcntl.LOCK_SH)  # another run is live: its locks and outputs are its own
        return
    locks = list(Path(".snakemake/locks").glob("*.lock"))
    for lock in locks:
        lock.unlink(missing_ok=True)
    if locks:
        print("Removed the locks of a Snakemake run that was killed before it could release them.", file=sys.stderr)
    for tmp in [*Path(OUT).rglob(".*.tmp"), *Path("manuscript/_generated").rglob(".*.tmp")]:
        tmp.unlink(missing_ok=True)  # a killed step's half-written file (io.write_bytes_atomic)
    fcntl.flock(RUN_LOCK, fcntl.LOCK_SH)  # from here on, another run may start beside this one
