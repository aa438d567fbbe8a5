# The manuscript's generated parts: its asserted sentences checked against the registry, the figures, the
# tables and other parts of both editions, and the verdicts as ClaimReview.


rule check_manuscript_claims:
    """Every asserted sentence of the two editions (a vouch span or div) evaluated against the registry:
    a sentence that no longer holds stops the build before the render, named by file, line and text.
    The syntax: analysis/manuscript/assertions.py."""
    input:
        code_of("analysis.manuscript.assertions"),
        registry=f"{OUT}/numbers.json",
        qmd=[f"manuscript/{q}" for q in DOCUMENTS.values()],
    output:
        report=MANUSCRIPT_CLAIMS,
    log:
        f"{LOGS}/check_manuscript_claims.log",
    params:
        content=content("check_manuscript_claims"),
        args=arguments,
    conda:
        STEPS_ENV
    shell:
        step("manuscript.assertions")


rule plot_figures:
    """The figures in both editions' words (the Vietnamese with the suffix _vi), with the SVG copies the
    manuscript shows.  They plot the series and Table 1 against the printed numbers, so they draw beside
    the audit rather than after it, and the manuscript's parts do not wait for them."""
    input:
        code_of("analysis.manuscript.figures"),
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
        args=arguments,
        outdir=lambda w, output: Path(output[0]).parent,
        copy_to=lambda w, output: Path(output[-1]).parent,
    conda:
        STEPS_ENV
    shell:
        step("manuscript.figures", "--outdir {params.outdir:q} --copy-svg-to {params.copy_to:q}")


rule write_manuscript_parts:
    """The manuscript's generated parts in both editions: the replicated tables, the audit and claims
    tables, the data statement, the bibliography of sources and the lineage."""
    input:
        code_of("analysis.manuscript.parts"),
        registry=f"{OUT}/numbers.json",
        audit=f"{OUT}/audit.csv",
        table1=f"{OUT}/table1.csv",
        table2=f"{OUT}/table2.csv",
        # every key each edition shows gets a lineage entry in that edition
        qmd=["manuscript/index.qmd", *(p for p in AUDIT_PARTS if "/vi/" not in p)],
        qmd_vi=["manuscript/index.vi.qmd", *(p for p in AUDIT_PARTS if "/vi/" in p)],
        manifests=[f"{RAW}/datapackage.json", f"{PUB}/datapackage.json"],
        sources=SOURCES_CSV,
        # the input tables, for the lineage's rows (file and line) of each number
        rows=[source(f) for f in raw_files() if f.endswith(".csv")] + sorted(str(f) for f in Path(PUB).glob("*.csv")),
    output:
        PARTS,
    log:
        f"{LOGS}/write_manuscript_parts.log",
    params:
        content=content("write_manuscript_parts"),
        args=arguments,
        written=written_in("manuscript/_generated"),
        outdir=lambda w, output: Path(output[0]).parent,
    conda:
        STEPS_ENV
    shell:
        step("manuscript.parts", "--outdir {params.outdir:q}", folder="manuscript/_generated")


rule write_verdicts:
    """Every verdict as a schema.org ClaimReview of the article's words, in each edition's language: JSON-LD
    files, and the HTML header include that each edition's front matter names."""
    input:
        code_of("analysis.audit.claimreview"),
        audit=f"{OUT}/audit.csv",
        claims=f"{OUT}/claims.csv",
        registry=f"{OUT}/numbers.json",
        bib="manuscript/references.bib",
        citation="CITATION.cff",
    output:
        out=VERDICTS[0],
        out_vi=VERDICTS[1],
        out_html=VERDICT_PARTS[0],
        out_html_vi=VERDICT_PARTS[1],
    log:
        f"{LOGS}/write_verdicts.log",
    params:
        content=content("write_verdicts"),
        args=arguments,
    conda:
        STEPS_ENV
    shell:
        step("audit.claimreview")
