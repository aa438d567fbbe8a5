"""Fault injection at the validator: each bad input stops validation with ONE leading message that names
the file, the row (line number), the column and the rule it breaks.

Every case copies data/raw and data/published to a temporary folder, injects one fault, re-hashes the
manifest where the case is meant to reach the schema checks, and runs the validator (or, for the printed
numbers, analysis.contract.published's loader).  The expected (file, row, column, rule) of each case was worked out
by hand from the files: line 1 of a CSV with a header is the header, so its first data row is line 2;
a row is named by the physical line it starts on, as an editor shows it.  A problem in the manifest itself
is named by the manifest's file and the place in it (`<resource name>.<key>...`) as its column.

The classes: the manifest and its files; malformed manifests (none may raise); paths confined to their
folder; cells (types, ranges, enums, patterns, keys, digits of other scripts, scientific notation, line
endings, cell size, file size); rows the compute steps need; rules across rows (parts against their
whole in trade, FDI and arms); the printed numbers (forms, conflicting signs, other scripts); the claims
in words (tests, parameters, partners, years, sections); and rows after a quoted newline.
"""
import hashlib
import json
import shutil
import os
import stat
import subprocess
import sys
import time
from dataclasses import dataclass, field
from typing import Callable

import pytest

from analysis.contract import validate
from analysis.contract.published import load as load_published
from analysis.contract.published import load_claims, read_table
from analysis.contract.validate import ValidationError, validate_package
from tests.conftest import ROOT, copy_data, rehash

TRADE = "raw/trade/vietnam_trade_by_partner.csv"
FDI = "raw/fdi/fdi_by_partner.csv"
FX = "raw/fx/ecb_eurofxref_2024_USD_SGD.csv"
REGISTER = "raw/arms/sipri_register_2025-01-03_VietNam_rows.csv"
WDI = "raw/arms/wdi_2026-04-08_VNM_row.csv"
JUSTIN = "raw/arms/sipri_tiv_table_justin2028_VietNam_row.csv"
RUS = "raw/arms/sipri_tiv_export_RUS_gen2022-07-28_VietNam_row.csv"
RAW_DP = "raw/datapackage.json"
PRINTED = "published/printed_numbers.csv"
CLAIMS = "published/claims.csv"
TRADE_SOURCES = "raw/trade/sources.csv"


# the position of each resource in the committed raw manifest (a manifest problem names it where a name cannot)
INDEX = {r["name"]: i for i, r in enumerate(json.loads((ROOT / "data" / RAW_DP).read_text(encoding="utf-8"))["resources"])}


# --- injectors ---------------------------------------------------------------------------

def edit(path: str, old: str, new: str):
    def inject(root):
        f = root / path
        text = f.read_bytes().decode("utf-8")
        assert old in text, old
        f.write_bytes(text.replace(old, new, 1).encode("utf-8"))
    return inject


def edit_bytes(path: str, old: bytes, new: bytes):
    def inject(root):
        f = root / path
        data = f.read_bytes()
        assert old in data, old
        f.write_bytes(data.replace(old, new, 1))
    return inject


def drop_lines(path: str, starts: str):
    """Delete every line starting with `starts`."""
    def inject(root):
        f = root / path
        lines = f.read_bytes().decode("utf-8").splitlines(keepends=True)
        kept = [ln for ln in lines if not ln.startswith(starts)]
        assert len(kept) < len(lines), starts
        f.write_bytes("".join(kept).encode("utf-8"))
    return inject


def drop_csv_rows(path: str, column: str, value: str):
    """Delete every data row whose `column` (a header label) equals `value`, keeping the other bytes as they are."""
    def inject(root):
        import csv
        f = root / path
        lines = f.read_bytes().decode("utf-8").splitlines(keepends=True)
        col = next(csv.reader([lines[0]])).index(column)
        kept = lines[:1] + [ln for ln in lines[1:] if next(csv.reader([ln]))[col] != value]
        assert len(kept) < len(lines), value
        f.write_bytes("".join(kept).encode("utf-8"))
    return inject


def keep_first_line(path: str):
    def inject(root):
        f = root / path
        f.write_bytes(f.read_bytes().split(b"\n", 1)[0] + b"\n")
    return inject


def write(path: str, data: bytes):
    def inject(root):
        (root / path).write_bytes(data)
    return inject


def append(path: str, data: str):
    def inject(root):
        f = root / path
        f.write_bytes(f.read_bytes() + data.encode("utf-8"))
    return inject


def delete(path: str):
    def inject(root):
        (root / path).unlink()
    return inject


def manifest(change: Callable[[dict], None], ascii: bool = False):
    """Edit the raw manifest (a dict) in place; with `ascii`, written with JSON's ASCII escapes (a lone surrogate
    can only be written so)."""
    def inject(root):
        dp = root / RAW_DP
        pkg = json.loads(dp.read_text(encoding="utf-8"))
        change(pkg)
        dp.write_text(json.dumps(pkg, ensure_ascii=ascii, indent=2), encoding="utf-8")
    return inject


def manifest_escaped(change: Callable[[dict], None]):
    """Edit the raw manifest, written with JSON's ASCII escapes."""
    return manifest(change, ascii=True)


def resource(pkg: dict, name: str) -> dict:
    return next(r for r in pkg["resources"] if r["name"] == name)


def remove_resource(name):
    return lambda pkg: pkg["resources"].remove(resource(pkg, name))


def drop_key(name, key):
    return lambda pkg: resource(pkg, name).pop(key)


def set_key(name, key, value):
    return lambda pkg: resource(pkg, name).__setitem__(key, value)


def to_crlf(path: str):
    def inject(root):
        f = root / path
        f.write_bytes(f.read_bytes().replace(b"\n", b"\r\n"))
    return inject


def raw_text(text: str):
    """Replace the whole raw manifest by `text` (for manifests that are not valid JSON)."""
    return write(RAW_DP, text.encode("utf-8"))


def symlink(path: str, target: str):
    """Replace `path` (under the copy) by a symbolic link to `target` (relative to the copy's root), first
    copying the file there when `path` exists, so that its bytes (and checksum) are unchanged."""
    def inject(root):
        link, dest = root / path, root / target
        dest.parent.mkdir(parents=True, exist_ok=True)
        if link.is_file():
            dest.write_bytes(link.read_bytes())
            link.unlink()
        elif not dest.exists():
            dest.mkdir()
            (dest / "extra.csv").write_bytes(b"a,b\n1,2\n")
        link.symlink_to(os.path.relpath(dest, link.parent))
    return inject


def both(*injectors):
    def inject(root):
        for i in injectors:
            i(root)
    return inject


def set_field(name: str, index: int, key: str, value):
    """Set one key of one schema field of a raw resource."""
    return lambda pkg: resource(pkg, name)["schema"]["fields"][index].__setitem__(key, value)


def set_constraint(name: str, index: int, key: str, value):
    return lambda pkg: resource(pkg, name)["schema"]["fields"][index]["constraints"].__setitem__(key, value)


def md5_of(path: str):
    def change(root):
        digest = hashlib.md5((root / path).read_bytes()).hexdigest()
        manifest(set_key("trade_by_partner", "hash", f"md5:{digest}"))(root)
    return change


# --- the cases ----------------------------------------------------------------------------

@dataclass
class Case:
    inject: Callable
    expected: tuple  # (file under the copy, row, column, rule)
    rehash: bool = False  # refresh bytes and sha256 so the case reaches the schema checks
    target: str = "raw"  # "raw": validate_package on the raw manifest; "published": the printed-number loader;
    # "claims": the claims' loader (analysis.contract.published.load_claims)
    detail: list = field(default_factory=list)  # words the message must contain


SHARES = "x-crossChecks: shares of one period at most 100%"
PARTS = "x-crossChecks: exports + imports = turnover"
REGISTER_VS_WDI = "x-crossChecks: register deliveries per year = WDI 2026 total"
TIV_PER_COUNTRY = "x-rowChecks: one country's imports in a year at most 10,000 TIV mn"

