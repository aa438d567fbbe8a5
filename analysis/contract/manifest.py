"""Describe the raw and published inputs as Frictionless Data Packages.

The descriptors (data/raw/datapackage.json, data/published/datapackage.json)
are the contract the workflow validates against.  They are written by a
person, not by the workflow: after changing a raw file on purpose, run

    python -m analysis.contract.manifest raw > data/raw/datapackage.json
    python -m analysis.contract.manifest published > data/published/datapackage.json

and commit the result together with the changed file and its provenance.  The
tests check that the committed descriptors equal what this module describes.

Besides Table Schema (types, required, enum, pattern, plausible minimum and
maximum, primary and foreign keys), each CSV carries the rules of its rows as
`x-` extensions, which analysis/contract/validate.py enforces:

- `x-rowChecks`: a range that holds for some rows only (a share is 0-100; a rank
  starts at 1; one country's arms imports in a year at most 10,000 TIV mn);
- `x-requiredRows`: the rows each compute step reads (`where` a column has a
  value or matches a pattern; `minRows`, `maxRows`; `for` says who needs them);
- `x-crossChecks`: parts against stated totals, sums against another file and
  shares of one period summing to at most 100, within the source's rounding; and,
  in every table where parts have a whole, no part above it (`part_at_most_total`
  within a long table, `row_at_most_row` between two rows of a wide table,
  `row_at_most_reference` against a row of another file): an impossible part is
  refused like a malformed value;
- `x-exceptions`: where a source contradicts itself, the group (`where`: every
  field that names one group of the check), the figures that break it as printed
  (`values`), the check broken and a one-sentence reason.  An exception excuses
  that one fact: another violation in the group, or a changed figure, is an error.
  These are findings, not errors; the validator lists them in its report.

Beside the English words the manuscript shows, the Vietnamese edition's: `x-title-vi` (a file's or a
licence's title) and `x-not-consulted-vi` (one note for each of `x-not-consulted`), written here next
to the English so that whoever changes one sees the other; the validator refuses a translation that
states other numbers than its English text.
"""
from __future__ import annotations

import csv
import sys
from pathlib import Path

from analysis import words
from analysis.article import RESULTS
from analysis.io import ROOT, dumps_json, sha256
from analysis.contract.printed import UNITS

RAW = ROOT / "data" / "raw"
PUBLISHED = ROOT / "data" / "published"

LICENSES = {
    "wdi": {"name": "CC-BY-4.0", "title": "World Bank data: Creative Commons Attribution 4.0",
            "x-title-vi": "CC BY 4.0 (Ngân hàng Thế giới)",
            "path": "https://creativecommons.org/licenses/by/4.0/"},
    "sipri": {"title": "SIPRI Arms Transfers Database terms of use: free for non-commercial research "
                       "with attribution to SIPRI",
              "x-title-vi": "điều khoản của SIPRI: dùng tự do cho nghiên cứu phi thương mại, ghi nguồn SIPRI",
              "path": "https://www.sipri.org/databases/armstransfers"},
    "ecb": {"title": "ECB statistics: reuse permitted with acknowledgement of the source",
            "x-title-vi": "số liệu của ECB: được tái sử dụng khi ghi nguồn",
            "path": "https://www.ecb.europa.eu/stats/ecb_statistics/governance_and_quality_framework/html/usage_policy.en.html"},
    "facts": {"title": "Facts and figures reported in news and government publications, cited with "
                       "short quotes for verification; no text is reproduced beyond the quotes",
              "x-title-vi": "số liệu đăng trên báo chí và văn bản nhà nước, trích dẫn ngắn để kiểm chứng; không sao "
                            "chép văn bản ngoài các đoạn trích"},
}



def _titles(msgid: str, domain: str) -> dict:
    """A title built the same way for every domain, in both languages from the message catalogs (manifest.title.*,
    the domain's name manifest.domain.*): `title` and `x-title-vi`, each resource's title in the Vietnamese
    edition's words beside its English one."""
    return {key: words.msg(msgid, lang, domain=words.msg(f"manifest.domain.{domain}", lang))
            for key, lang in (("title", "en"), ("x-title-vi", "vi"))}


YES_NO = {"type": "string", "constraints": {"required": True, "enum": ["Yes", "No"]}}

# Plausible ranges (Table Schema `maximum`): a value beyond them is a typo or a unit slip, not data.
# Vietnam's largest arms-import year is about 1,300 TIV mn; 10,000 is above any country's annual imports.
TIV_MAX_PER_COUNTRY_YEAR = 10_000  # SIPRI TIV millions, one country, one year
TIV_MAX_WORLD_YEAR = 100_000  # SIPRI TIV millions, all countries, one year (about 45,000 at the 1980s peak)
TRADE_MAX_USD_BN = 1_500  # one partner's trade with Vietnam, USD bn (Vietnam's total 2024: 786)

# The source's own hedge on a figure, as its words state it (the `quote` of sources.csv): the audit reads a hedged
# figure as the interval it states (analysis/audit/verdict.py, `stated_interval`), never as an exact value.
QUALIFIERS = ["exact", "about", "more_than", "nearly", "at_least", "at_most"]
QUALIFIER_FIELD = {
    "name": "qualifier", "type": "string", "constraints": {"required": True, "enum": QUALIFIERS},
    "description": "the source's own hedge on the figure, from its words: exact (no hedge: 'đạt', 'reached'), about "
                   "('khoảng', 'around'), more_than ('hơn', 'trên', 'over', 'more than'), nearly ('gần', 'nearly'), "
                   "at_least, at_most"}


def _year_fields(first: int, last: int, unit: str, factor_note: str = "", maximum: float | None = None) -> list[dict]:
    fields = []
    for y in range(first, last + 1):
        cons = {"minimum": 0} if maximum is None else {"minimum": 0, "maximum": maximum}
        f = {"name": str(y), "type": "number", "constraints": cons, "unit": unit}
        if factor_note:
            f["description"] = factor_note
        fields.append(f)
    return fields


# What the copy of a source that was read is (the `copy` column of sources.csv); the words for each are in the
# catalogs (source.copy.*), the reference list shows them beside the publisher's one name.
COPIES = ("own", "english_edition", "french_edition", "thai_edition", "spanish_edition", "reprint", "mirror",
          "aggregator", "unnamed", "file_copy")


def _used(domain: str, name: str) -> list[str]:
    """The source ids a data file's rows cite (its `source_id` column): a file lists the sources it uses, not every
    source of its folder."""
    with open(RAW / domain / name, encoding="utf-8") as f:
        return sorted({r["source_id"] for r in csv.DictReader(f) if r.get("source_id")})


