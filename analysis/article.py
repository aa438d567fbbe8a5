"""The article's own shape, defined once: its sections, tables, rows, partners, periods and releases.

Every other module imports these instead of spelling them again, so that a partner, a
period or a table row has one definition.  `auditable_keys()` is the promise the compute
steps make: the registry keys that a printed number may name as its recomputed
counterpart.  The printed-number check refuses any other key (with its row), and the
registry build refuses a promise a step does not keep, so the two cannot drift apart.
"""
from __future__ import annotations

import re

# Sections of the article (Tran 2026) as numbered there.
SECTIONS = ("1", "2", "2.1", "2.2", "2.3", "3", "3.1", "3.2", "3.3", "4", "5")

# What a printed number belongs to: a table, the arms passage of §3.1, or the running text.
RESULTS = ("table1", "table2", "arms", "text")

# Table 1 (Bảng 1): Vietnam's goods trade with six partners, 2024.  slug -> (English, row as printed)
TRADE_PARTNERS = {
    "china": ("China", "Việt Nam – Trung Quốc"),
    "united_states": ("United States", "Việt Nam – Hoa Kỳ"),
    "south_korea": ("South Korea", "Việt Nam – Hàn Quốc"),
    "japan": ("Japan", "Việt Nam – Nhật Bản"),
    "singapore": ("Singapore", "Việt Nam – Singapore"),
    "russia": ("Russia", "Việt Nam – Nga"),
}
TRADE_YEAR = 2024

# Table 2 (Bảng 2): registered FDI by partner, 2025.  slug -> (English, row as printed, name in the raw data)
FDI_PARTNERS = {
    "singapore": ("Singapore", "Singapore", "Singapore"),
    "china": ("China", "Trung Quốc", "China"),
    "south_korea": ("South Korea", "Hàn Quốc", "South Korea"),
    "japan": ("Japan", "Nhật Bản", "Japan"),
    "hong_kong": ("Hong Kong", "Hồng Kông", "Hong Kong"),
    "malaysia": ("Malaysia", "Malaysia", "Malaysia"),
    "taiwan": ("Taiwan", "Đài Loan", "Taiwan"),
    "thailand": ("Thailand", "Thái Lan", None),
    "sweden": ("Sweden", "Thụy Điển", "Sweden"),
    "british_virgin_islands": ("British Virgin Islands", "BritishVirginIslands", None),
}
FDI_OTHER_ROWS = {"others": ("Other partners", "Các đối tác khác"), "total": ("Total", "Tổng số")}

TABLES = {
    "Bảng 1": {"result": "table1",
               "rows": [row for _, row in TRADE_PARTNERS.values()],
               "columns": ["Kim ngạch thương mại (USD)"]},
    "Bảng 2": {"result": "table2",
               "rows": [row for _, row, _ in FDI_PARTNERS.values()] + [row for _, row in FDI_OTHER_ROWS.values()],
               "columns": ["Tổng vốn đăng ký (triệu USD)", "Tăng/Giảm so với cùng kỳ",
                           "Tăng/giảm xếp hạng so với cùng kỳ"]},
}
# The article prints the total row of Table 2 one column to the right; the transcription says so.
SHIFTED = " (printed one column to the right)"

# The arms passage of §3.1: its three periods, the five-year blocks SIPRI reports, the years shown.
ARMS_PERIODS = ((2001, 2010), (2011, 2016), (2017, 2023))
FIVE_YEAR_BLOCKS = ((1995, 1999), (2000, 2004), (2005, 2009), (2010, 2014), (2015, 2019), (2020, 2023))
ARMS_YEARS = range(1995, 2025)
SUPPLIER_YEARS = range(1995, 2024)  # the supplier split ends with the register's last delivery year
# SIPRI releases kept apart (newest first): the World Bank copy of 2026 with the register of 2025,
# SIPRI's own tables of 2022, and an older World Bank copy.
RELEASES = ("current", "r2022", "r2020")


def table_row_slug(table: str, row: str) -> str:
    """The partner slug of a printed table row ('Việt Nam – Nga' -> 'russia')."""
    if table == "Bảng 1":
        return next(k for k, (_, r) in TRADE_PARTNERS.items() if r == row)
    rows = {r: k for k, (_, r, _) in FDI_PARTNERS.items()} | {r: k for k, (_, r) in FDI_OTHER_ROWS.items()}
    return rows[row]


# The structure of an arms key: a year's value (total, Russia's deliveries, Russia's share) or a statistic
# of a period, in one release (or in `{release}`, for a printed number).
ARMS_STAT = re.compile(r"^arms\.[^.]+\.(?:(total|russia|russia_share)\.(\d{4})|p(\d{4})_(\d{4})\.(\w+))$")


def arms_parts(key: str) -> dict:
    """Measure, year and period of an arms key ('arms.{release}.total.2015' -> total, 2015); {} for others."""
    m = ARMS_STAT.match(key)
    if not m:
        return {}
    if m.group(1):
        return {"measure": m.group(1), "year": int(m.group(2)), "period": ""}
    return {"measure": m.group(5), "year": None, "period": f"{m.group(3)}-{m.group(4)}"}


def auditable_keys() -> set[str]:
    """Every registry key a printed number may name (a number or a stated gap): the compute steps'
    promise.  Arms keys are written with `{release}`, which the audit resolves."""
    keys = {f"trade.{m}_{TRADE_YEAR}.{p}" for p in TRADE_PARTNERS for m in ("turnover", "exports", "imports", "share")}
    keys |= {f"trade.{m}_{TRADE_YEAR}.world" for m in ("turnover", "exports")}
    keys |= {f"trade.growth_{TRADE_YEAR}.russia", f"trade.growth_stated_{TRADE_YEAR}.russia",
             f"trade.us_partner_rank.{TRADE_YEAR}", "trade.rank_of_vietnam_among_us_export_markets"}
    rows = list(FDI_PARTNERS) + list(FDI_OTHER_ROWS)
    keys |= {f"fdi.{m}.{p}" for p in rows for m in ("value_2025", "yoy")}
    keys |= {f"fdi.{m}.{p}" for p in FDI_PARTNERS for m in ("rank_change", "share", "table_value")}
    keys |= {"fdi.total_7m_2025", "fdi.russia_cumulative_projects", "fdi.russia_cumulative_value",
             "fdi.partners_2025"}
    for first, last in ARMS_PERIODS:
        keys |= {f"arms.{{release}}.p{first}_{last}.{s}" for s in
                 ("min", "max", "min_year", "max_year", "sum", "russia_share")}
    keys |= {f"arms.{{release}}.total.{y}" for y in ARMS_YEARS}
    keys |= {f"arms.{{release}}.{m}.{y}" for y in SUPPLIER_YEARS for m in ("russia", "russia_share")}
    keys.add("arms.equipment_origin_share")
    return keys


def resolve(key: str, release: str) -> str:
    """A printed number's key in one release ('arms.{release}.total.2015' -> 'arms.r2022.total.2015')."""
    return key.replace("{release}", release)
