# The package: the build's Workflow Run Crate, and the deposit archive a journal's repository takes.
# Every product of the derived build, and every other file its steps read (code, manuscript sources).
PRODUCTS = sorted({str(f) for r in BUILD_RULES for f in r.output})
PUBLISHED_FILES = sorted(str(p) for p in Path(PUB).rglob("*") if p.is_file())
READ_BY_STEPS = sorted({str(f) for r in BUILD_RULES for f in r.input if isinstance(f, str)} - set(PRODUCTS)
                       - set(raw_files()) - set(PUBLISHED_FILES))
ABOUT = ["README.md", "CITATION.cff", "LICENSE", "pyproject.toml", "requirements.lock"]  # the package's own description


rule write_run_crate:
    """The build's Workflow Run Crate (RO-Crate 1.1) at the repository's root: the workflow, every file of the
    package with its checksum, every input's sources, every product, the run and each rule's run, the software
    that ran.  Its times are the jobs' own (Snakemake's records); with SOURCE_DATE_EPOCH set it states none."""
    input:
        code_of("analysis.package.crate") + code_of("analysis.package.deposit"),
        lambda w: package_files()[0],  # every file of the package, which the crate lists
        citation="CITATION.cff",
        pyproject="pyproject.toml",
        lock="requirements.lock",
        workflow="Snakefile",
        manifests=[f"{RAW}/datapackage.json", f"{PUB}/datapackage.json"],
        inputs=raw_files() + PUBLISHED_FILES,
        code=READ_BY_STEPS + code_of("analysis.package.crate"),
        about=ABOUT,
        products=PRODUCTS,
    output:
        out=CRATE,
    log:
        f"{LOGS}/write_run_crate.log",
    params:
        content=content("write_run_crate"),
        args=arguments,
        shipped=lambda w: " ".join(f"{f}:{sha256(f)}" for f in package_files()[1]),
    conda:
        STEPS_ENV
    shell:
        step("package.crate", "--metadata .snakemake/metadata")


import tomllib

# WorkflowHub's name for a Workflow RO-Crate's zip: <anything>.crate.zip, the crate's metadata at its root.  Read
# where it can be: run from another folder, the input check says what is missing, not a traceback here.
_PROJECT = (tomllib.loads(Path("pyproject.toml").read_text(encoding="utf-8"))["project"]
            if Path("pyproject.toml").is_file() else {"name": "package", "version": "unknown"})
DEPOSIT = f"{OUT}/{_PROJECT['name']}-{_PROJECT['version']}.crate.zip"


rule deposit:
    """The archive a journal's repository takes (snakemake -c2 deposit): the package's tracked files (code,
    inputs, the shipped render, README, citation, licence, lock, tests) and the run crate at its root."""
    input:
        code_of("analysis.package.deposit"),
        lambda w: package_files()[0],  # every file of the archive
        crate=CRATE,
    output:
        out=DEPOSIT,
    log:
        f"{LOGS}/deposit.log",
    params:
        content=content("deposit"),
        args=arguments,
        shipped=lambda w: " ".join(f"{f}:{sha256(f)}" for f in package_files()[1]),
    conda:
        STEPS_ENV
    shell:
        step("package.deposit", "--root .")


rule verify:
    """The products in the tree against a clean rebuild of the raw inputs in a scratch copy, byte for byte, and
    the shipped render's digest (snakemake -c2 verify): names every file that differs, fails on any."""
    input:
        code_of("analysis.package.verify"),
        lambda w: recover_killed_run() or [],  # the locks of a killed run, as every build's first step does
    log:
        f"{LOGS}/verify.log",
    conda:
        STEPS_ENV
    shell:
        f"{PY} -m analysis.package.verify 2>&1 | tee {{log:q}}"