CASES = {
    # the manifest and the files it lists
    "resource removed from manifest": Case(manifest(remove_resource("fx_ecb_2024")),
                                           (FX, None, None, "package.files"), detail=["not listed"]),
    "hash field removed": Case(manifest(drop_key("trade_by_partner", "hash")),
                               (TRADE, None, None, "resource.hash"), detail=["no 'hash'"]),
    "bytes field removed": Case(manifest(drop_key("fdi_by_partner", "bytes")),
                                (FDI, None, None, "resource.bytes"), detail=["no 'bytes'"]),
    "hash in upper case": Case(manifest(lambda pkg: resource(pkg, "trade_by_partner").__setitem__(
                                   "hash", resource(pkg, "trade_by_partner")["hash"].upper())),
                               (TRADE, None, None, "resource.hash format"), detail=["sha256:<64 lowercase hex>"]),
    "md5 hash": Case(md5_of(TRADE), (TRADE, None, None, "resource.hash format"), detail=["md5"]),
    "hash of 63 digits": Case(manifest(lambda pkg: resource(pkg, "fx_ecb_2024").__setitem__(
                                  "hash", resource(pkg, "fx_ecb_2024")["hash"][:-1])),
                              (FX, None, None, "resource.hash format")),
    "unlisted extra file": Case(write("raw/trade/notes.txt", b"draft\n"),
                                ("raw/trade/notes.txt", None, None, "package.files")),
    "missing file": Case(delete(FDI), (FDI, None, None, "resource.path"), detail=["missing"]),
    "CRLF line endings from the checkout": Case(to_crlf(TRADE), (TRADE, None, None, "resource.hash"),
                                                detail=["converted to CRLF", "git config core.autocrlf false",
                                                        ".gitattributes"]),
    "edited file, checksum not refreshed": Case(edit(TRADE, "205.2", "205.3"), (TRADE, None, None, "resource.hash")),
    "invalid JSON manifest": Case(edit(RAW_DP, "{\n", "{\n  oops,\n"), (RAW_DP, 2, "3", "package.json"),
                                  detail=["invalid JSON"]),
    # cells: types, ranges, enums, patterns, keys
    "absurd value 1e12 in a Table 1 row": Case(edit(TRADE, "China,2024,FY,turnover,205.2,", "China,2024,FY,turnover,1000000000000,"),
                                               (TRADE, 2, "value_usd_bn", "constraints.maximum"), rehash=True,
                                               detail=["plausible maximum 1500"]),
    "negative trade value": Case(edit(TRADE, "China,2024,FY,exports,61.2,", "China,2024,FY,exports,-61.2,"),
                                 (TRADE, 3, "value_usd_bn", "constraints.minimum"), rehash=True),
    "negative FDI value": Case(edit(FDI, "Singapore,2025-12M,registered_new,4.84", "Singapore,2025-12M,registered_new,-4.84"),
                               (FDI, 8, "value", "x-rowChecks: non-negative unless a percentage change"), rehash=True),
    "non-numeric value": Case(edit(TRADE, "China,2024,FY,exports,61.2,", "China,2024,FY,exports,61.2x,"),
                              (TRADE, 3, "value_usd_bn", "type number"), rehash=True),
    "date 2024-02-30": Case(edit(FX, "2024-02-29,", "2024-02-30,"), (FX, 44, "Date", "type date"), rehash=True,
                            detail=["not a real calendar date"]),
    "share above 100": Case(edit(FDI, "Singapore,2025-12M,share_pct_of_registered_new,27.9,",
                                 "Singapore,2025-12M,share_pct_of_registered_new,127.9,"),
                            (FDI, 9, "value", "x-rowChecks: a share is a percentage from 0 to 100"), rehash=True),
    "one country's year above 10,000 TIV mn": Case(edit(JUSTIN, ",362,1212,855,", ",362,12120,855,"),
                                                   (JUSTIN, 2, "2014", TIV_PER_COUNTRY), rehash=True),
    "duplicate primary key": Case(append(TRADE, "China,2024,FY,turnover,205.2,DNTT_20250117,exact\n"),
                                  (TRADE, 76, "partner,year,period,flow,source_id", "primaryKey"), rehash=True,
                                  detail=["first on line 2"]),
    "unknown enum value": Case(edit(TRADE, "Russia,2024,FY,turnover,4.57", "Rusia,2024,FY,turnover,4.57"),
                               (TRADE, 59, "partner", "constraints.enum"), rehash=True),
    "bad pattern": Case(edit(FDI, "Total,2025-12M,registered_total,38.42,bn_USD,S01", "Total,2025-12,registered_total,38.42,bn_USD,S01"),
                        (FDI, 2, "period", "constraints.pattern"), rehash=True),
    "non-UTF-8 bytes": Case(edit_bytes(TRADE, b"China,2024,FY,exports,61.2,", b"Ch\xffina,2024,FY,exports,61.2,"),
                            (TRADE, 3, "partner", "encoding utf-8"), rehash=True, detail=["ff"]),
    "wrong header": Case(edit(TRADE, "value_usd_bn", "value_bn"), (TRADE, 1, "value_usd_bn", "header"), rehash=True),
    "short row": Case(edit(TRADE, "China,2024,FY,exports,61.2,DNTT_20250117,exact", "China,2024,FY,exports,61.2,DNTT_20250117"),
                      (TRADE, 3, "qualifier", "row length"), rehash=True),
    "unknown source id": Case(edit(TRADE, "DTINEWS_20241219", "NOWHERE_2024"),
                              (TRADE, 69, "source_id", "foreignKeys"), rehash=True),
    # rows the compute steps need
    "empty headerless WDI file": Case(write(WDI, b""), (WDI, None, None, "x-requiredRows"), rehash=True,
                                      detail=["no rows"]),
    "header-only CSV": Case(keep_first_line(FDI), (FDI, None, None, "x-requiredRows"), rehash=True,
                            detail=["no data rows"]),
    "WDI file with two rows": Case(lambda root: (root / WDI).write_bytes((root / WDI).read_bytes() * 2),
                                   (WDI, 2, None, "x-requiredRows"), rehash=True, detail=["at most 1"]),
    "SIPRI exporter table without its Viet Nam row": Case(keep_first_line(RUS), (RUS, None, None, "x-requiredRows"),
                                                         rehash=True),
    "deleted required row: China 2024 FY turnover": Case(drop_lines(TRADE, "China,2024,FY,turnover,"),
                                                         (TRADE, None, "partner,year,period,flow", "x-requiredRows"),
                                                         rehash=True, detail=["partner='China'", "analysis/compute/trade.py"]),
    "deleted required row: register year 2007": Case(drop_csv_rows(REGISTER, "Delivery year", "2007"),
                                                     (REGISTER, None, "delivery_year", "x-requiredRows"), rehash=True,
                                                     detail=["delivery_year='2007'"]),
    "deleted required row: FDI 2024 total": Case(drop_lines(FDI, "Total,2024-12M,registered_total,"),
                                                 (FDI, None, "partner,period,measure", "x-requiredRows"), rehash=True),
    # rules across rows and files
    "register year no longer sums to the WDI total": Case(edit(REGISTER, "New,14,14,14,Yes", "New,14,14,24,Yes"),
                                                          (REGISTER, 2, "tiv_delivery_values", REGISTER_VS_WDI),
                                                          rehash=True, detail=["2021", "254.5", "245"]),
    "exports + imports no longer match turnover": Case(edit(TRADE, "China,2024,FY,imports,144.0,DNTT",
                                                            "China,2024,FY,imports,145.0,DNTT"),
                                                       (TRADE, 2, "value_usd_bn", PARTS), rehash=True,
                                                       detail=["206.2", "205.2"]),
    "shares of one period above 100": Case(edit(FDI, "Singapore,2025-12M,share_pct_of_registered_new,27.9,",
                                                "Singapore,2025-12M,share_pct_of_registered_new,97.9,"),
                                           (FDI, 9, "value", SHARES), rehash=True, detail=["144.1"]),
    "stated total no longer the sum of the years": Case(edit(RUS, ",72,7402", ",72,7502"),
                                                        (RUS, 2, "Total", "x-crossChecks: Total = sum of the years"),
                                                        rehash=True),
    "documented exception that no longer occurs": Case(
        edit(TRADE, "United States,2024,FY,turnover,132,", "United States,2024,FY,turnover,134,"),
        (TRADE, None, "partner,year,period,source_id", "x-exceptions"), rehash=True, detail=["no longer occurs"]),
    # an exception excuses one known fact: its group named completely, its figures as printed
    "a changed value inside an excepted group": Case(
        edit(TRADE, "China,2023,FY,exports,61.2,TBTC_EN_20240918", "China,2023,FY,exports,99.9,TBTC_EN_20240918"),
        (TRADE, 14, "value_usd_bn", PARTS), rehash=True,
        detail=["exports 99.9", "excuses turnover 171.2, exports 61.2, imports 110.6, not turnover 171.2, exports 99.9"]),
    "a larger violation in an excepted group": Case(
        edit(TRADE, "United States,2024,FY,exports,119,MOF", "United States,2024,FY,exports,200,MOF"),
        (TRADE, 21, "value_usd_bn", PARTS), rehash=True, detail=["= 215", "excuses turnover 132, exports 119"]),
    "an exception for other figures than the file's": Case(
        manifest(lambda pkg: resource(pkg, "trade_by_partner")["x-exceptions"][0]["values"].__setitem__("turnover", "171.3")),
        (TRADE, 14, "value_usd_bn", PARTS), detail=["excuses turnover 171.3"]),
    "an exception with a partial where": Case(
        manifest(lambda pkg: resource(pkg, "trade_by_partner")["x-exceptions"][0]["where"].pop("source_id")),
        (RAW_DP, None, "trade_by_partner.x-exceptions[0].where", "x-exceptions"),
        detail=["names partner, year, period;", "named by partner, year, period, source_id"]),
    "an exception with an empty where": Case(
        manifest(lambda pkg: resource(pkg, "trade_by_partner")["x-exceptions"][1].__setitem__("where", {})),
        (RAW_DP, None, "trade_by_partner.x-exceptions[1].where", "x-exceptions"), detail=["names no field"]),
    "an exception that names no values": Case(
        manifest(lambda pkg: resource(pkg, "trade_by_partner")["x-exceptions"][2].pop("values")),
        (RAW_DP, None, "trade_by_partner.x-exceptions[2].values", "x-exceptions"), detail=["names the values"]),
    # text no reader sees as written: direction controls and lone surrogates, in any text field of any input
    "a right-to-left override in a publisher": Case(
        edit(TRADE_SOURCES, "Doanh nghiệp & Tiếp thị", "Doanh nghiệp \u202e& Tiếp thị"),
        (TRADE_SOURCES, 2, "publisher", "text"), rehash=True, detail=["RIGHT-TO-LEFT OVERRIDE (U+202E)"]),
    "a right-to-left mark in a raw value": Case(
        edit(TRADE, "China,2024,FY,exports,61.2,", "China\u200f,2024,FY,exports,61.2,"),
        (TRADE, 3, "partner", "text"), rehash=True, detail=["RIGHT-TO-LEFT MARK (U+200F)"]),
    "a left-to-right isolate in a claim's quote": Case(
        edit(CLAIMS, "Nga dù là", "Nga \u2066dù là\u2069"),
        (CLAIMS, 3, "quote_vi", "text"), target="claims", detail=["LEFT-TO-RIGHT ISOLATE (U+2066)"]),
    "a direction override in a printed item": Case(
        edit(PRINTED, "T1-01,table1,3.3,Bảng 1,Việt Nam – Trung Quốc,", "T1-01,table1,3.3,Bảng 1,Việt Nam – \u202dTrung Quốc,"),
        (PRINTED, 2, "row", "text"), target="published", detail=["LEFT-TO-RIGHT OVERRIDE (U+202D)"]),
    "a lone surrogate in a manifest title": Case(
        manifest_escaped(set_key("fx_ecb_2024", "title", "ECB rates \ud800")),
        (RAW_DP, None, "fx_ecb_2024.title", "package.text"), detail=["lone surrogate (U+D800)"]),
    "a lone surrogate in a source's quote in the manifest": Case(
        manifest_escaped(lambda pkg: resource(pkg, "trade_by_partner")["sources"][0].__setitem__("x-quote", "\udc00")),
        (RAW_DP, None, "trade_by_partner.sources[0].x-quote", "package.text"), detail=["lone surrogate (U+DC00)"]),
    "a direction control in a field name": Case(
        manifest(set_field("trade_by_partner", 0, "name", "partner\u202b")),
        (RAW_DP, None, "trade_by_partner.schema.fields[0].name", "package.text"), detail=["RIGHT-TO-LEFT EMBEDDING"]),
    "a direction control in a manifest key": Case(
        manifest(set_key("fx_ecb_2024", "x-note\u2067", "a note")),
        (RAW_DP, None, "fx_ecb_2024.x-note\u2067", "package.text"), detail=["the key holds RIGHT-TO-LEFT ISOLATE"]),
    # the printed numbers, checked where they are read
    "unknown recompute_key": Case(edit(PRINTED, "trade.turnover_2024.china,", "trade.turnover_2024.chna,"),
                                  (PRINTED, 2, "recompute_key", "article.auditable_keys"), target="published"),
    "section 3.7": Case(edit(PRINTED, "T1-01,table1,3.3,", "T1-01,table1,3.7,"),
                        (PRINTED, 2, "section", "article.SECTIONS"), target="published"),
    "unknown table": Case(edit(PRINTED, "T1-01,table1,3.3,Bảng 1,", "T1-01,table1,3.3,Bảng 3,"),
                          (PRINTED, 2, "table", "article.TABLES"), target="published"),
    "unknown table row": Case(edit(PRINTED, "Bảng 1,Việt Nam – Nga,", "Bảng 1,Việt Nam – Lào,"),
                              (PRINTED, 7, "row", "article.TABLES rows"), target="published"),
    "unknown column": Case(edit(PRINTED, "Việt Nam – Trung Quốc,Kim ngạch thương mại (USD),",
                                "Việt Nam – Trung Quốc,Kim ngạch (USD),"),
                           (PRINTED, 2, "column", "article.TABLES columns"), target="published"),
    "result contradicts the table": Case(edit(PRINTED, "T1-01,table1,", "T1-01,table2,"),
                                         (PRINTED, 2, "result", "article.TABLES result"), target="published"),
    "table result without a table": Case(edit(PRINTED, "A-01,arms,3.1,,", "A-01,table1,3.1,,"),
                                         (PRINTED, 42, "table", "article.TABLES result"), target="published"),
    "unparseable printed form": Case(edit(PRINTED, '"~205,2 tỷ USD"', '"~205.2 tỷ USD"'),
                                     (PRINTED, 2, "printed", "printed form"), target="published"),

    # --- malformed manifests: each one message with its place and rule, never an exception -------------
    "schema without fields": Case(manifest(set_key("trade_by_partner", "schema", {"primaryKey": ["partner"]})),
                                  (RAW_DP, None, "trade_by_partner.schema", "resource.schema"), detail=["no fields"]),
    "empty list of fields": Case(manifest(set_key("fx_ecb_2024", "schema", {"fields": []})),
                                 (RAW_DP, None, "fx_ecb_2024.schema", "resource.schema")),
    "string where a number belongs (maximum)": Case(manifest(set_constraint("trade_by_partner", 4, "maximum", "1500")),
                                                    (RAW_DP, None, "trade_by_partner.schema.fields[4].constraints.maximum",
                                                     "schema.constraints"), detail=["must be a number", "'1500'"]),
    "string where a number belongs (bytes)": Case(manifest(set_key("fdi_by_partner", "bytes", "1234")),
                                                  (RAW_DP, None, "fdi_by_partner.bytes", "resource.bytes")),
    "string where a flag belongs (required)": Case(manifest(set_constraint("fx_ecb_2024", 1, "required", "yes")),
                                                   (RAW_DP, None, "fx_ecb_2024.schema.fields[1].constraints.required",
                                                    "schema.constraints")),
    "invalid regular expression": Case(manifest(set_constraint("fdi_by_partner", 1, "pattern", "[0-9")),
                                       (RAW_DP, None, "fdi_by_partner.schema.fields[1].constraints.pattern",
                                        "schema.constraints"), detail=["not a valid regular expression"]),
    "unknown field type": Case(manifest(set_field("fx_ecb_2024", 1, "type", "geopoint")),
                               (RAW_DP, None, "fx_ecb_2024.schema.fields[1].type", "schema.fields type"),
                               detail=["'geopoint'", "does not implement"]),
    "field without a name": Case(manifest(lambda pkg: resource(pkg, "fx_ecb_2024")["schema"]["fields"][2].pop("name")),
                                 (RAW_DP, None, "fx_ecb_2024.schema.fields[2]", "schema.fields")),
    "primary key names no field": Case(manifest(lambda pkg: resource(pkg, "fx_ecb_2024")["schema"].__setitem__(
                                           "primaryKey", ["Datum"])),
                                       (RAW_DP, None, "fx_ecb_2024.schema.primaryKey", "schema.primaryKey")),
    "foreign key to an unknown resource": Case(manifest(lambda pkg: resource(pkg, "trade_by_partner")["schema"][
                                                   "foreignKeys"][0]["reference"].__setitem__("resource", "nowhere")),
                                               (RAW_DP, None, "trade_by_partner.schema.foreignKeys[0].reference.resource",
                                                "schema.foreignKeys")),
    "cross-check of an unknown kind": Case(manifest(lambda pkg: resource(pkg, "trade_by_partner")["x-crossChecks"][0]
                                                    .__setitem__("kind", "parts_multiply")),
                                           (RAW_DP, None, "trade_by_partner.x-crossChecks[0].kind", "x-crossChecks")),
    "row check with a string minimum": Case(manifest(lambda pkg: resource(pkg, "fdi_by_partner")["x-rowChecks"][0]
                                                     .__setitem__("minimum", "0")),
                                            (RAW_DP, None, "fdi_by_partner.x-rowChecks[0].minimum", "x-rowChecks")),
    "required rows on an unknown field": Case(manifest(lambda pkg: resource(pkg, "trade_by_partner")["x-requiredRows"][0]
                                                       .__setitem__("where", {"land": "China"})),
                                              (RAW_DP, None, "trade_by_partner.x-requiredRows[0].where", "x-requiredRows")),
    "exception to an unknown check": Case(manifest(lambda pkg: resource(pkg, "trade_by_partner")["x-exceptions"][0]
                                                   .__setitem__("check", "no such check")),
                                          (RAW_DP, None, "trade_by_partner.x-exceptions[0].check", "x-exceptions")),
    "dialect header not a flag": Case(manifest(set_key("wdi_2026_04_08", "dialect", {"header": "no"})),
                                      (RAW_DP, None, "wdi_2026_04_08.dialect", "resource.dialect")),
    "resources not a list": Case(raw_text('{"name": "x", "resources": {"a": 1}}'), (RAW_DP, None, None, "package.json"),
                                 detail=["no list 'resources'"]),
    "deeply nested JSON": Case(raw_text('{"resources": [], "x": ' + "[" * 200_000 + "]" * 200_000 + "}"),
                               (RAW_DP, None, None, "package.json"), detail=["nested too deeply"]),
    "truncated JSON": Case(raw_text('{\n  "name": "x",\n  "resources": [\n    {"name": "a", "path": "a.csv"'),
                           (RAW_DP, 4, "34", "package.json"), detail=["invalid JSON", "line 4, column 34"]),
    "manifest not UTF-8": Case(lambda root: (root / RAW_DP).write_bytes(b"\xff\xfe" + (root / RAW_DP).read_bytes()),
                               (RAW_DP, None, None, "package.json"), detail=["not UTF-8"]),
    "a list where a kind belongs": Case(manifest(lambda pkg: resource(pkg, "trade_by_partner")["x-crossChecks"][0]
                                                 .__setitem__("kind", [])),
                                        (RAW_DP, None, "trade_by_partner.x-crossChecks[0].kind", "x-crossChecks")),
    "an object where a column belongs": Case(manifest(lambda pkg: resource(pkg, "fdi_by_partner")["x-rowChecks"][0]
                                                      ["unless"].__setitem__("column", {})),
                                             (RAW_DP, None, "fdi_by_partner.x-rowChecks[0].unless", "x-rowChecks")),
    "foreign key to a field its resource lacks": Case(manifest(lambda pkg: resource(pkg, "trade_by_partner")["schema"][
                                                          "foreignKeys"][0]["reference"].__setitem__("fields", ["id"])),
                                                      (RAW_DP, None, "trade_by_partner.schema.foreignKeys[0].reference.fields",
                                                       "schema.foreignKeys")),
    "schema null on a CSV": Case(manifest(set_key("sipri_register_2025", "schema", None)),
                                 (REGISTER, None, None, "resource.schema")),
    "a number where a title belongs": Case(manifest(set_key("fx_ecb_2024", "title", 2024)),
                                           (RAW_DP, None, "fx_ecb_2024.title", "resource.metadata")),
    "a licence without a title": Case(manifest(set_key("fx_ecb_2024", "licenses", [{"path": "https://example.org"}])),
                                      (RAW_DP, None, "fx_ecb_2024.licenses", "resource.metadata")),
    "package licences not a list": Case(manifest(lambda pkg: pkg.__setitem__("licenses", "CC-BY-4.0")),
                                        (RAW_DP, None, "licenses", "package.metadata")),
    # --- paths confined to their folder, names and paths unique ---------------------------------------
    "path with ..": Case(manifest(set_key("fx_ecb_2024", "path", "../published/claims.csv")),
                         (RAW_DP, None, "fx_ecb_2024.path", "resource.path"), detail=["'..'"]),
    "absolute path": Case(manifest(set_key("fx_ecb_2024", "path", "/etc/hostname")),
                          (RAW_DP, None, "fx_ecb_2024.path", "resource.path"), detail=["absolute"]),
    "NUL in a path": Case(manifest(set_key("fx_ecb_2024", "path", "fx/ecb\x00.csv")),
                          (RAW_DP, None, "fx_ecb_2024.path", "resource.path"), detail=["NUL"]),
    "backslash in a path": Case(manifest(set_key("fx_ecb_2024", "path", "fx\\ecb_eurofxref_2024_USD_SGD.csv")),
                                (RAW_DP, None, "fx_ecb_2024.path", "resource.path"), detail=["backslash"]),
    "brace in a listed path": Case(manifest(set_key("fx_ecb_2024", "path", "fx/ecb_{year}.csv")),
                                   (RAW_DP, None, "fx_ecb_2024.path", "resource.path"), detail=["brace", "wildcard"]),
    "brace in a file name": Case(write("raw/trade/{draft}.csv", b"a\n"),
                                 ("raw/trade/{draft}.csv", None, None, "package.files name"), detail=["Snakemake"]),
    "duplicate resource name": Case(manifest(set_key("fdi_by_partner", "name", "trade_by_partner")),
                                    (RAW_DP, None, f"resources[{INDEX['fdi_by_partner']}].name", "resource.name unique"),
                                    detail=[f"resources[{INDEX['trade_by_partner']}]"]),
    "duplicate resource path": Case(manifest(set_key("fx_sources", "path", "fx/ecb_eurofxref_2024_USD_SGD.csv")),
                                    (RAW_DP, None, f"resources[{INDEX['fx_sources']}].path", "resource.path unique")),
    "symlink out of the folder": Case(symlink(FX, "outside/ecb.csv"), (FX, None, None, "package.files symlink"),
                                      detail=["outside the package folder"]),
    "symlinked folder out of the folder": Case(symlink("raw/trade/more", "outside/more"),
                                               ("raw/trade/more", None, None, "package.files symlink")),
    "symlinked folder inside holding unlisted files": Case(
        lambda root: (root / "raw/trade/linked").symlink_to("../fx"),
        ("raw/trade/linked/SOURCES.md", None, None, "package.files"), detail=["not listed"]),
    "file above the size limit": Case(append(TRADE, "#" * (validate.MAX_FILE_BYTES + 1)), (TRADE, None, None, "resource.size"),
                                      rehash=True, detail=["limit"]),
    # --- cells: digits of other scripts, scientific notation, line endings, cell size ---------------------
    "full-width digits in a raw value": Case(edit(TRADE, "China,2024,FY,exports,61.2,", "China,2024,FY,exports,６1.2,"),
                                             (TRADE, 3, "value_usd_bn", "type number"), rehash=True,
                                             detail=["FULLWIDTH DIGIT SIX", "ASCII"]),
    "Arabic-Indic digits in a raw value": Case(edit(FDI, "Singapore,2025-12M,registered_new,4.84",
                                                    "Singapore,2025-12M,registered_new,٤.٨٤"),
                                               (FDI, 8, "value", "type number"), rehash=True,
                                               detail=["ARABIC-INDIC DIGIT FOUR"]),
    "full-width digits in a year": Case(edit(TRADE, "China,2024,FY,exports,61.2,", "China,２024,FY,exports,61.2,"),
                                        (TRADE, 3, "year", "type integer"), rehash=True, detail=["FULLWIDTH DIGIT TWO"]),
    "Arabic-Indic digit in a date": Case(edit(FX, "2024-02-29,", "2024-02-2٩,"), (FX, 44, "Date", "type date"), rehash=True),
    "other digits against a pattern": Case(edit(FDI, "Total,2025-12M,registered_total,38.42,bn_USD,S01",
                                                "Total,２０25-12M,registered_total,38.42,bn_USD,S01"),
                                           (FDI, 2, "period", "constraints.pattern"), rehash=True),
    "scientific notation in a raw value": Case(edit(TRADE, "China,2024,FY,turnover,205.2,", "China,2024,FY,turnover,2.052e2,"),
                                               (TRADE, 2, "value_usd_bn", "type number"), rehash=True,
                                               detail=["scientific notation"]),
    "scientific notation with a capital E": Case(edit(RUS, ",72,7402", ",72,7.402E3"), (RUS, 2, "Total", "type number"),
                                                 rehash=True, detail=["scientific notation"]),
    "thousands space in a raw value": Case(edit(FDI, "Taiwan,2025-12M,registered_new,965.8", "Taiwan,2025-12M,registered_new,9\u00a065.8"),
                                           (FDI, 18, "value", "type number"), rehash=True, detail=["NO-BREAK SPACE"]),
    "thin space in a raw value": Case(edit(TRADE, "China,2024,FY,turnover,205.2,", "China,2024,FY,turnover,1\u2009205.2,"),
                                      (TRADE, 2, "value_usd_bn", "type number"), rehash=True, detail=["THIN SPACE"]),
    "Unicode minus in a raw value": Case(edit(FDI, "Total,2024-12M,registered_total_yoy_pct,-3,", "Total,2024-12M,registered_total_yoy_pct,\u22123,"),
                                         (FDI, 32, "value", "type number"), rehash=True, detail=["MINUS SIGN"]),
    "decimal comma in a raw value": Case(edit(TRADE, "China,2024,FY,exports,61.2,", 'China,2024,FY,exports,"61,2",'),
                                         (TRADE, 3, "value_usd_bn", "type number"), rehash=True, detail=["decimal comma"]),
    "CR-only line endings": Case(lambda root: (root / FX).write_bytes((root / FX).read_bytes().replace(b"\n", b"\r")),
                                 (FX, 1, None, "line endings"), rehash=True, detail=["lone CR"]),
    "one lone CR inside the file": Case(edit_bytes(TRADE, b"China,2024,FY,exports,61.2,DNTT_20250117,exact\n",
                                                   b"China,2024,FY,exports,61.2,DNTT_20250117,exact\r"),
                                        (TRADE, 3, None, "line endings"), rehash=True),
    "200,000-character cell": Case(edit(TRADE_SOURCES, "MOFA_DANTRI_20250829,Dân trí,", "MOFA_DANTRI_20250829," + "x" * 200_000 + ","),
                                   (TRADE_SOURCES, 3, None, "cell size"), rehash=True),
    "20,000-character cell": Case(edit(TRADE_SOURCES, "MOFA_DANTRI_20250829,Dân trí,", "MOFA_DANTRI_20250829," + "x" * 20_000 + ","),
                                  (TRADE_SOURCES, 3, "publisher", "cell size"), rehash=True, detail=["20000"]),
    "negative TIV in the register": Case(edit(REGISTER, "New,14,14,14,Yes", "New,14,14,-14,Yes"),
                                         (REGISTER, 2, "tiv_delivery_values", "constraints.minimum"), rehash=True),
    "negative WDI value": Case(edit(WDI, '"MS.MIL.MPRT.KD","103000000"', '"MS.MIL.MPRT.KD","-103000000"'),
                               (WDI, 1, "1960", "constraints.minimum"), rehash=True),
    # --- parts against their whole, in every table where parts have one -----------------------------------
    "a partner above Vietnam's total trade": Case(edit(TRADE, "Russia,2024,FY,turnover,4.57,", "Russia,2024,FY,turnover,800,"),
                                                  (TRADE, 59, "value_usd_bn", "x-crossChecks: a partner at most Vietnam's total"),
                                                  rehash=True, detail=["786.29", "line 67"]),
    "exports above turnover": Case(edit(TRADE, "Japan,2024,FY,exports,24.61,", "Japan,2024,FY,exports,50.00,"),
                                   (TRADE, 46, "value_usd_bn", "x-crossChecks: exports and imports at most turnover"),
                                   rehash=True, detail=["46.20"]),
    "an investor above the FDI total": Case(edit(FDI, "Singapore,2025-12M,registered_new,4.84", "Singapore,2025-12M,registered_new,18.00"),
                                            (FDI, 8, "value", "x-crossChecks: a partner at most the total"), rehash=True,
                                            detail=["17.32", "line 4"]),
    "new capital above the registered total": Case(edit(FDI, "Total,2025-12M,registered_new,17.32,bn_USD,S01",
                                                        "Total,2025-12M,registered_new,40.00,bn_USD,S01"),
                                                   (FDI, 4, "value", "x-crossChecks: a component at most the registered total"),
                                                   rehash=True, detail=["38.42"]),
    "Viet Nam above the world's arms imports": Case(both(edit(JUSTIN, "Viet Nam,,", "Viet Nam,9000,"),
                                                         edit(JUSTIN, ",32,26944", ",32,35944")),
                                                    (JUSTIN, 2, "1950", "x-crossChecks: Viet Nam at most the world total"),
                                                    rehash=True, detail=["8092"]),
    "Russia's deliveries above Viet Nam's imports": Case(both(edit(RUS, ",313,1056,735,", ",313,1300,735,"),
                                                              edit(RUS, ",72,7402", ",72,7646")),
                                                         (RUS, 2, "2014", "x-crossChecks: Russia at most Viet Nam's imports "
                                                                          "from all suppliers"),
                                                         rehash=True, detail=["1212", JUSTIN.rsplit("/", 1)[1]]),
    # --- rows are named by the line they start on, after a quoted newline too -----------------------------
    "raw row after a quoted newline": Case(both(edit(TRADE_SOURCES, ",Thương mại Việt Nam - Trung Quốc cán mốc",
                                                     ',"Thương mại Việt Nam - Trung Quốc\ncán mốc'),
                                                edit(TRADE_SOURCES, "kỷ lục 205 tỷ USD năm 2024,", 'kỷ lục 205 tỷ USD năm 2024",'),
                                                edit(TRADE_SOURCES, "2025-08-29,no,", "2025-08-29,maybe,")),
                                           (TRADE_SOURCES, 4, "date_inferred", "constraints.enum"), rehash=True),
    "printed row after a quoted newline": Case(both(edit(PRINTED, '"Việt Nam – Trung Quốc | ~205,2 tỷ USD"',
                                                         '"Việt Nam – Trung Quốc\n~205,2 tỷ USD"'),
                                                    edit(PRINTED, "trade.turnover_2024.united_states,", "trade.turnover_2024.usa,")),
                                               (PRINTED, 4, "recompute_key", "article.auditable_keys"), target="published"),
    "claim row after a quoted newline": Case(both(edit(CLAIMS, '"con số khiêm tốn', '"con số\nkhiêm tốn'),
                                                  edit(CLAIMS, "C-03,3.1,", "C-03,3.9,")),
                                             (CLAIMS, 5, "section", "article.SECTIONS"), target="claims"),
    # --- printed numbers: read as a person reads them, or refused ----------------------------------------
    "down arrow with a minus sign": Case(edit(PRINTED, ',"↓8,0%",% change,fdi.yoy.singapore,', ',"↓-8,0%",% change,fdi.yoy.singapore,'),
                                         (PRINTED, 9, "printed", "printed form"), target="published",
                                         detail=["both the arrow", "'-'"]),
    "up arrow with a Unicode minus": Case(edit(PRINTED, ',"↓8,0%",% change,fdi.yoy.singapore,', ',"↑\u22128,0%",% change,fdi.yoy.singapore,'),
                                          (PRINTED, 9, "printed", "printed form"), target="published"),
    "full-width digits in a printed number": Case(edit(PRINTED, '"~205,2 tỷ USD"', '"~２０５,2 tỷ USD"'),
                                                  (PRINTED, 2, "printed", "printed form"), target="published",
                                                  detail=["FULLWIDTH DIGIT TWO"]),
    "Arabic-Indic digits in a printed number": Case(edit(PRINTED, '"~205,2 tỷ USD"', '"~٢٠٥,٢ tỷ USD"'),
                                                    (PRINTED, 2, "printed", "printed form"), target="published",
                                                    detail=["ARABIC-INDIC"]),
    "scientific notation in a printed number": Case(edit(PRINTED, '"~205,2 tỷ USD"', '"~2,052e2 tỷ USD"'),
                                                    (PRINTED, 2, "printed", "printed form"), target="published"),
    "two signs in a printed number": Case(edit(PRINTED, ',"↓8,0%",% change,fdi.yoy.singapore,', ',"--8,0%",% change,fdi.yoy.singapore,'),
                                          (PRINTED, 9, "printed", "printed form"), target="published", detail=["two signs"]),
    # --- the claims in words under the contract -------------------------------------------------------------
    "unknown claim test": Case(edit(CLAIMS, ",exceeds,subjects=china|united_states;", ",exceedz,subjects=china|united_states;"),
                               (CLAIMS, 2, "test", "claims.TESTS"), target="claims"),
    "parameter without =": Case(edit(CLAIMS, "rank_at_least,subject=russia;", "rank_at_least,subject russia;"),
                                (CLAIMS, 3, "params", "claims.params form"), target="claims", detail=["no '='"]),
    "factor not a number": Case(edit(CLAIMS, "measure=turnover; factor=2|10", "measure=turnover; factor=ten"),
                                (CLAIMS, 2, "params", "claims.PARAMS factor"), target="claims", detail=["factor"]),
    "factor in other digits": Case(edit(CLAIMS, "measure=turnover; factor=2|10", "measure=turnover; factor=2|１0"),
                                   (CLAIMS, 2, "params", "claims.PARAMS factor"), target="claims"),
    "unknown partner": Case(edit(CLAIMS, "base=russia; measure=turnover; factor=2|10", "base=rusia; measure=turnover; factor=2|10"),
                            (CLAIMS, 2, "params", "claims.PARAMS trade_partner"), target="claims", detail=["'rusia'"]),
    "unknown partner in a list": Case(edit(CLAIMS, "others=china|south_korea", "others=china|narnia"),
                                      (CLAIMS, 19, "params", "claims.PARAMS fdi_partners"), target="claims",
                                      detail=["'narnia'"]),
    "year beyond the data": Case(edit(CLAIMS, "trend_down,first=2017; last=2023", "trend_down,first=2017; last=2031"),
                                 (CLAIMS, 10, "params", "claims.PARAMS arms_year"), target="claims", detail=["2031"]),
    "supplier year beyond the split": Case(edit(CLAIMS, "share_lower,first=2022; last=2022", "share_lower,first=2024; last=2024"),
                                           (CLAIMS, 12, "params", "claims.PARAMS supplier_year"), target="claims"),
    "first year after the last": Case(edit(CLAIMS, "largest_supplier,first=2000; last=2019",
                                           "largest_supplier,first=2019; last=2000"),
                                      (CLAIMS, 13, "params", "claims.PARAMS span"), target="claims"),
    "a section the article does not have": Case(edit(CLAIMS, "C-03,3.1,", "C-03,3.9,"),
                                                (CLAIMS, 4, "section", "article.SECTIONS"), target="claims"),
    "missing parameter": Case(edit(CLAIMS, "share_below,subject=russia; measure=turnover; threshold=1\nC-08",
                                   "share_below,subject=russia; measure=turnover\nC-08"),
                              (CLAIMS, 8, "params", "claims.PARAMS"), target="claims", detail=["needs the parameter 'threshold'"]),
    "unknown parameter": Case(edit(CLAIMS, "proxy_above,threshold=80", "proxy_above,threshold=80; colour=red"),
                              (CLAIMS, 15, "params", "claims.PARAMS"), target="claims", detail=["'colour'"]),
    "parameter given twice": Case(edit(CLAIMS, "proxy_above,threshold=80", "proxy_above,threshold=80; threshold=90"),
                                  (CLAIMS, 15, "params", "claims.params form"), target="claims", detail=["twice"]),
    "a list where one measure belongs": Case(edit(CLAIMS, "rank_at_least,subject=russia; measure=turnover;",
                                                  "rank_at_least,subject=russia; measure=turnover|exports;"),
                                             (CLAIMS, 3, "params", "claims.PARAMS trade_measure"), target="claims"),
    "fewer positions than subjects": Case(edit(CLAIMS, "subjects=china|united_states; positions=1|2",
                                               "subjects=china|united_states; positions=1"),
                                          (CLAIMS, 16, "params", "claims.PARAMS ranks"), target="claims"),
    "a quoted printed number that does not exist": Case(
        edit(CLAIMS, "share_below,subject=russia; measure=turnover; threshold=1\nC-08",
             "share_below,subject=russia; measure=turnover; threshold=1; printed=X-99\nC-08"),
        (CLAIMS, 8, "params", "claims.PARAMS printed_ids"), target="claims", detail=["'X-99'"]),
    "a quoted printed number of no form": Case(edit(CLAIMS, "trend_down,first=2017; last=2023", "trend_down,first=2017; last=2023; printed=A14"),
                                               (CLAIMS, 10, "params", "claims.PARAMS printed_ids"), target="claims"),
    "rank zero": Case(edit(CLAIMS, "measure=turnover; rank=6", "measure=turnover; rank=0"),
                      (CLAIMS, 3, "params", "claims.PARAMS rank"), target="claims"),
}


