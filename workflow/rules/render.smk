# The render: the digest of everything it reads, each edition in HTML and PDF by Quarto (docs/), and each
# edition's lineage page.  Not part of the derived build (`snakemake -c2 derived`); it needs Quarto.


rule render_manuscript:
    """The manuscript, HTML and PDF (snakemake -c2 render_manuscript): two jobs per edition, run in parallel,
    and the editions' lineage pages."""
    input:
        MANUSCRIPT,


rule render_digest:
    """The digest of everything the render reads, written where _quarto.yml includes it (HTML meta, a line at the PDF's end)."""
    input:
        code_of("analysis.manuscript.render"),
        MANUSCRIPT_CLAIMS,  # the render waits for the manuscript's sentences to hold
        f"{OUT}/numbers.json",
        PARTS + AUDIT_PARTS + FIGURE_COPIES + VERDICT_PARTS,
        RENDER_SOURCES,
        ["pyproject.toml", "CITATION.cff", "requirements.lock"],
    output:
        "manuscript/_generated/vi/digest.typ",  # written beside out_typst, for the Vietnamese edition
        out_html="manuscript/_generated/digest.html",
        out_typst="manuscript/_generated/digest.typ",
        out_meta="manuscript/_generated/build.yml",
    log:
        f"{LOGS}/render_digest.log",
    params:
        content=content("render_digest"),
        args=arguments,
        written=written_in("manuscript/_generated"),
    conda:
        STEPS_ENV
    shell:
        step("manuscript.render", "--root .", folder="manuscript/_generated")


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
        RENDER_ENV
    params:
        quarto=shlex.quote(QUARTO or "quarto"),
        qmd=lambda w: DOCUMENTS[w.doc],
        stem=lambda w: Path(DOCUMENTS[w.doc]).stem,
    shell:
        render_command("html", "html")


rule render_pdf:
    input:
        digest=rules.render_digest.output,
        project="pyproject.toml",  # the package's name, of which the PDF's document ID is made (render.stable_pdf_id)
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
        RENDER_ENV
    params:
        quarto=shlex.quote(QUARTO or "quarto"),
        qmd=lambda w: DOCUMENTS[w.doc],
        stem=lambda w: Path(DOCUMENTS[w.doc]).stem,
    shell:
        render_command("typst", "pdf")


rule write_lineage_pages:
    """Each edition's lineage, a page of its own: plain HTML from the edition's lineage entries, with the
    build's record and the render's digest, written without Quarto (so it adds nothing to the render's time).
    Not a checked step: like the render, it writes the shipped docs/, which a fresh clone holds unbuilt."""
    input:
        code=code_of("analysis.manuscript.lineage_page"),
        body_en="manuscript/_generated/lineage.html",
        body_vi="manuscript/_generated/vi/lineage.html",
        build=rules.render_digest.output.out_meta,
        digest=rules.render_digest.output.out_html,
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
