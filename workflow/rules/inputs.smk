# The input checks: every raw input against its manifest, and the printed numbers and claims of the article.
# Every step that reads an input waits for both reports (CHECKS).


rule validate_raw:
    """Checks every raw input against the manifest: listed, checksum, schema, plausible values, the rows
    each step needs, and the cross-row rules."""
    input:
        code_of("analysis.contract.validate"),
        lambda w: recover_killed_run() or raw_files(),  # every file there: the check refuses one not listed
        descriptors=source(f"{RAW}/datapackage.json"),
    output:
        report=CHECKS[0],
    log:
        f"{LOGS}/validate_raw.log",
    params:
        content=content("validate_raw"),
        args=arguments,
    conda:
        STEPS_ENV
    shell:
        step("contract.validate")


rule parse_published:
    """Checks the printed numbers (their data package, their forms, their place in the article) and the
    claims in words (their sections, tests and parameters), and parses the printed numbers.  It runs
    beside the raw checks, and its parsed table is part of its report."""
    input:
        code_of("analysis.contract.published"),
        # the article's reference list: checked with its data package (the manifest lists it), not an option
        source(f"{PUB}/references.csv"),
        manifest=source(f"{PUB}/datapackage.json"),
        input=source(f"{PUB}/printed_numbers.csv"),
        claims=source(f"{PUB}/claims.csv"),
    output:
        report=CHECKS[1],
        out=f"{OUT}/validated/published.csv",
    log:
        f"{LOGS}/parse_published.log",
    params:
        content=content("parse_published"),
        args=arguments,
    conda:
        STEPS_ENV
    shell:
        step("contract.published")
