# The audit: every printed number and every claim in words judged by a stated rule against the computed
# numbers, the replication report, and the registry of every number the manuscript may show.


rule audit_numbers:
    """Every printed number judged by a stated rule against its recomputed value, with its basis,
    authority, alternative verdict and reason."""
    input:
        code_of("analysis.audit.numbers"),
        published=f"{OUT}/validated/published.csv",
        printed_source=source(f"{PUB}/printed_numbers.csv"),
        registry=f"{OUT}/computed.json",
        checked=CHECKS,
        sources=SOURCES_CSV,
    output:
        out=f"{OUT}/audit.csv",
        out_numbers=f"{OUT}/numbers/audit.json",
    log:
        f"{LOGS}/audit_numbers.log",
    params:
        content=content("audit_numbers"),
        args=arguments,
    conda:
        STEPS_ENV
    shell:
        step("audit.numbers")


rule check_claims:
    """The claims in words, each judged by a stated rule from the computed numbers; writes the claims table."""
    input:
        code_of("analysis.audit.claims"),
        checked=CHECKS,
        claims=source(f"{PUB}/claims.csv"),
        registry=f"{OUT}/computed.json",
        audit_numbers=f"{OUT}/numbers/audit.json",
        sources=SOURCES_CSV,
        figures=source(f"{RAW}/context/figures.csv"),
        events=source(f"{RAW}/context/events.csv"),
        references=source(f"{PUB}/references.csv"),
    output:
        out=f"{OUT}/claims.csv",
        out_numbers=f"{OUT}/numbers/claims.json",
        out_part="manuscript/_generated/claims.md",
        out_part_vi="manuscript/_generated/vi/claims.md",
    log:
        f"{LOGS}/check_claims.log",
    params:
        content=content("check_claims"),
        args=arguments,
    conda:
        STEPS_ENV
    shell:
        step("audit.claims")


rule write_report:
    """The replication report (AEA Data Editor's shape) in both languages, the manuscript's parts with shortcodes,
    and the summary of findings, every count, cause and class of it generated."""
    input:
        code_of("analysis.audit.report"),
        registry=f"{OUT}/computed.json",
        audit=f"{OUT}/audit.csv",
        audit_numbers=f"{OUT}/numbers/audit.json",
        claims=f"{OUT}/claims.csv",
        claims_numbers=f"{OUT}/numbers/claims.json",
        manifest=f"{RAW}/datapackage.json",
        sources=SOURCES_CSV,
        snakefile=RULE_FILES,
        pyproject="pyproject.toml",
    output:
        out=f"{OUT}/replication_report.md",
        out_vi=f"{OUT}/replication_report.vi.md",
        out_env=f"{OUT}/environment.json",
        out_machine=f"{OUT}/machine.json",  # the machine's facts, apart from the products whose bytes are promised
        out_numbers=f"{OUT}/numbers/report.json",
        out_part="manuscript/_generated/report.md",
        out_rules="manuscript/_generated/rules.md",
        out_part_vi="manuscript/_generated/vi/report.md",
        out_rules_vi="manuscript/_generated/vi/rules.md",
        out_summary="manuscript/_generated/summary.md",
        out_summary_vi="manuscript/_generated/vi/summary.md",
    log:
        f"{LOGS}/write_report.log",
    params:
        content=content("write_report"),
        args=arguments,
    conda:
        STEPS_ENV
    shell:
        step("audit.report")


rule build_registry:
    """Every number the manuscript may show: the computed ones, the audit's, the claims' and the report's."""
    input:
        code_of("analysis.registry"),
        fragments=[f"{OUT}/numbers/{s}.json" for s in ("arms", "trade", "fdi", "audit", "claims", "report")],
    output:
        out=f"{OUT}/numbers.json",
    log:
        f"{LOGS}/build_registry.log",
    params:
        content=content("build_registry"),
        args=arguments,
    conda:
        STEPS_ENV
    shell:
        step("registry")