def _run(root, case: Case):
    case.inject(root)
    if case.rehash:
        rehash(root / RAW_DP)
    with pytest.raises(ValidationError) as exc:
        if case.target == "raw":
            validate_package(root / RAW_DP)
        elif case.target == "published":
            load_published(root / PRINTED)
        else:
            load_claims(root / CLAIMS, set(read_table(root / PRINTED)[0]["id"]))
    return exc.value


@pytest.mark.parametrize("name", list(CASES))
def test_fault_is_named_with_file_row_column_and_rule(data_copy, name):
    case = CASES[name]
    err = _run(data_copy, case)
    p = err.problems[0]
    file, row, column, rule = case.expected
    assert p.file.endswith(file) and (p.row, p.column, p.rule) == (row, column, rule), str(p)
    msg = str(err)
    assert msg.startswith(f"Invalid input: {p.file}") and f"[rule: {rule}]" in msg
    where = str(p).split(": ", 1)[0]  # '<file>, row <n>, column '<c>''
    expected_where = p.file + (f", row {row}" if row is not None else "") + (f", column {column!r}" if column is not None else "")
    assert where == expected_where
    for word in case.detail:
        assert word in p.detail, (word, p.detail)


def test_at_least_ninety_fault_cases():
    assert len(CASES) >= 90


