# Replication and audit of Tran (2026), top-down as the data flow:
#   raw inputs -> input checks -> arms series, Table 1, Table 2 -> registry of computed numbers
#   -> audit -> registry -> figures -> manuscript parts -> rendered manuscript (HTML and PDF) -> package.
# Each stage's rules are in a file of workflow/rules/, included below in that order.  Every rule runs one
# module of analysis/ as a program (`python -m analysis.<module>`), its options made from the rule's named
# inputs and outputs (each path written once, in the rule), and logs the exact command that ran and all it
# printed to data/derived/logs/<rule>.log.  Each rule's code inputs are its module and every project module
# that module imports (read from the imports), and its params hold the sha256 of everything it reads, so that
# an edited file reruns exactly the steps that read it, whatever its timestamp (workflow/rules/common.smk).


include: "workflow/rules/common.smk"  # paths, how a rule runs its step, the checks around a run


rule all:
    input:
        DERIVED,
        MANUSCRIPT if QUARTO else [],
    default_target: True


rule derived:
    """Everything but the render (what the benchmark times)."""
    input:
        DERIVED,


include: "workflow/rules/inputs.smk"  # validate_raw, parse_published
include: "workflow/rules/compute.smk"  # compute_arms, compute_trade, compute_fdi, build_computed_registry
include: "workflow/rules/audit.smk"  # audit_numbers, check_claims, write_report, build_registry
include: "workflow/rules/manuscript.smk"  # check_manuscript_claims, plot_figures, write_manuscript_parts, write_verdicts


# The rules of the derived build, every one defined above: the run crate lists their outputs and inputs.
BUILD_RULES = [r for r in workflow.rules if r.output and not r.has_wildcards()]


include: "workflow/rules/render.smk"  # render_digest, render_html, render_pdf, write_lineage_pages
include: "workflow/rules/package.smk"  # write_run_crate, deposit

check_named_inputs()
