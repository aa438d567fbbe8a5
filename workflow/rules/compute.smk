# The computations of the article's numbers from the checked inputs: the arms series, Table 1, Table 2,
# and the registry of computed numbers that the audit reads.


rule compute_arms:
    """The arms-import series in each SIPRI release, its periods, Russia's shares and the published
    statements of those shares, as a fragment of the registry."""
    input:
        code_of("analysis.compute.arms"),
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
        out_series=f"{OUT}/arms_series.csv",
        out_periods=f"{OUT}/arms_periods.csv",
        out_numbers=f"{OUT}/numbers/arms.json",
    log:
        f"{LOGS}/compute_arms.log",
    params:
        content=content("compute_arms"),
        args=arguments,
    conda:
        STEPS_ENV
    shell:
        step("compute.arms")


rule compute_trade:
    """Table 1: each partner's goods trade chosen among the sources by a stated rule, every alternative
    figure, the partner-side figures converted at the year's average rate, and the published rankings."""
    input:
        code_of("analysis.compute.trade"),
        checked=CHECKS,
        trade=source(f"{RAW}/trade/vietnam_trade_by_partner.csv"),
        local=source(f"{RAW}/trade/partner_side_local_currency.csv"),
        sources=source(f"{RAW}/trade/sources.csv"),
        fx=source(f"{RAW}/fx/ecb_eurofxref_2024_USD_SGD.csv"),
        statements=source(f"{RAW}/trade/published_statements.csv"),
    output:
        out_table=f"{OUT}/table1.csv",
        out_candidates=f"{OUT}/trade_candidates.csv",
        out_numbers=f"{OUT}/numbers/trade.json",
    log:
        f"{LOGS}/compute_trade.log",
    params:
        content=content("compute_trade"),
        args=arguments,
    conda:
        STEPS_ENV
    shell:
        step("compute.trade")


rule compute_fdi:
    """Table 2: shares, implied 2024 bases, changes and ranks from the printed 2025 values and the
    sourced totals and 2024 values, and Russia's cumulative investment at each date."""
    input:
        code_of("analysis.compute.fdi"),
        checked=CHECKS,
        fdi=source(f"{RAW}/fdi/fdi_by_partner.csv"),
        sources=source(f"{RAW}/fdi/sources.csv"),
        published=f"{OUT}/validated/published.csv",
        printed_source=source(f"{PUB}/printed_numbers.csv"),
    output:
        out_table=f"{OUT}/table2.csv",
        out_numbers=f"{OUT}/numbers/fdi.json",
    log:
        f"{LOGS}/compute_fdi.log",
    params:
        content=content("compute_fdi"),
        args=arguments,
    conda:
        STEPS_ENV
    shell:
        step("compute.fdi")


rule build_computed_registry:
    """The computed numbers in one registry, read by the audit; refuses a key promised and not written."""
    input:
        code_of("analysis.registry"),
        fragments=[f"{OUT}/numbers/{s}.json" for s in ("arms", "trade", "fdi")],
    output:
        out=f"{OUT}/computed.json",
    log:
        f"{LOGS}/build_computed_registry.log",
    params:
        content=content("build_computed_registry"),
        args=arguments,
    conda:
        STEPS_ENV
    shell:
        step("registry", "--promise")