# --- legitimate inputs that must pass --------------------------------------------------------

def test_a_label_typed_decomposed_matches_its_composed_form(data_copy):
    """Unicode is normalised (NFC) where the text is read: a table and row typed in decomposed form (NFD), as
    some editors and keyboards write Vietnamese, are the article's table and row, and reach the parsed
    numbers composed; a manifest's field name and allowed values typed decomposed match the file's."""
    import unicodedata
    nfd = lambda t: unicodedata.normalize("NFD", t)
    old = "T1-01,table1,3.3,Bảng 1,Việt Nam – Trung Quốc,"
    assert nfd(old) != old
    edit(PRINTED, old, nfd(old))(data_copy)
    parsed = load_published(data_copy / PRINTED)
    first = parsed[parsed["id"] == "T1-01"].iloc[0]
    assert (first["table"], first["row"]) == ("Bảng 1", "Việt Nam – Trung Quốc")
    # an allowed value the manifest spells decomposed, a cell composed, another cell decomposed: all one value
    reporter = next(f for f in resource(json.loads((data_copy / RAW_DP).read_text(encoding="utf-8")),
                                        "trade_sources")["schema"]["fields"] if f["name"] == "reporter")
    assert "Việt Nam" not in reporter["constraints"]["enum"]
    manifest(lambda pkg: next(f for f in resource(pkg, "trade_sources")["schema"]["fields"] if f["name"] == "reporter")
             ["constraints"]["enum"].append(nfd("Việt Nam")))(data_copy)
    edit(TRADE_SOURCES, "tỷ USD.\",Vietnam,GDVC,", "tỷ USD.\",Việt Nam,GDVC,")(data_copy)
    edit(TRADE_SOURCES, "Doanh nghiệp & Tiếp thị", nfd("Doanh nghiệp & Tiếp thị"))(data_copy)
    rehash(data_copy / RAW_DP)
    assert validate_package(data_copy / RAW_DP, ["trade/"])["resources"]