def _sources(domain: str, ids: list[str] | None = None) -> list[dict]:
    """Frictionless `sources` entries from a domain's sources.csv (only the ids used, if given)."""
    with open(RAW / domain / "sources.csv", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    out = []
    for r in rows:
        if ids is not None and r["source_id"] not in ids:
            continue
        entry = {"title": f"{r['source_id']}: {r['publisher']}" + (f", \u201c{r['title']}\u201d" if r["title"] else ""),
                 "x-source-id": r["source_id"], "x-date": r["date"]}
        if r["url"]:
            entry["path"] = r["url"]
        if r["quote"]:
            entry["x-quote"] = r["quote"]
        out.append(entry)
    return out


def _sources_resource(domain: str) -> dict:
    return {
        "name": f"{domain}_sources",
        "path": f"{domain}/sources.csv",
        **_titles("manifest.title.sources", domain),
        "description": f"Machine-readable transcription of {domain}/SOURCES.md: publisher, what the copy read is "
                       "(copy, copy_of), title (and whether it is ours), date, URL, "
                       "short quote, whose statistics, cited agency, standing, authority of the copy read and data "
                       "status. The selection rules in analysis/ read the standing, authority, status and date columns.",
        "format": "csv", "mediatype": "text/csv", "encoding": "utf-8",
        "schema": {
            "fields": [
                {"name": "source_id", "type": "string", "constraints": {"required": True, "pattern": r"[A-Za-z0-9_.\-]+"}},
                {"name": "publisher", "type": "string", "constraints": {"required": True},
                 "description": "who published the copy that was read, one name per publisher as it names itself "
                                "(on github.com the account); what the copy is goes in copy and copy_of"},
                {"name": "copy", "type": "string", "constraints": {"required": True, "enum": list(COPIES)},
                 "description": "what the copy read is: the publisher's own page (own), its edition in another "
                                "language (english_edition, french_edition, thai_edition, spanish_edition), a reprint "
                                "or a mirror of copy_of, an aggregator's repost, a copy on a page that names no "
                                "publisher (unnamed), a third party's copy of copy_of's data file (file_copy)"},
                {"name": "copy_of", "type": "string", "constraints": {"pattern": r"[^{}\\<>]*"},
                 "description": "the original publisher (one name per publisher), when the copy is of another's work "
                                "and names it; empty for the publisher's own pages and editions.  No brace, backslash "
                                "or angle bracket: the reference list's type field, which holds it, is read verbatim"},
                {"name": "title", "type": "string"},
                {"name": "title_supplied", "type": "string", "constraints": {"required": True, "enum": ["yes", "no"]},
                 "description": "yes when the page gives no title that was read and the title is ours (from its URL "
                                "or its content): the reference list shows it in square brackets"},
                {"name": "date", "type": "string", "constraints": {"pattern": r"\d{4}(-\d{2}(-\d{2})?)?"},
                 "description": "publication or release date, as precise as known"},
                {"name": "date_inferred", "type": "string", "constraints": {"required": True, "enum": ["yes", "no"]}},
                {"name": "url", "type": "string"},
                {"name": "quote", "type": "string"},
                {"name": "reporter", "type": "string",
                 "constraints": {"required": True, "enum": ["Vietnam", "South Korea", "Singapore", "Russia", "SIPRI", "ECB",
                                                            "United States", "not stated"]}},
                {"name": "cites", "type": "string"},
                {"name": "standing", "type": "string",
                 "constraints": {"required": True, "enum": ["official", "official_cited", "press", "low"]},
                 "description": "standing of the figures, used by the selection rules: the agency's own figures, "
                                "figures attributed to an agency, press figures, low-quality outlets"},
                {"name": "authority", "type": "string",
                 "constraints": {"required": True, "enum": ["official", "secondary", "third_party_copy"]},
                 "description": "who published the copy that was read: the ministry, statistics office or agency on "
                                "its own site (official); a news outlet or journal reporting it (secondary); a reprint, "
                                "mirror, aggregator or third-party file copy (third_party_copy). The audit reports the "
                                "weakest authority a verdict rests on."},
                {"name": "status", "type": "string",
                 "constraints": {"required": True, "enum": ["final", "preliminary", "estimate", "forecast", "unknown"]}},
                {"name": "notes", "type": "string"},
            ],
            "primaryKey": ["source_id"],
        },
        "x-requiredRows": [{"where": {}, "minRows": 1,
                            "for": f"the {domain} data name their sources here (foreign key source_id)"}],
        "x-crossChecks": [{"name": "one name per publisher", "kind": "one_name_per_site", "url": "url",
                           "value": "publisher",
                           "description": "two sources on one site (the URL's registered domain; on github.com the "
                                          "account) name one publisher, spelled alike"}],
        "licenses": [LICENSES["facts"]],
    }


def _fk(resource: str) -> dict:
    return {"fields": ["source_id"], "reference": {"resource": resource, "fields": ["source_id"]}}


def _arms_resources() -> list[dict]:
    wdi_note = "World Bank stores SIPRI TIV in full units: divide by 1,000,000 for TIV millions."
    wdi_head = [
        {"name": "country_name", "type": "string", "constraints": {"required": True, "enum": ["Viet Nam", "Vietnam"]}},
        {"name": "country_code", "type": "string", "constraints": {"required": True, "enum": ["VNM"]}},
        {"name": "indicator_name", "type": "string",
         "constraints": {"required": True, "enum": ["Arms imports (SIPRI trend indicator values)"]}},
        {"name": "indicator_code", "type": "string", "constraints": {"required": True, "enum": ["MS.MIL.MPRT.KD"]}},
    ]
    trailing = [{"name": "trailing_empty", "type": "string", "x-empty": True,
                 "description": "the bulk CSV ends each row with a comma; this cell must be empty"}]
    register_fields = [
        {"name": "sipri_id", "x-label": "SIPRI AT Database ID", "type": "integer", "constraints": {"required": True}},
        {"name": "supplier", "x-label": "Supplier", "type": "string", "constraints": {"required": True}},
        {"name": "recipient", "x-label": "Recipient", "type": "string", "constraints": {"required": True, "enum": ["Viet Nam"]}},
        {"name": "designation", "x-label": "Designation", "type": "string", "constraints": {"required": True}},
        {"name": "description", "x-label": "Description", "type": "string"},
        {"name": "armament_category", "x-label": "Armament category", "type": "string", "constraints": {"required": True}},
        {"name": "order_date", "x-label": "Order date", "type": "integer", "constraints": {"minimum": 1950, "maximum": 2024}},
        {"name": "order_date_is_estimate", "x-label": "Order date is estimate", **YES_NO},
        {"name": "numbers_delivered", "x-label": "Numbers delivered", "type": "number", "constraints": {"minimum": 0, "maximum": 10_000}},
        {"name": "numbers_delivered_is_estimate", "x-label": "Numbers delivered is estimate", **YES_NO},
        {"name": "delivery_year", "x-label": "Delivery year", "type": "integer",
         "constraints": {"required": True, "minimum": 2000, "maximum": 2024},
         "description": "the register was generated on 2025-01-03: no delivery after 2024"},
        {"name": "delivery_year_is_estimate", "x-label": "Delivery year is estimate", **YES_NO},
        {"name": "status", "x-label": "Status", "type": "string", "constraints": {"enum": ["New", "Second hand"]}},
        {"name": "sipri_estimate", "x-label": "SIPRI estimate", "type": "number",
         "constraints": {"minimum": 0, "maximum": TIV_MAX_PER_COUNTRY_YEAR}},
        {"name": "tiv_deal_unit", "x-label": "TIV deal unit", "type": "number",
         "constraints": {"minimum": 0, "maximum": TIV_MAX_PER_COUNTRY_YEAR}, "unit": "SIPRI TIV, millions"},
        {"name": "tiv_delivery_values", "x-label": "TIV delivery values", "type": "number",
         "constraints": {"required": True, "minimum": 0, "maximum": TIV_MAX_PER_COUNTRY_YEAR}, "unit": "SIPRI TIV, millions"},
        {"name": "local_production", "x-label": "Local production", **YES_NO},
    ]
    exporter = lambda: [{"name": "recipient", "x-label": "", "type": "string", "constraints": {"required": True, "enum": ["Viet Nam"]}},
                        *_year_fields(1950, 2021, "SIPRI TIV, millions", maximum=TIV_MAX_PER_COUNTRY_YEAR),
                        {"name": "Total", "type": "number", "constraints": {"minimum": 0, "maximum": 72 * TIV_MAX_PER_COUNTRY_YEAR},
                         "unit": "SIPRI TIV, millions"}]
    one_vn_row = [{"where": {"recipient": "Viet Nam"}, "minRows": 1, "maxRows": 1,
                   "for": "analysis/compute/arms.py reads the 'Viet Nam' row (read_wide_row)"}]
    wide_total = lambda first, last, label: [{
        "name": "Total = sum of the years", "kind": "row_total", "label": label,
        "columns": [str(y) for y in range(first, last + 1)], "total": "Total",
        "description": "the Total column against the sum of the yearly values, within half a unit of each printed figure"}]
    within_importer_table = lambda supplier: [{
        "name": f"{supplier} at most Viet Nam's imports from all suppliers", "kind": "row_at_most_reference",
        "label": "recipient", "part": "Viet Nam", "columns": [str(y) for y in range(1950, 2022)],
        "reference": {"resource": "sipri_tiv_table_justin2028", "label": "Country/Region/Group", "whole": "Viet Nam"},
        "description": f"deliveries from {supplier} in a year cannot exceed Viet Nam's imports from every supplier in "
                       "SIPRI's importer table (the years both cover)"}]
    wdi_one_row = lambda: [{"where": {}, "minRows": 1, "maxRows": 1,
                            "for": "analysis/compute/arms.py reads exactly one headerless WDI row (read_wdi_row)"}]
    common = {"format": "csv", "mediatype": "text/csv", "encoding": "utf-8"}
    return [
        {"name": "wdi_2026_04_08", "path": "arms/wdi_2026-04-08_VNM_row.csv", **common,
         "title": "World Bank WDI MS.MIL.MPRT.KD (source SIPRI), Viet Nam row, release 2026-04-08",
         "x-title-vi": "WDI của Ngân hàng Thế giới, chỉ tiêu MS.MIL.MPRT.KD (nguồn SIPRI), dòng Việt Nam, phiên bản "
                       "2026-04-08",
         "description": "Verbatim row of the bulk WDI CSV; year columns 1960-2025, 2025 empty. " + wdi_note,
         "dialect": {"header": False},
         "schema": {"fields": wdi_head + _year_fields(1960, 2025, "SIPRI TIV (full units)", wdi_note,
                                                      maximum=TIV_MAX_PER_COUNTRY_YEAR * 1e6) + trailing},
         "x-requiredRows": wdi_one_row(),
         "sources": _sources("arms", ["WDI_2026-04-08"]), "licenses": [LICENSES["wdi"], LICENSES["sipri"]]},
        {"name": "wdi_1745336", "path": "arms/wdi_1745336_VNM_row.csv", **common,
         "title": "World Bank WDI MS.MIL.MPRT.KD (source SIPRI), Vietnam row, older release (file id 1745336, about 2020)",
         "x-title-vi": "WDI của Ngân hàng Thế giới, chỉ tiêu MS.MIL.MPRT.KD (nguồn SIPRI), dòng Việt Nam, phiên bản cũ "
                       "(mã tệp 1745336, khoảng năm 2020)",
         "description": "Verbatim row; year columns 1960-2020, 2020 empty; release date not stated (inferred about late 2020). " + wdi_note,
         "dialect": {"header": False},
         "schema": {"fields": wdi_head + _year_fields(1960, 2020, "SIPRI TIV (full units)", wdi_note,
                                                      maximum=TIV_MAX_PER_COUNTRY_YEAR * 1e6) + trailing},
         "x-requiredRows": wdi_one_row(),
         "sources": _sources("arms", ["WDI_1745336"]), "licenses": [LICENSES["wdi"], LICENSES["sipri"]]},
        {"name": "sipri_tiv_table_justin2028", "path": "arms/sipri_tiv_table_justin2028_VietNam_row.csv", **common,
         "title": "SIPRI importer TIV table (third-party compilation), Viet Nam and Total rows, 1950-2020",
         "x-title-vi": "Bảng TIV theo nước nhập khẩu của SIPRI (bản tổng hợp của bên thứ ba), dòng Việt Nam và dòng "
                       "tổng, 1950-2020",
         "description": "Header and the Viet Nam and Total rows, verbatim. Release not stated; evidence points to "
                        "the SIPRI 2022 update. This is the copy that best matches the article.",
         "schema": {"fields": [{"name": "Country/Region/Group", "type": "string",
                                "constraints": {"required": True, "enum": ["Viet Nam", "Total"]}},
                               *_year_fields(1950, 2020, "SIPRI TIV, millions", maximum=TIV_MAX_WORLD_YEAR),
                               {"name": "Total", "type": "number", "constraints": {"minimum": 0, "maximum": 71 * TIV_MAX_WORLD_YEAR},
                                "unit": "SIPRI TIV, millions"}],
                    "primaryKey": ["Country/Region/Group"]},
         "x-rowChecks": [{"name": "one country's imports in a year at most 10,000 TIV mn",
                          "columns": [str(y) for y in range(1950, 2021)], "maximum": TIV_MAX_PER_COUNTRY_YEAR,
                          "unless": {"column": "Country/Region/Group", "in": ["Total"]}}],
         "x-requiredRows": [{"where": {"Country/Region/Group": "Viet Nam"}, "minRows": 1, "maxRows": 1,
                             "for": "analysis/compute/arms.py reads the 'Viet Nam' row (read_wide_row)"}],
         "x-crossChecks": wide_total(1950, 2020, "Country/Region/Group") + [{
             "name": "Viet Nam at most the world total", "kind": "row_at_most_row", "label": "Country/Region/Group",
             "part": "Viet Nam", "whole": "Total", "columns": [str(y) for y in range(1950, 2021)] + ["Total"],
             "description": "one importer's TIV in a year (and in all years) cannot exceed all importers' together"}],
         "sources": _sources("arms", ["SIPRI_TIVTABLE_justin2028"]), "licenses": [LICENSES["sipri"]]},
        {"name": "sipri_tiv_export_rus_2022", "path": "arms/sipri_tiv_export_RUS_gen2022-07-28_VietNam_row.csv", **common,
         "title": "SIPRI exporter TIV table, Russia, generated 2022-07-28: header and Viet Nam row",
         "x-title-vi": "Bảng TIV theo nước xuất khẩu của SIPRI, Nga, tạo ngày 2022-07-28: dòng tiêu đề và dòng Việt Nam",
         "schema": {"fields": exporter()}, "x-requiredRows": one_vn_row,
         "x-crossChecks": wide_total(1950, 2021, "recipient") + within_importer_table("Russia"),
         "sources": _sources("arms", ["SIPRI_TIVEXP_RUS_2022-07-28"]),
         "licenses": [LICENSES["sipri"]]},
        {"name": "sipri_tiv_export_usr_2022", "path": "arms/sipri_tiv_export_USR_gen2022-07-28_VietNam_row.csv", **common,
         "title": "SIPRI exporter TIV table, Soviet Union, generated 2022-07-28: header and Viet Nam row",
         "x-title-vi": "Bảng TIV theo nước xuất khẩu của SIPRI, Liên Xô, tạo ngày 2022-07-28: dòng tiêu đề và dòng "
                       "Việt Nam",
         "schema": {"fields": exporter()}, "x-requiredRows": one_vn_row,
         "x-crossChecks": wide_total(1950, 2021, "recipient") + within_importer_table("the Soviet Union"),
         "sources": _sources("arms", ["SIPRI_TIVEXP_USR_2022-07-28"]),
         "licenses": [LICENSES["sipri"]]},
        {"name": "sipri_register_2025", "path": "arms/sipri_register_2025-01-03_VietNam_rows.csv", **common,
         "title": "SIPRI trade register, all suppliers to Viet Nam, deliveries 2000-2023 (generated 2025-01-03)",
         "x-title-vi": "Sổ đăng ký chuyển giao vũ khí của SIPRI, mọi nhà cung cấp cho Việt Nam, các lần chuyển giao "
                       "2000-2023 (tạo ngày 2025-01-03)",
         "description": "All 192 rows with Recipient = Viet Nam, verbatim; one row per deal and delivery year.",
         "schema": {"fields": register_fields, "primaryKey": ["sipri_id", "delivery_year"]},
         "x-requiredRows": [{"where": {"delivery_year": str(y)}, "minRows": 1,
                             "for": f"analysis/compute/arms.py splits the {y} total by supplier from the register"}
                            for y in range(2000, 2024)],
         "x-crossChecks": [{
             "name": "register deliveries per year = WDI 2026 total", "kind": "sum_matches_reference",
             "group": "delivery_year", "value": "tiv_delivery_values",
             "reference": {"resource": "wdi_2026_04_08", "scale": 1e-6, "halfUnit": 0.5},
             "perRowRounding": 0.005,
             "description": "both come from SIPRI's database: a year's deliveries in the register sum to the WDI total "
                            "of that year (full units / 1,000,000), within half a unit of the WDI value in millions plus "
                            "half a unit of the register's second decimal per row"}],
         "sources": _sources("arms", ["SIPRI_REG_2025-01-03"]), "licenses": [LICENSES["sipri"]]},
        {"name": "arms_share_statements", "path": "arms/share_statements.csv", **common,
         "title": "Published statements of the Soviet Union's or Russia's share of Vietnam's arms, one row per statement",
         "x-title-vi": "Các phát biểu đã công bố về tỷ trọng của Liên Xô hoặc Nga trong vũ khí của Việt Nam, mỗi phát "
                       "biểu một dòng",
         "description": "Each statement as published, with the measure it names (arms imports by value, military "
                        "purchases, arms needs, the arms market, equipment in service or supplied), its period and its "
                        "hedge. They are statements, not data: kept beside the SIPRI series, never mixed into it.",
         "schema": {"fields": [
             {"name": "measure", "type": "string", "constraints": {"required": True, "enum": [
                 "arms_imports", "military_purchases", "arms_needs", "arms_market", "military_assets",
                 "military_equipment_supplied"]}},
             {"name": "first_year", "type": "integer", "constraints": {"minimum": 1950, "maximum": 2025},
              "description": "empty when the statement says only 'in recent years'"},
             {"name": "last_year", "type": "integer", "constraints": {"required": True, "minimum": 1950, "maximum": 2025}},
             {"name": "value", "type": "number", "constraints": {"required": True, "minimum": 0, "maximum": 100},
              "unit": "percent", "description": "the share as published (the lower end of a range)"},
             {"name": "value_high", "type": "number", "constraints": {"minimum": 0, "maximum": 100}, "unit": "percent",
              "description": "the upper end, for a range only"},
             {"name": "qualifier", "type": "string", "constraints": {"required": True, "enum": [
                 "as_stated", "about", "more_than", "range"]},
              "description": "the statement's own hedge: as stated, about, more than, or a range value-value_high"},
             {"name": "source_id", "type": "string", "constraints": {"required": True}},
         ], "primaryKey": ["measure", "first_year", "last_year", "source_id"], "foreignKeys": [_fk("arms_sources")]},
         "x-requiredRows": [{"where": {"first_year": "2022", "last_year": "2022", "measure": "military_purchases"},
                             "minRows": 1, "for": "analysis/compute/arms.py: the published statement of Russia's share in 2022"}],
         "x-crossChecks": [{
             "name": "one source's shares of one measure and period at most 100%", "kind": "sum_at_most",
             "group": ["measure", "first_year", "last_year", "source_id"], "value": "value", "limit": 100,
             "description": "the lower ends of the shares one source gives for the same measure and period add up to "
                            "at most 100, plus their rounding"}],
         "sources": _sources("arms", ["REUTERS_CLOUDFRONT_202412", "AFP_MCEBISCOO_20241219", "HERENEWS_20241219",
                                      "VOGON_20221226", "REUTERS_VNEXPRESS_20221208", "SPUTNIK_FR_20170109",
                                      "LOC_COUNTRYDATA_1987"]),
         "licenses": [LICENSES["facts"]]},
        _sources_resource("arms"),
    ]


# Cases where a source contradicts itself, or where its hedges (column qualifier, which these checks do not read)
# make the figures as entered fail a check: kept as published, documented here, listed by the validator.
TRADE_EXCEPTIONS = [
    {"check": "exports + imports = turnover",
     "where": {"partner": "China", "year": "2023", "period": "FY", "source_id": "TBTC_EN_20240918"},
     "values": {"turnover": "171.2", "exports": "61.2", "imports": "110.6"},
     "reason": "The source's 2023 turnover (171.2 bn USD) is 0.6 below its own exports + imports (61.2 + 110.6 = 171.8), "
               "while MoIT via VNS gives 171.9 with the same parts: the total is probably another data vintage or a typo."},
    {"check": "exports + imports = turnover",
     "where": {"partner": "United States", "year": "2024", "period": "FY", "source_id": "MOF_TBTC_202504"},
     "values": {"turnover": "132", "exports": "119", "imports": "15"},
     "reason": "The source writes 'hơn 132' (more than 132), 'gần 119' (nearly 119) and imports of 15 bn USD (column "
               "qualifier: more_than, nearly, exact). This check reads the figures as entered (119 + 15 = 134, not 132); "
               "read as the intervals its hedges state (analysis/audit/verdict.py), the total, above 132 up to 133, and "
               "the parts, 132.5 to 134.5, agree: the source does not contradict itself."},
    {"check": "exports + imports = turnover",
     "where": {"partner": "Japan", "year": "2025", "period": "FY", "source_id": "VNS_20260108"},
     "values": {"turnover": "51.43", "exports": "26.77", "imports": "24.68"},
     "reason": "The source says 'more than $51.43 billion'; its parts sum to 51.45, which fits the hedge but is 0.02 above "
               "the figure as entered, just over the 0.015 that the rounding of three two-decimal figures allows."},
]

FDI_SHARES = ["share_pct", "share_pct_of_registered_new"]
# FDI measures that are amounts or counts of a partner, of which the total is the whole (not changes, shares, ranks).
FDI_AMOUNTS = ["registered_total", "registered_new", "registered_adjusted", "capital_contribution_share_purchase",
               "registered_new_plus_adjusted", "new_projects", "projects", "registered_cumulative", "adjustment_count"]


def _trade_required_rows() -> list[dict]:
    """The 2024 full-year rows analysis/compute/trade.py reads for Table 1, the shares and the Russia growth rate."""
    req = [{"where": {"partner": p, "year": "2024", "period": "FY", "flow": "turnover"}, "minRows": 1,
            "for": f"analysis/compute/trade.py: Table 1 row for {p} (2024 full-year turnover)"}
           for p in ["China", "United States", "South Korea", "Japan", "Singapore", "Russia"]]
    req += [{"where": {"partner": "World", "year": "2024", "period": "FY", "flow": f}, "minRows": 1,
             "for": f"analysis/compute/trade.py: Vietnam's total 2024 {f}, the denominator of the Table 1 shares"}
            for f in ("turnover", "exports")]
    req.append({"where": {"partner": "Russia", "year": "2023", "period": "FY", "flow": "turnover"}, "minRows": 1,
                "for": "analysis/compute/trade.py: the 2023 base of the growth of Vietnam-Russia trade"})
    return req


def _fdi_required_rows() -> list[dict]:
    """The rows analysis/compute/fdi.py reads: the 2024 and 2025 FIA totals and the figures the text gaps quote."""
    need = [
        ({"partner": "Total", "period": "2024-12M", "measure": "registered_total"}, "the 2024 total, base of the change"),
        ({"partner": "Total", "period": "2025-12M", "measure": "registered_total"}, "the FIA 2025 total"),
        ({"partner": "Total", "period": "2025-07M", "measure": "registered_total"}, "the January-July 2025 total"),
        ({"partner": "Total", "period": "2025-07M", "measure": "registered_total_yoy_pct"},
         "the change of the January-July 2025 total"),
        ({"partner": "Russia", "period": "cumulative-2023-03", "measure": "projects"}, "Russia's projects in March 2023"),
        ({"partner": "Russia", "period": "cumulative-2024-04", "measure": "projects"}, "Russia's projects in April 2024"),
        ({"partner": "Russia", "period": "cumulative-2023-03", "measure": "registered_cumulative"},
         "Russia's cumulative capital in March 2023"),
        ({"partner": "Russia", "period": "cumulative-2024-04", "measure": "registered_cumulative", "source_id": "S17"},
         "Russia's cumulative capital in April 2024 as S17 gives it"),
        ({"partner": "China", "period": "2024-12M", "measure": "registered_total"}, "China's 2024 total, base of its change"),
        ({"partner": "Total", "period": "2024-12M", "measure": "partners_investing"}, "the number of investing partners, 2024"),
        ({"partner": "Total", "period": "2025-12M", "measure": "partners_with_new_projects"},
         "the number of partners with new projects, 2025"),
    ]
    return [{"where": w, "minRows": 1, "for": f"analysis/compute/fdi.py: {why}"} for w, why in need]


def _trade_resources() -> list[dict]:
    common = {"format": "csv", "mediatype": "text/csv", "encoding": "utf-8"}
    partners = ["China", "United States", "South Korea", "Japan", "Singapore", "Russia", "World"]
    return [
        {"name": "trade_by_partner", "path": "trade/vietnam_trade_by_partner.csv", **common,
         "title": "Vietnam's goods trade with the six partners of Table 1 and in total, one row per published figure",
         "x-title-vi": "Thương mại hàng hóa của Việt Nam với sáu đối tác của Bảng 1 và tổng số, mỗi số liệu đã công "
                       "bố một dòng",
         "description": "Conflicting figures are kept as separate rows. Rows whose source starts with KITA_ are "
                        "South Korean (mirror) statistics mapped to Vietnam's point of view.",
         "schema": {"fields": [
             {"name": "partner", "type": "string", "constraints": {"required": True, "enum": partners}},
             {"name": "year", "type": "integer", "constraints": {"required": True, "minimum": 2022, "maximum": 2025}},
             {"name": "period", "type": "string", "constraints": {"required": True,
              "enum": ["FY", "FY_forecast", "11M", "10M", "9M", "H1", "1Jan-14Dec"]},
              "description": "FY = calendar year; nM = January to month n; H1 = January-June"},
             {"name": "flow", "type": "string", "constraints": {"required": True, "enum": ["exports", "imports", "turnover"]},
              "description": "from Vietnam's point of view"},
             {"name": "value_usd_bn", "type": "number",
              "constraints": {"required": True, "minimum": 0, "maximum": TRADE_MAX_USD_BN}, "unit": "USD billions"},
             {"name": "source_id", "type": "string", "constraints": {"required": True}},
             QUALIFIER_FIELD,
         ], "primaryKey": ["partner", "year", "period", "flow", "source_id"], "foreignKeys": [_fk("trade_sources")]},
         "x-requiredRows": _trade_required_rows(),
         "x-crossChecks": [
             {"name": "exports + imports = turnover", "kind": "parts_sum_to_total",
              "group": ["partner", "year", "period", "source_id"], "category": "flow", "value": "value_usd_bn",
              "parts": ["exports", "imports"], "total": "turnover",
              "description": "where one source gives all three for the same partner, year and period, within the sum "
                             "of half-units of the three printed figures"},
             {"name": "exports and imports at most turnover", "kind": "part_at_most_total",
              "group": ["partner", "year", "period", "source_id"], "category": "flow", "value": "value_usd_bn",
              "parts": ["exports", "imports"], "total": "turnover"},
             {"name": "a partner at most Vietnam's total", "kind": "part_at_most_total",
              "group": ["year", "period", "flow"], "category": "partner", "value": "value_usd_bn",
              "parts": "*", "total": "World",
              "description": "trade with one partner cannot exceed Vietnam's trade with the world in the same year, "
                             "period and flow (the largest stated total, whatever its source)"},
         ],
         "x-exceptions": TRADE_EXCEPTIONS,
         "sources": _sources("trade", _used("trade", "vietnam_trade_by_partner.csv")), "licenses": [LICENSES["facts"]]},
        {"name": "trade_partner_side_local_currency", "path": "trade/partner_side_local_currency.csv", **common,
         "title": "Partner-side trade figures published only in local currency",
         "x-title-vi": "Số liệu thương mại phía đối tác chỉ được công bố bằng nội tệ",
         "schema": {"fields": [
             {"name": "partner", "type": "string", "constraints": {"required": True, "enum": partners}},
             {"name": "year", "type": "integer", "constraints": {"required": True, "minimum": 2022, "maximum": 2025}},
             {"name": "period", "type": "string", "constraints": {"required": True, "enum": ["FY", "11M"]}},
             {"name": "flow", "type": "string", "constraints": {"required": True, "enum": ["exports", "imports", "turnover"]}},
             {"name": "value", "type": "number", "constraints": {"required": True, "minimum": 0, "maximum": 2 * TRADE_MAX_USD_BN},
              "description": "local-currency billions; 2 x the USD bound leaves room for any currency kept here (SGD)"},
             {"name": "currency", "type": "string", "constraints": {"required": True, "enum": ["SGD"]}},
             {"name": "unit", "type": "string", "constraints": {"required": True, "enum": ["bn"]}},
             {"name": "reporter", "type": "string", "constraints": {"required": True, "enum": ["Singapore"]}},
             {"name": "source_id", "type": "string", "constraints": {"required": True}},
             QUALIFIER_FIELD,
         ], "primaryKey": ["partner", "year", "period", "flow", "source_id"], "foreignKeys": [_fk("trade_sources")]},
         "x-requiredRows": [{"where": {"partner": "Singapore", "year": "2024", "period": "FY", "flow": "turnover",
                                       "currency": "SGD"}, "minRows": 1,
                             "for": "analysis/compute/trade.py: Singapore's own 2024 figure is the mirror value for Table 1"}],
         "sources": _sources("trade", ["IBT_SG_202512"]), "licenses": [LICENSES["facts"]]},
        {"name": "trade_published_statements", "path": "trade/published_statements.csv", **common,
         "x-title-vi": "Các bảng xếp hạng đối tác thương mại của Việt Nam đã công bố, thứ hạng của Việt Nam trong số "
                       "các đối tác của Hoa Kỳ và một tốc độ tăng trưởng được nêu, mỗi phát biểu một dòng",
         "title": "Published rankings of Vietnam's trading partners, Vietnam's rank among the US's partners, and a "
                  "stated growth rate, one row per statement",
         "description": "A rank as a source states it ('the largest export market', 'the 8th-largest trading "
                        "partner'). period 'current' means the source states it as current at publication; year is then "
                        "the latest year whose trade figures the page gives beside it. Conflicting statements are all kept.",
         "schema": {"fields": [
             {"name": "subject", "type": "string", "constraints": {"required": True, "enum": [
                 "China", "United States", "Vietnam", "Russia"]}},
             {"name": "among", "type": "string", "constraints": {"enum": ["vietnam_partners", "us_partners"]},
              "description": "whose partners the subject is ranked among; empty for a growth rate"},
             {"name": "measure", "type": "string", "constraints": {"required": True, "enum": ["turnover", "exports", "imports"]},
              "description": "from the point of view of the country whose partners are ranked"},
             {"name": "year", "type": "integer", "constraints": {"required": True, "minimum": 2020, "maximum": 2025}},
             {"name": "period", "type": "string", "constraints": {"required": True, "enum": ["FY", "9M", "10M", "current"]}},
             {"name": "value", "type": "number", "constraints": {"required": True, "minimum": -100, "maximum": 1000}},
             {"name": "unit", "type": "string", "constraints": {"required": True, "enum": ["rank", "pct_change"]}},
             {"name": "source_id", "type": "string", "constraints": {"required": True}},
         ], "primaryKey": ["subject", "among", "measure", "year", "period", "unit", "source_id"],
             "foreignKeys": [_fk("trade_sources")]},
         "x-rowChecks": [
             {"name": "a rank starts at 1", "column": "value", "minimum": 1, "where": {"column": "unit", "in": ["rank"]}},
             {"name": "a rank at most 250 (the number of countries and territories)", "column": "value", "maximum": 250,
              "where": {"column": "unit", "in": ["rank"]}},
             {"name": "a change is a fall of at most 100 percent", "column": "value", "minimum": -100,
              "where": {"column": "unit", "in": ["pct_change"]}}],
         "x-requiredRows": [
             {"where": {"subject": "Vietnam", "among": "us_partners", "year": "2024"}, "minRows": 1,
              "for": "analysis/compute/trade.py: Vietnam's rank among the US's trading partners, 2024"},
             {"where": {"subject": "Russia", "year": "2024", "unit": "pct_change"}, "minRows": 1,
              "for": "analysis/compute/trade.py: the stated growth of Vietnam-Russia trade, 2024"}],
         "sources": _sources("trade", ["MOF_TBTC_202504", "TRACUUQH_202411", "VNBUSINESS_GSO_9M2024", "DNTT_20240408",
                                       "VCCINEWS_20230627", "VNPLUS_EN_20230909", "VNS_20250920"]),
         "licenses": [LICENSES["facts"]]},
        _sources_resource("trade"),
        {"name": "fx_ecb_2024", "path": "fx/ecb_eurofxref_2024_USD_SGD.csv", **common,
         "title": "ECB euro reference rates, USD and SGD per EUR, every business day of 2024",
         "x-title-vi": "Tỷ giá tham chiếu đồng euro của ECB, USD và SGD trên một EUR, mọi ngày làm việc năm 2024",
         "schema": {"fields": [
             {"name": "Date", "type": "date", "constraints": {"required": True, "pattern": r"2024-\d{2}-\d{2}"}},
             {"name": "USD", "type": "number", "constraints": {"required": True, "minimum": 0.5, "maximum": 2},
              "unit": "USD per EUR"},
             {"name": "SGD", "type": "number", "constraints": {"required": True, "minimum": 0.8, "maximum": 3},
              "unit": "SGD per EUR"},
         ], "primaryKey": ["Date"]},
         "x-requiredRows": [{"where": {"Date": {"pattern": f"2024-{m:02d}-\\d{{2}}"}}, "minRows": 15,
                             "for": f"analysis/compute/trade.py averages the 2024 rate over every business day; month {m:02d} "
                                    "needs its business days (at least 15)"} for m in range(1, 13)],
         "sources": _sources("fx"), "licenses": [LICENSES["ecb"]]},
        _sources_resource("fx"),
    ]


def _fdi_resources() -> list[dict]:
    common = {"format": "csv", "mediatype": "text/csv", "encoding": "utf-8"}
    return [
        {"name": "fdi_by_partner", "path": "fdi/fdi_by_partner.csv", **common,
         "title": "Foreign investment registered in Vietnam by partner and in total (2024, 2025, cumulative), one row per published figure",
         "x-title-vi": "Vốn đầu tư nước ngoài đăng ký vào Việt Nam theo đối tác và tổng số (2024, 2025, lũy kế), mỗi "
                       "số liệu đã công bố một dòng",
         "description": "registered_total is the FIA headline measure (new + adjusted + capital contribution/share "
                        "purchase); registered_new is newly licensed capital only. The two are not comparable.",
         "x-not-consulted": [
             "The FIA report 'Báo cáo tình hình thu hút FDI 12 tháng năm 2025' (fdi.gov.vn, 1 Jan 2026), the source of the "
             "article's Table 2, could not be consulted: its partner figures (Singapore 9,395.2 ... British Virgin Islands 912.0 mn USD), "
             "their year-on-year changes and rank changes, and the count of 113 partners are printed only in the article and are "
             "not independently verifiable.",
             "The FIA's full 2024 partner table was not found: only Singapore, South Korea, China and Japan values and the top-5 ranks are known.",
             "The figure '178 projects / 971.32 mn USD' for Russia (Novikova et al. 2023) was not found in any source.",
         ],
         # the same notes in the Vietnamese edition's words, one for one (analysis/contract/validate.py checks that each
         # states the same numbers as its English note)
         "x-not-consulted-vi": [
             "Không tiếp cận được báo cáo của FIA 'Báo cáo tình hình thu hút FDI 12 tháng năm 2025' (fdi.gov.vn, "
             "1/1/2026), nguồn của Bảng 2 trong bài báo: các số liệu theo đối tác của báo cáo (Singapore 9 395,2 … "
             "Quần đảo Virgin thuộc Anh 912,0 triệu USD), mức tăng/giảm so với cùng kỳ, mức thay đổi thứ hạng và con "
             "số 113 đối tác chỉ được in trong bài báo và không kiểm chứng độc lập được.",
             "Không tìm thấy bảng đầy đủ theo đối tác năm 2024 của FIA: chỉ biết giá trị của Singapore, Hàn Quốc, "
             "Trung Quốc và Nhật Bản và thứ hạng của 5 đối tác đứng đầu.",
             "Không tìm thấy trong nguồn nào con số '178 dự án / 971,32 triệu USD' cho Nga (Novikova và cộng sự 2023).",
         ],
         "schema": {"fields": [
             {"name": "partner", "type": "string", "constraints": {"required": True, "enum": [
                 "Total", "Singapore", "China", "Hong Kong", "Japan", "Sweden", "Taiwan", "South Korea", "Malaysia", "Russia"]}},
             {"name": "period", "type": "string", "constraints": {"required": True,
              "pattern": r"\d{4}-\d{2}M|cumulative-\d{4}-\d{2}(-\d{2}|-early)?"},
              "description": "YYYY-nnM = January to month nn of year YYYY; cumulative-<date> = stock of valid projects at that date"},
             {"name": "measure", "type": "string", "constraints": {"required": True, "enum": [
                 "registered_total", "registered_total_yoy_pct", "registered_new", "new_projects", "registered_new_yoy_pct",
                 "partners_with_new_projects", "share_pct_of_registered_new", "capital_contribution_share_purchase_yoy_pct",
                 "registered_adjusted_yoy_pct", "registered_adjusted", "capital_contribution_share_purchase",
                 "adjustment_count", "partners_investing", "share_pct", "rank", "rank_change",
                 "registered_adjusted_single_project_YenSo_Park", "registered_new_plus_adjusted", "projects",
                 "registered_cumulative", "partners_total"]}},
             {"name": "value", "type": "number", "constraints": {"required": True}},
             {"name": "unit", "type": "string", "constraints": {"required": True,
              "enum": ["bn_USD", "mn_USD", "pct", "count", "rank", "places_up"]}},
             {"name": "source_id", "type": "string", "constraints": {"required": True}},
             QUALIFIER_FIELD,
         ], "primaryKey": ["partner", "period", "measure", "source_id"], "foreignKeys": [_fk("fdi_sources")]},
         "x-rowChecks": [
             {"name": "non-negative unless a percentage change", "column": "value", "minimum": 0,
              "unless": {"column": "unit", "in": ["pct"]}},
             {"name": "a share is a percentage from 0 to 100", "column": "value", "minimum": 0, "maximum": 100,
              "where": {"column": "measure", "in": FDI_SHARES}},
             {"name": "a fall is at most 100 percent", "column": "value", "minimum": -100,
              "where": {"column": "unit", "in": ["pct"]}},
             {"name": "USD bn of one partner or the total at most 1,000", "column": "value", "maximum": 1_000,
              "where": {"column": "unit", "in": ["bn_USD"]}},
             {"name": "USD mn of one partner or the total at most 1,000,000", "column": "value", "maximum": 1_000_000,
              "where": {"column": "unit", "in": ["mn_USD"]}},
             {"name": "a count of projects or partners at most 100,000", "column": "value", "maximum": 100_000,
              "where": {"column": "unit", "in": ["count"]}},
             {"name": "a rank or rank change at most 250 (the number of countries and territories)", "column": "value",
              "maximum": 250, "where": {"column": "unit", "in": ["rank", "places_up"]}},
             {"name": "a rank starts at 1", "column": "value", "minimum": 1, "where": {"column": "unit", "in": ["rank"]}},
         ],
         "x-requiredRows": _fdi_required_rows(),
         "x-crossChecks": [{
             "name": "shares of one period at most 100%", "kind": "sum_at_most", "where": {"measure": {"pattern": "share_pct.*"}},
             "group": ["period", "measure", "source_id"], "value": "value", "limit": 100,
             "description": "the partners' shares of one total (same period, measure and source) add up to at most 100, "
                            "plus the rounding of the printed shares"}, {
             "name": "a partner at most the total", "kind": "part_at_most_total",
             "where": {"measure": {"pattern": "|".join(FDI_AMOUNTS)}}, "group": ["period", "measure", "unit"],
             "category": "partner", "value": "value", "parts": "*", "total": "Total",
             "description": "one partner's amount or count cannot exceed the total of the same period, measure and "
                            "unit (the largest stated total, whatever its source)"}, {
             "name": "a component at most the registered total", "kind": "part_at_most_total",
             "group": ["partner", "period", "unit", "source_id"], "category": "measure", "value": "value",
             "parts": ["registered_new", "registered_adjusted", "capital_contribution_share_purchase",
                       "registered_new_plus_adjusted"], "total": "registered_total",
             "description": "registered_total is new + adjusted + capital contribution, none negative: no component "
                            "exceeds the total the same source states (sources may define their totals differently)"}],
         "sources": _sources("fdi", _used("fdi", "fdi_by_partner.csv")), "licenses": [LICENSES["facts"]]},
        _sources_resource("fdi"),
    ]


def _context_resources() -> list[dict]:
    """Evidence only the claims in words read (analysis/audit/claims.py): earlier trade and FDI figures, Vietnam's
    comprehensive strategic partners and the dates of the events the article names."""
    common = {"format": "csv", "mediatype": "text/csv", "encoding": "utf-8"}
    return [
        {"name": "context_figures", "path": "context/figures.csv", **common,
         "title": "Figures the claims in words need beyond the tables' data: earlier years of Vietnam-Russia trade, "
                  "Vietnam's total trade in 2011, another partner's trade and seven-month FDI totals",
         "x-title-vi": "Các số liệu mà các nhận định bằng lời cần ngoài dữ liệu của các bảng: thương mại Việt Nam - Nga "
                       "những năm trước, tổng thương mại của Việt Nam năm 2011, thương mại với một đối tác khác và tổng "
                       "vốn FDI bảy tháng",
         "description": "One row per figure as its source states it; hedge keeps the source's qualifier.",
         "schema": {"fields": [
             {"name": "quantity", "type": "string", "constraints": {"required": True,
                                                                     "enum": ["turnover", "fdi_registered_total"]}},
             {"name": "subject", "type": "string", "constraints": {"required": True, "enum": [
                 "Russia", "New Zealand", "World"]}},
             {"name": "year", "type": "integer", "constraints": {"required": True, "minimum": 2000, "maximum": 2025}},
             {"name": "period", "type": "string", "constraints": {"required": True, "enum": ["FY", "7M"]}},
             {"name": "value", "type": "number", "constraints": {"required": True, "minimum": 0,
                                                                  "maximum": TRADE_MAX_USD_BN}},
             {"name": "unit", "type": "string", "constraints": {"required": True, "enum": ["USD_bn"]}},
             {"name": "hedge", "type": "string", "constraints": {"required": True,
                                                                  "enum": ["exact", "about", "more_than", "nearly"]},
              "description": "the source's own qualifier: stated plainly, about, more than, nearly"},
             {"name": "source_id", "type": "string", "constraints": {"required": True}},
         ], "primaryKey": ["quantity", "subject", "year", "period", "source_id"], "foreignKeys": [_fk("context_sources")]},
         "x-requiredRows": [{"where": {"quantity": "turnover", "subject": "Russia"}, "minRows": 2,
                             "for": "analysis/audit/claims.py: Vietnam-Russia trade before 2022"}],
         "sources": _sources("context", _used("context", "figures.csv")), "licenses": [LICENSES["facts"]]},
        {"name": "context_events", "path": "context/events.csv", **common,
         "title": "Dates of the events the article names (visits, meetings, documents, partnerships), one row per "
                  "source",
         "x-title-vi": "Ngày của các sự kiện mà bài báo nêu (chuyến thăm, cuộc gặp, văn kiện, quan hệ đối tác), mỗi "
                       "nguồn một dòng",
         "description": "date_kind 'on': the source dates the event; 'by': it only lists the event as done by the "
                        "date given.",
         "schema": {"fields": [
             {"name": "event", "type": "string", "constraints": {"required": True, "pattern": "[a-z_0-9]+"}},
             {"name": "subject", "type": "string", "constraints": {"required": True}},
             {"name": "date", "type": "string", "constraints": {"required": True, "pattern": r"\d{4}(-\d{2}(-\d{2})?)?"}},
             {"name": "date_kind", "type": "string", "constraints": {"required": True, "enum": ["on", "by"]}},
             {"name": "place", "type": "string"},
             {"name": "source_id", "type": "string", "constraints": {"required": True}},
         ], "primaryKey": ["event", "subject", "date", "source_id"], "foreignKeys": [_fk("context_sources")]},
         "x-requiredRows": [{"where": {"event": "csp"}, "minRows": 2,
                             "for": "analysis/audit/claims.py: Vietnam's comprehensive strategic partners"}],
         "sources": _sources("context", _used("context", "events.csv")), "licenses": [LICENSES["facts"]]},
        _sources_resource("context"),
    ]


def _hash(resource: dict, base: Path) -> dict:
    path = base / resource["path"]
    return {**resource, "bytes": path.stat().st_size, "hash": f"sha256:{sha256(path)}"}


def describe_raw() -> dict:
    resources = _arms_resources() + _trade_resources() + _fdi_resources() + _context_resources()
    docs = [{"name": f"{d}_provenance", "path": f"{d}/SOURCES.md", "format": "md", "mediatype": "text/markdown",
             **_titles("manifest.title.provenance", d)}
            for d in ("arms", "trade", "fdi", "fx", "context")]
    return {
        "name": "vn-russia-replication-raw",
        "title": "Raw inputs for the replication and audit of Tran (2026)",
        "description": "Figures gathered from public sources for recomputing Table 1, Table 2 and the SIPRI arms-import "
                       "series of Tran Thi Diem Tram (2026). Conflicting figures are all kept; which one a table uses "
                       "is a rule in analysis/. Files are read-only: code never writes here.",
        "licenses": list(LICENSES.values()),
        "resources": [_hash(r, RAW) for r in resources + docs],
    }


def describe_published() -> dict:
    fields = [
        {"name": "id", "type": "string", "constraints": {"required": True, "pattern": r"(T1|T2|A|X)-\d{2}"}},
        {"name": "result", "type": "string", "constraints": {"required": True, "enum": list(RESULTS)}},
        {"name": "section", "type": "string", "constraints": {"required": True, "pattern": r"\d(\.\d)?"}},
        {"name": "table", "type": "string"},
        {"name": "row", "type": "string"},
        {"name": "column", "type": "string"},
        {"name": "item", "type": "string", "constraints": {"required": True}},
        {"name": "printed", "type": "string", "constraints": {"required": True},
         "description": "the number exactly as the article prints it, with its hedge, arrow, scale word and currency"},
        {"name": "unit", "type": "string", "constraints": {"required": True, "enum": sorted(UNITS)},
         "description": "what the printed number measures; SIPRI trend-indicator values are 'TIV' even where the article writes USD"},
        {"name": "recompute_key", "type": "string", "constraints": {"required": True, "pattern": r"[a-z0-9_{}.]+"},
         "description": "registry key of the recomputed counterpart; {release} stands for the SIPRI release the article used"},
        {"name": "context", "type": "string", "description": "a few words of the article around the number (brief quotation, attributed)"},
    ]
    resource = {"name": "printed_numbers", "path": "printed_numbers.csv", "format": "csv", "mediatype": "text/csv",
                "encoding": "utf-8",
                "x-title-vi": "Mọi con số mà Trần (2026) in trong Bảng 1, Bảng 2, đoạn về vũ khí ở mục 3.1 và phần lời "
                              "văn về thương mại và đầu tư ở mục 1 và 3",
                "title": "Every number Tran (2026) prints in Table 1, Table 2, the arms passage of "
                "section 3.1 and the trade and FDI text of sections 1 and 3",
                "schema": {"fields": fields, "primaryKey": ["id"]},
                "x-requiredRows": [{"where": {}, "minRows": 1, "for": "analysis/audit/numbers.py judges every printed number"}],
                "sources": [{"title": "Tran Thi Diem Tram (2026). Quan hệ đối tác chiến lược toàn diện Việt Nam - Nga: "
                                      "Phân tích từ góc độ chủ nghĩa hiện thực cấu trúc. Duy Tan University journal."}]}
    claims = {"name": "claims", "path": "claims.csv", "format": "csv", "mediatype": "text/csv", "encoding": "utf-8",
              "x-title-vi": "Các nhận định bằng lời ở mục 1, 3.1-3.3 và 5 (và về danh mục tài liệu tham khảo) mà dữ liệu "
                            "có thể kiểm chứng, mỗi nhận định kèm phép kiểm tra đánh giá nó",
              "title": "The claims in words of sections 1, 3.1-3.3 and 5 (and on the reference list) that the data can "
              "speak to, each with the test that judges it",
              "schema": {"fields": [
                  {"name": "id", "type": "string", "constraints": {"required": True, "pattern": r"C-\d{2}"}},
                  {"name": "section", "type": "string", "constraints": {"required": True, "pattern": r"\d(\.\d)?"}},
                  {"name": "quote_vi", "type": "string", "constraints": {"required": True},
                   "description": "the article's words, quoted briefly ('...' marks a cut)"},
                  {"name": "gloss_en", "type": "string", "constraints": {"required": True}},
                  {"name": "test", "type": "string", "constraints": {"required": True, "pattern": "[a-z_]+"},
                   "description": "the rule that judges the claim (analysis/audit/claims.py, TESTS)"},
                  {"name": "params", "type": "string", "constraints": {"required": True},
                   "description": "the test's parameters, 'name=value' separated by '; ', lists by '|'"}],
                  "primaryKey": ["id"]},
              "x-requiredRows": [{"where": {}, "minRows": 1, "for": "analysis/audit/claims.py judges every claim"}],
              "sources": resource["sources"]}
    references = {"name": "references", "path": "references.csv", "format": "csv", "mediatype": "text/csv",
                  "encoding": "utf-8",
                  "x-title-vi": "Danh mục tài liệu tham khảo của bài báo, chép lại như bài báo in (số, tác giả, ngày, "
                                "tiêu đề và nơi đăng, URL)",
                  "title": "The article's reference list as it prints it (number, authors, date, title and outlet, URL), "
                           "read by the claims on its references",
                  "schema": {"fields": [
                      {"name": "number", "type": "integer", "constraints": {"required": True, "minimum": 1}},
                      {"name": "authors", "type": "string", "constraints": {"required": True}},
                      {"name": "date", "type": "string",
                       "constraints": {"required": True, "pattern": r"\d{4}(-\d{2}-\d{2})?"},
                       "description": "the date the article gives, as YYYY-MM-DD where it gives day and month"},
                      {"name": "entry", "type": "string", "constraints": {"required": True},
                       "description": "title and outlet as printed"},
                      {"name": "url", "type": "string", "description": "the URL the article gives (empty for a book)"}],
                      "primaryKey": ["number"]},
                  "x-requiredRows": [{"where": {}, "minRows": 1,
                                      "for": "analysis/audit/claims.py judges the claims on the article's references"}],
                  "sources": resource["sources"]}
    return {"name": "vn-russia-replication-published", "title": "Numbers printed in the article under audit",
            "licenses": [LICENSES["facts"]], "resources": [_hash(resource, PUBLISHED), _hash(claims, PUBLISHED),
                                                          _hash(references, PUBLISHED)]}


def main(argv: list[str] | None = None) -> int:
    which = (argv or sys.argv[1:] or ["raw"])[0]
    desc = {"raw": describe_raw, "published": describe_published}[which]()
    sys.stdout.write(dumps_json(desc))
    return 0


if __name__ == "__main__":
    sys.exit(main())