def test_real_copy_passes_and_reports_the_documented_exceptions(data_copy):
    report = validate_package(data_copy / RAW_DP)
    assert report["resources"] and all(r["valid"] and len(r["sha256"]) == 64 for r in report["resources"])
    found = {(e["where"]["partner"], e["where"]["year"]) for e in report["exceptions"]}
    assert found == {("China", "2023"), ("United States", "2024"), ("Japan", "2025")}
    assert all(e["reason"] and e["rule"].startswith("x-crossChecks") and e["rows"] for e in report["exceptions"])
    assert validate_package(data_copy / "published/datapackage.json")["exceptions"] == []


def test_read_only_data_files_pass(data_copy):
    files = [p for p in data_copy.rglob("*") if p.is_file()]
    try:
        for p in files:
            p.chmod(0o444)
        validate_package(data_copy / RAW_DP)
        validate_package(data_copy / "published/datapackage.json")
        assert len(load_published(data_copy / PRINTED)) >= 40
    finally:
        for p in files:
            p.chmod(stat.S_IRUSR | stat.S_IWUSR)


def test_path_with_spaces_and_diacritics(tmp_path):
    root = copy_data(tmp_path / "thư mục có dấu cách")
    validate_package(root / RAW_DP, ["arms/"])
    validate_package(root / RAW_DP)
    assert len(load_published(root / PRINTED)) >= 40
    # and a fault there is still named with its full path
    err = _run(root, CASES["date 2024-02-30"])
    assert "thư mục có dấu cách" in err.problems[0].file and (err.problems[0].row, err.problems[0].rule) == (44, "type date")


def test_only_prefix_checks_the_listing_of_its_own_folder(data_copy):
    (data_copy / "raw/trade/notes.txt").write_text("draft\n", encoding="utf-8")
    validate_package(data_copy / RAW_DP, ["arms/"])  # the stray file is not under arms/
    with pytest.raises(ValidationError) as exc:
        validate_package(data_copy / RAW_DP, ["trade/", "fx/"])
    assert exc.value.problems[0].rule == "package.files"


def test_csv_without_schema_is_refused_but_a_markdown_file_needs_none(data_copy):
    manifest(drop_key("fx_ecb_2024", "schema"))(data_copy)
    with pytest.raises(ValidationError) as exc:
        validate_package(data_copy / RAW_DP)
    p = exc.value.problems[0]
    assert p.file.endswith(FX) and p.rule == "resource.schema"
    pkg = json.loads((data_copy / RAW_DP).read_text(encoding="utf-8"))
    assert all("schema" not in r for r in pkg["resources"] if r["path"].endswith(".md"))


# --- the command line: exit 1, one message, no report ---------------------------------------------

def test_cli_fails_with_one_message_and_writes_no_report(data_copy, capsys):
    CASES["absurd value 1e12 in a Table 1 row"].inject(data_copy)
    rehash(data_copy / RAW_DP)
    out = data_copy / "report.json"
    assert validate.main([str(data_copy / RAW_DP), "--report", str(out)]) == 1
    err = capsys.readouterr().err
    first = err.splitlines()[0]
    assert "vietnam_trade_by_partner.csv, row 2, column 'value_usd_bn'" in first and "[rule: constraints.maximum]" in first
    assert not out.exists()


def test_cli_report_lists_resources_and_exceptions(data_copy, capsys):
    out = data_copy / "report.json"
    assert validate.main([str(data_copy / RAW_DP), "--only", "trade/", "fx/", "--report", str(out),
                          "--list-exceptions"]) == 0
    report = json.loads(out.read_text(encoding="utf-8"))["validated"][0]
    assert {r["path"].split("raw/", 1)[1] for r in report["resources"]} >= {
        "trade/vietnam_trade_by_partner.csv", "fx/ecb_eurofxref_2024_USD_SGD.csv"}
    assert len(report["exceptions"]) == 3
    assert capsys.readouterr().out.count("exception: ") == 3


def test_crlf_message_is_not_given_for_a_real_edit(data_copy):
    """A CRLF file whose LF form does not match either is an ordinary checksum mismatch."""
    edit(TRADE, "205.2", "205.3")(data_copy)
    to_crlf(TRADE)(data_copy)
    with pytest.raises(ValidationError) as exc:
        validate_package(data_copy / RAW_DP)
    assert "CRLF" not in str(exc.value) and exc.value.problems[0].rule == "resource.bytes"


def test_gitattributes_keeps_data_byte_exact():
    from tests.conftest import ROOT
    rules = (ROOT / ".gitattributes").read_text(encoding="utf-8").split()
    assert "data/**" in rules and "-text" in rules


# --- cost: linear in the rows, a stated limit per file ------------------------------------------------

def _many_rows(root, row: str, n: int) -> None:
    f = root / TRADE
    f.write_bytes(f.read_bytes() + (row * n).encode("utf-8"))
    rehash(root / RAW_DP)


def test_32000_duplicate_keys_are_reported_in_well_under_two_seconds(data_copy):
    """Each duplicate is found with a hash of the keys seen, not by comparing every pair of rows (which took
    minutes).  The time is the CPU time of this process, so that other work on the machine does not count."""
    _many_rows(data_copy, "China,2024,FY,turnover,205.2,DNTT_20250117,exact\n", 32_000)
    start = time.process_time()
    with pytest.raises(ValidationError) as exc:
        validate_package(data_copy / RAW_DP, ["trade/"])
    took = time.process_time() - start
    problems = exc.value.problems
    assert len(problems) == 32_000 and {p.rule for p in problems} == {"primaryKey"}
    assert (problems[0].row, problems[-1].row) == (76, 76 + 31_999) and "first on line 2" in problems[-1].detail
    assert took < 2.0, took


def test_32000_bad_cells_are_reported_in_a_few_seconds(data_copy):
    _many_rows(data_copy, "Chinaa,2024,FY,turnover,205.2,DNTT_20250117,exact\n", 32_000)
    start = time.process_time()
    with pytest.raises(ValidationError) as exc:
        validate_package(data_copy / RAW_DP, ["trade/"])
    took = time.process_time() - start
    rules = [p.rule for p in exc.value.problems]  # each new row: a bad partner, and (after the first) a duplicate
    assert (rules.count("constraints.enum"), rules.count("primaryKey"), len(rules)) == (32_000, 31_999, 63_999)
    assert exc.value.problems[0].row == 76 and exc.value.problems[0].rule == "constraints.enum"
    assert took < 5.0, took


def test_a_file_above_the_limit_is_refused_unread(data_copy):
    """A 200 MB file (sparse: it costs no disk) is refused by its size, at once."""
    with open(data_copy / TRADE, "r+b") as f:
        f.truncate(200 * 2**20)
    start = time.process_time()
    with pytest.raises(ValidationError) as exc:
        validate_package(data_copy / RAW_DP)
    assert exc.value.problems[0].rule == "resource.size" and time.process_time() - start < 1.0
    assert str(validate.MAX_FILE_BYTES) in exc.value.problems[0].detail


# --- messages that lead to the cause ------------------------------------------------------------------

def test_the_first_problem_and_the_count_lead_the_message(data_copy, capsys):
    """With many problems, the first line names the first one and how many more there are."""
    for old, new in [("China,2024,FY,exports,61.2,", "China,2024,FY,exports,x,"),
                     ("Russia,2024,FY,turnover,4.57", "Rusia,2024,FY,turnover,4.57"),
                     ("China,2024,FY,imports,144.0,DNTT", "China,2024,FY,imports,-1,DNTT"),
                     ("DTINEWS_20241219", "NOWHERE_2024"), ("United States,2024,FY,turnover,132,", "United States,2024,FY,turnover,,")]:
        edit(TRADE, old, new)(data_copy)
    rehash(data_copy / RAW_DP)
    assert validate.main([str(data_copy / RAW_DP)]) == 1
    lines = capsys.readouterr().err.splitlines()
    assert lines[0].startswith("Invalid input: ") and "row 3, column 'value_usd_bn'" in lines[0]
    assert "(and 3 more problem(s))" in lines[0], lines[0]
    assert len(lines) == 4 and all(line.startswith("  also: ") for line in lines[1:])


def test_the_snakefile_shows_the_leading_line_not_the_tail():
    """The rules show an input check's first line (with its count) when it fails, not the log's last lines."""
    text = (ROOT / "workflow/rules/common.smk").read_text(encoding="utf-8")  # the Snakefile's step()
    step = text[text.index("def step("):text.index("# The reports of the two input checks")]
    assert "grep -m1 -A4 '^Invalid input: '" in step and step.index("grep -m1") < step.index("tail -n 5")


def _cli(cwd, *args):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "analysis.contract.validate", *args], cwd=cwd, capture_output=True,
                          text=True, env=env)


def test_the_same_message_from_any_working_directory(data_copy, tmp_path):
    """A fault is named the same way whether the check runs from the copy's folder or from elsewhere, with
    the descriptor given by its full path; a relative path that does not exist from here says where it looked."""
    CASES["date 2024-02-30"].inject(data_copy)
    rehash(data_copy / RAW_DP)
    here = _cli(data_copy, "raw/datapackage.json")
    elsewhere = _cli(tmp_path.parent, str(data_copy / RAW_DP))
    assert here.returncode == elsewhere.returncode == 1
    first = lambda r: r.stderr.splitlines()[0]
    assert first(here).endswith("row 44, column 'Date': value '2024-02-30' is not a real calendar date (YYYY-MM-DD) "
                                "[rule: type date]")
    assert first(here).split("ecb_eurofxref")[1] == first(elsewhere).split("ecb_eurofxref")[1]
    lost = _cli(tmp_path.parent, "raw/datapackage.json")
    assert lost.returncode == 1 and "[rule: package]" in lost.stderr
    assert str(tmp_path.parent / "raw/datapackage.json") in lost.stderr and "working directory" in lost.stderr
    assert "Traceback" not in here.stderr + elsewhere.stderr + lost.stderr


def test_no_malformed_manifest_reaches_the_user_as_a_traceback(data_copy):
    """The command line ends every manifest case of the suite in one line (exit 1), never a traceback."""
    names = [n for n in CASES if CASES[n].expected[0] == RAW_DP][:6]
    for name in names:
        shutil.rmtree(data_copy / "raw")
        shutil.copytree(ROOT / "data" / "raw", data_copy / "raw")
        CASES[name].inject(data_copy)
        r = _cli(data_copy, "raw/datapackage.json")
        assert r.returncode == 1 and r.stderr.startswith("Invalid input: ") and "Traceback" not in r.stderr, (name, r.stderr)


def test_every_claim_test_has_its_parameter_spec():
    from analysis.audit.claims import TESTS
    from analysis.contract.published import COMMON_PARAMS, PARAM_KINDS, PARAMS
    assert set(TESTS) == set(PARAMS)  # every test has its spec, and no spec outlives its test
    kinds = [k for spec in [*PARAMS.values(), COMMON_PARAMS] for k in spec.values()]
    assert {k.rstrip("?") for k in kinds} <= set(PARAM_KINDS)


def test_the_transcribed_claims_pass_their_check():
    from analysis.contract.published import load_claims, read_table
    assert len(load_claims(ROOT / "data" / CLAIMS)) >= 18


def test_the_printed_number_check_names_a_claim_fault_and_writes_nothing(data_copy, capsys):
    """The check that gates the build (analysis.contract.published) stops on a bad claim with one line, exit 1, no report."""
    from analysis.contract import published
    CASES["unknown claim test"].inject(data_copy)
    rehash(data_copy / "published/datapackage.json")
    report, out = data_copy / "checked.json", data_copy / "parsed.csv"
    code = published.main(["--manifest", str(data_copy / "published/datapackage.json"), "--input",
                           str(data_copy / PRINTED), "--claims", str(data_copy / CLAIMS), "--report", str(report),
                           "--out", str(out)])
    err = capsys.readouterr().err.splitlines()
    assert code == 1 and err[0].startswith("Invalid input: ") and "claims.csv, row 2, column 'test'" in err[0]
    assert "[rule: claims.TESTS]" in err[0] and not report.exists() and not out.exists()


# --- the manuscript's assertions (analysis/manuscript/assertions.py) ---------------------------------------
# Each case: a .qmd whose third line holds a hostile `vouch`, the check run as the workflow runs it: exit 1, ONE
# line naming the file and the line (and, for a check, the sentence), no report written, no traceback (the
# check runs in this process: any other exception fails the test).  The registry: x = 2, zero = 0, a word, a
# large number, a null and a number beyond the bound.

def _vouch(check: str, sentence: str = "The sentence") -> str:
    return f'[{sentence}]{{.vouch check="{check}"}}'


ASSERTION_FAULTS = {  # name -> (the third line of the .qmd, words the message must hold)
    "a sum of 3,000 terms": (_vouch("+".join(["{x}"] * 3000) + " > 1"), "more than the 2000 an assertion may have"),
    "a long expression within the length": (_vouch("{x} in (" + "1, " * 450 + "2)"), "more than 400 parts"),
    "a deep nesting": (_vouch("-" * 200 + "{x} > 1"), "nested more than 32 levels deep"),
    "a huge number": (_vouch("{x} < " + "9" * 1900), "beyond ±1e+15"),
    "an infinite number": (_vouch("{x} < 1e999"), "beyond ±1e+15"),
    "a number beyond the bound": (_vouch("{x} < 99999999999999999999"), "beyond ±1e+15"),
    "a huge string product": (_vouch("'a' * 1000000000 == {word}"), "does arithmetic on 'a', which is not a number"),
    "a word added to a word": (_vouch("{word} + 'x' == 'px'"), "does arithmetic on 'p', which is not a number"),
    "an overflow": (_vouch("{big} * {big} * {big} > 1"), "overflows"),
    "a division by a registry value of 0": (_vouch("{x} / {zero} > 1"), "divides by zero ({zero} is 0)"),
    "a registry value that is no number or word": (_vouch("{nil} > 1"), "the registry value of nil is None"),
    "a registry value beyond the bound": (_vouch("{huge} > 1"), "the registry value of huge is 1e+300"),
    "a constant comparison": (_vouch("1 == 1"), "reads no registry value"),
    "a key compared with itself": (_vouch("{x} == {x}"), "compares {x} with itself"),
    "an expression compared with itself": (_vouch("{x} + 1 >= {x} + 1"), "compares {x} + 1 with itself"),
    "a false comparison rescued by or 1": (_vouch("{x} > 5 or 1"), "is not a comparison"),
    "a true comparison sunk by and 0": (_vouch("{x} > 1 and 0"), "is not a comparison"),
    "a keyless comparison among others": (_vouch("{x} > 5 or 2 > 1"), "reads no registry value (2 > 1)"),
    "a tautology over a key": (_vouch("{x} > 1 or {x} <= 1"), "cannot be made false"),
    "a difference of a key with itself": (_vouch("{x} - {x} == 0"), "cannot be made false"),
    "a bare key": (_vouch("{x}"), "is not a comparison"),
    "an attribute": (_vouch("{x}.real > 1"), "do not allow"),
    "a string as a list": (_vouch("{word} in 'abc'"), "not a list of values"),
    "a word ordered": (_vouch("{word} > 'a'"), "different kinds"),
    "in an HTML comment": ("<!-- " + _vouch("{x} > 1") + " -->", "HTML comment"),
    "in an unclosed HTML comment": ("<!-- a note\n\n" + _vouch("{x} > 1"), "HTML comment"),
    "a div in an HTML comment": ("<!--\n::: {.vouch check=\"{x} > 1\"}\nA passage.\n:::\n-->", "HTML comment"),
    "in a code block": ("```\n" + _vouch("{x} > 1") + "\n```", "code block"),
    "an escaped bracket before the attribute": ('[The sentence\\]{.vouch check="{x} > 1"}', "is escaped"),
    "a span without its opening bracket": ('The sentence]{.vouch check="{x} > 1"}', "no opening '['"),
    "a div without its closing fence": ('::: {.vouch check="{x} > 1"}\nA passage.', "no closing fence"),
}
# the line each message names: the line of the `vouch` (line 3), or of the sentence's '[' (also line 3), or where
# an unclosed comment's span is
ASSERTION_LINES = {"in an unclosed HTML comment": 5, "a div in an HTML comment": 4, "in a code block": 4}


def _run_assertions(tmp_path, capsys, body: str):
    from analysis.manuscript import assertions
    qmd, registry, report = tmp_path / "m.qmd", tmp_path / "numbers.json", tmp_path / "report.json"
    qmd.write_text(f"# A title\n\n{body}\n\nMore prose.\n", encoding="utf-8")
    registry.write_text(json.dumps({"numbers": {"x": {"value": 2}, "zero": {"value": 0}, "word": {"value": "p"},
                                                "big": {"value": 1e14}, "nil": {"value": None},
                                                "huge": {"value": 1e300}}}), encoding="utf-8")
    capsys.readouterr()
    code = assertions.main(["--registry", str(registry), "--qmd", str(qmd), "--report", str(report)])
    out = capsys.readouterr()
    return code, out.err, report


@pytest.mark.parametrize("name", list(ASSERTION_FAULTS))
def test_a_hostile_assertion_is_refused_in_one_line_naming_its_place(tmp_path, capsys, name):
    body, words = ASSERTION_FAULTS[name]
    code, err, report = _run_assertions(tmp_path, capsys, body)
    lines = err.splitlines()
    assert code == 1 and len(lines) == 1 and not report.exists(), err
    assert lines[0].startswith(f"Manuscript assertion: {tmp_path / 'm.qmd'}, line {ASSERTION_LINES.get(name, 3)}: "), err
    assert words in lines[0] and "Traceback" not in err, err
    if "cannot be checked" in lines[0]:  # a check refused: the sentence is named too
        assert "“The sentence”" in lines[0]


def test_an_escaped_bracket_inside_a_span_is_a_literal_bracket(tmp_path, capsys):
    """pandoc reads `\\]` as a ']' of the sentence, not as the span's end: the assertion is found, with its text."""
    from analysis.manuscript import assertions
    found = assertions.find('x\n[a \\] b [@c]]{.vouch check="{x} > 1"}', "m.qmd")
    assert [(a.line, a.text, a.check) for a in found] == [(2, "a ] b [@c]", "{x} > 1")]
    code, err, report = _run_assertions(tmp_path, capsys, _vouch("{x} > 1", "a \\] b"))
    assert code == 0 and json.loads(report.read_text())["assertions"][0]["text"] == "a ] b", err


def test_tens_of_thousands_of_assertions_take_well_under_seconds():
    """Line numbers, brackets and hidden regions are found in one pass each (the line of each span was counted
    from the text's start, quadratic: minutes); the same check is evaluated once."""
    from analysis.manuscript import assertions
    text = "".join(f"Line {i} [sentence {i} [@c]]{{.vouch check=\"{{x}} > {{y}}\"}} more.\n" for i in range(40_000))
    start = time.process_time()
    found = assertions.find(text, "m.qmd")
    results, failures = assertions.check(found, {"x": {"value": 2}, "y": {"value": 1}})
    took = time.process_time() - start
    assert len(results) == 40_000 and not failures and found[-1].line == 40_000
    assert took < 3.0, took
