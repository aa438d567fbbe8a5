"""The raw and published inputs: manifest, checksums, provenance and every bad-input case."""
import csv
import json
import shutil

import pytest

from analysis.contract import manifest
from analysis.contract.published import load as load_published
from analysis.contract.validate import ValidationError, validate_package
from tests.conftest import ROOT, rehash

RAW_DP = ROOT / "data" / "raw" / "datapackage.json"
PUB_DP = ROOT / "data" / "published" / "datapackage.json"


def test_committed_manifests_are_current():
    assert json.loads(RAW_DP.read_text(encoding="utf-8")) == manifest.describe_raw()
    assert json.loads(PUB_DP.read_text(encoding="utf-8")) == manifest.describe_published()


def test_every_raw_file_is_listed_with_hash_and_sources():
    pkg = json.loads(RAW_DP.read_text(encoding="utf-8"))
    listed = {r["path"] for r in pkg["resources"]}
    on_disk = {p.relative_to(RAW_DP.parent).as_posix() for p in RAW_DP.parent.rglob("*")
               if p.is_file() and p.name != "datapackage.json"}
    assert on_disk == listed
    for r in pkg["resources"]:
        assert r["hash"].startswith("sha256:") and len(r["hash"]) == 71
        if r["path"].endswith(".csv") and not r["path"].endswith("sources.csv"):
            assert r["sources"], r["path"]
    fdi = next(r for r in pkg["resources"] if r["name"] == "fdi_by_partner")
    assert any("could not be consulted" in s for s in fdi["x-not-consulted"])


def test_real_inputs_validate():
    raw = validate_package(RAW_DP)
    validate_package(PUB_DP)
    # the source inconsistencies the manifest documents are findings, listed in the report, not errors
    assert len(raw["exceptions"]) == 3 and all(e["reason"] for e in raw["exceptions"])


def test_every_csv_has_a_schema_and_a_row_contract():
    for dp in (RAW_DP, PUB_DP):
        for r in json.loads(dp.read_text(encoding="utf-8"))["resources"]:
            if r["path"].endswith(".csv"):
                assert r["schema"]["fields"] and r["x-requiredRows"], r["path"]
                assert all(req["for"] for req in r["x-requiredRows"]), r["path"]
            else:
                assert "schema" not in r, r["path"]
            checks = {c["name"] for c in r.get("x-crossChecks", [])}
            for e in r.get("x-exceptions", []):
                assert e["check"] in checks and e["where"] and len(e["reason"]) > 40, e


def test_plausible_ranges_are_in_the_manifest():
    pkg = json.loads(RAW_DP.read_text(encoding="utf-8"))
    trade = next(r for r in pkg["resources"] if r["name"] == "trade_by_partner")
    value = next(f for f in trade["schema"]["fields"] if f["name"] == "value_usd_bn")
    assert value["constraints"]["maximum"] == 1500
    register = next(r for r in pkg["resources"] if r["name"] == "sipri_register_2025")
    assert {c["kind"] for c in register["x-crossChecks"]} == {"sum_matches_reference"}
    assert len(register["x-requiredRows"]) == 24  # one per delivery year 2000-2023


def test_published_holds_at_least_40_numbers_with_locations():
    pub = load_published(ROOT / "data/published/printed_numbers.csv")
    assert len(pub) >= 40
    assert (pub["section"] != "").all() and (pub["printed"] != "").all()
    assert set(pub["result"]) == {"table1", "table2", "arms", "text"}
    row = pub.set_index("id").loc["T2-32"]
    assert row["printed"] == "↓91976,4%" and row["printed_value"] == -91976.4


def test_every_source_id_used_is_described():
    for domain, data in (("trade", "vietnam_trade_by_partner.csv"), ("fdi", "fdi_by_partner.csv"),
                         ("trade", "published_statements.csv"), ("arms", "share_statements.csv")):
        ids = {r["source_id"] for r in csv.DictReader(open(ROOT / "data/raw" / domain / "sources.csv", encoding="utf-8"))}
        used = {r["source_id"] for r in csv.DictReader(open(ROOT / "data/raw" / domain / data, encoding="utf-8"))}
        assert used <= ids


def _sources(domain):
    return {r["source_id"]: r for r in csv.DictReader(open(ROOT / "data/raw" / domain / "sources.csv", encoding="utf-8"))}


def test_every_source_carries_the_authority_of_the_copy_read():
    """official = the agency's own page; secondary = an outlet reporting it; third_party_copy = a reprint, mirror,
    aggregator or third-party file copy.  The selection rules' older classes live on as `standing`."""
    for domain in ("trade", "fdi", "arms", "fx"):
        for sid, r in _sources(domain).items():
            assert r["authority"] in ("official", "secondary", "third_party_copy"), (domain, sid)
            assert r["standing"] in ("official", "official_cited", "press", "low"), (domain, sid)
    fdi, trade, arms, fx = (_sources(d) for d in ("fdi", "trade", "arms", "fx"))
    # the ministry's own English pages are the only official FDI sources
    assert {s for s, r in fdi.items() if r["authority"] == "official"} == {"S05", "S08"}
    assert "mpi.gov.vn" in fdi["S05"]["url"]
    # reposts and mirrors, however official the figures they carry
    for sid, host in (("S19", "tinmoi-247.com"), ("S18", "xosothudu.com"), ("S16", "dev5.voh.com.vn")):
        assert host in fdi[sid]["url"] and fdi[sid]["authority"] == "third_party_copy"
    assert "cloudfront.net" in arms["REUTERS_CLOUDFRONT_202412"]["url"]
    assert arms["REUTERS_CLOUDFRONT_202412"]["authority"] == "third_party_copy"
    assert trade["TRACUUQH_202411"]["authority"] == "third_party_copy"
    # the SIPRI and World Bank files were read from GitHub copies, the ECB rates from a PyPI package
    assert all(arms[s]["authority"] == "third_party_copy" and "github.com" in arms[s]["url"]
               for s in ("WDI_2026-04-08", "SIPRI_TIVEXP_RUS_2022-07-28", "SIPRI_REG_2025-01-03"))
    assert fx["ECB_EUROFXREF_2024"]["authority"] == "third_party_copy" and "PyPI" in fx["ECB_EUROFXREF_2024"]["notes"]
    # a ministry newspaper is a news outlet, not the ministry's page
    assert trade["MOF_TBTC_202504"]["authority"] == "secondary"


def test_second_search_figures_are_quoted_briefly_with_their_number():
    """Each figure added from the second search has its quotation (at most 25 words) holding the figure."""
    new = {"fdi": {"S21": "4,7", "S22": "24", "S23": "24,09", "S24": "171"},
           "trade": {"TRACUUQH_202411": "lớn nhất", "DNTT_20240408": "lớn thứ hai", "VNPLUS_EN_20230909": "seventh",
                     "VCCINEWS_20230627": "7th"},
           "arms": {"REUTERS_CLOUDFRONT_202412": "60%", "AFP_MCEBISCOO_20241219": "80 percent",
                    "REUTERS_VNEXPRESS_20221208": "80%", "SPUTNIK_FR_20170109": "90 %", "LOC_COUNTRYDATA_1987": "97"}}
    for domain, ids in new.items():
        src = _sources(domain)
        for sid, figure in ids.items():
            for part in src[sid]["quote"].split(" / "):
                assert len(part.split()) <= 25, (sid, part)
            assert figure in src[sid]["quote"], sid
            assert src[sid]["url"].startswith("http") and src[sid]["authority"], sid


def test_second_search_rows_never_overwrite_earlier_rows():
    """Earlier figures are kept: the 2024 ranks of S06, and both 7-month figures (24 and 24.09) side by side."""
    rows = list(csv.DictReader(open(ROOT / "data/raw/fdi/fdi_by_partner.csv", encoding="utf-8")))
    china_rank = {(r["source_id"], r["value"]) for r in rows
                  if (r["partner"], r["period"], r["measure"]) == ("China", "2024-12M", "rank")}
    assert china_rank == {("S06", "3"), ("S21", "3")}
    seven = {(r["source_id"], r["value"]) for r in rows
             if (r["partner"], r["period"], r["measure"]) == ("Total", "2025-07M", "registered_total")}
    assert seven == {("S22", "24"), ("S23", "24.09")}


def test_new_statement_files_have_schemas_bounds_and_required_rows():
    pkg = json.loads(RAW_DP.read_text(encoding="utf-8"))
    st = next(r for r in pkg["resources"] if r["name"] == "trade_published_statements")
    assert {c["name"] for c in st["x-rowChecks"]} >= {"a rank starts at 1"}
    assert any(req["where"].get("among") == "us_partners" for req in st["x-requiredRows"])
    arms = next(r for r in pkg["resources"] if r["name"] == "arms_share_statements")
    value = next(f for f in arms["schema"]["fields"] if f["name"] == "value")
    assert (value["constraints"]["minimum"], value["constraints"]["maximum"]) == (0, 100)
    assert {c["kind"] for c in arms["x-crossChecks"]} == {"sum_at_most"}


def test_a_rank_below_one_in_the_statements_is_refused(raw_copy):
    p, msg = _schema_problem(raw_copy, "trade/published_statements.csv",
                             "Vietnam,us_partners,turnover,2024,current,8,rank", "Vietnam,us_partners,turnover,2024,current,0,rank")
    assert p.column == "value" and "a rank starts at 1" in msg and "published_statements.csv" in msg


def test_a_share_statement_above_100_is_refused(raw_copy):
    p, msg = _schema_problem(raw_copy, "arms/share_statements.csv", "2022,2022,60,,about", "2022,2022,160,,about")
    assert p.column == "value" and "share_statements.csv" in msg


def test_an_unknown_authority_is_refused(raw_copy):
    p, msg = _schema_problem(raw_copy, "fdi/sources.csv", "official_cited,secondary,unknown,\"January-July 2025, attributed",
                             "official_cited,ministry,unknown,\"January-July 2025, attributed")
    assert p.column == "authority" and "fdi/sources.csv" in msg


# --- bad input: each stops validation with file, row, column and rule -------------

def _edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _problem(raw):
    with pytest.raises(ValidationError) as exc:
        validate_package(raw / "datapackage.json")
    return exc.value.problems[0], str(exc.value)


def _schema_problem(raw, path, old, new):
    """Edit one raw file, refresh its checksum (so the schema checks are reached) and validate."""
    _edit(raw / path, old, new)
    rehash(raw / "datapackage.json")
    return _problem(raw)


def test_missing_file(raw_copy):
    (raw_copy / "fdi" / "fdi_by_partner.csv").unlink()
    p, msg = _problem(raw_copy)
    assert p.rule == "resource.path" and "fdi_by_partner.csv" in msg and "missing" in msg


def test_checksum_mismatch(raw_copy):
    _edit(raw_copy / "trade" / "vietnam_trade_by_partner.csv", "205.2", "205.3")
    p, msg = _problem(raw_copy)
    assert p.rule in ("resource.hash", "resource.bytes") and "vietnam_trade_by_partner.csv" in msg


def test_wrong_header(raw_copy):
    p, msg = _schema_problem(raw_copy, "trade/vietnam_trade_by_partner.csv", "value_usd_bn", "value_bn")
    assert (p.rule, p.row, p.column) == ("header", 1, "value_usd_bn")


def test_missing_header(raw_copy):
    f = raw_copy / "trade" / "vietnam_trade_by_partner.csv"
    f.write_text(f.read_text(encoding="utf-8").split("\n", 1)[1], encoding="utf-8")
    rehash(raw_copy / "datapackage.json")
    p, _ = _problem(raw_copy)
    assert p.rule == "header" and p.row == 1


def test_non_numeric_value(raw_copy):
    p, msg = _schema_problem(raw_copy, "trade/vietnam_trade_by_partner.csv", "China,2024,FY,exports,61.2,DNTT", "China,2024,FY,exports,61.2x,DNTT")
    assert (p.row, p.column, p.rule) == (3, "value_usd_bn", "type number")
    assert "row 3" in msg and "value_usd_bn" in msg


def test_duplicate_key(raw_copy):
    f = raw_copy / "trade" / "vietnam_trade_by_partner.csv"
    f.write_text(f.read_text(encoding="utf-8") + "China,2024,FY,turnover,205.2,DNTT_20250117,exact\n", encoding="utf-8")
    rehash(raw_copy / "datapackage.json")
    p, _ = _problem(raw_copy)
    assert p.rule == "primaryKey" and p.row == 76  # the file has 75 lines; the duplicate is line 76


def test_negative_value(raw_copy):
    p, _ = _schema_problem(raw_copy, "fdi/fdi_by_partner.csv", "Singapore,2025-12M,registered_new,4.84", "Singapore,2025-12M,registered_new,-4.84")
    assert (p.row, p.column, p.rule) == (8, "value", "x-rowChecks: non-negative unless a percentage change")
    assert "minimum" in p.detail


def test_negative_tiv(raw_copy):
    p, _ = _schema_problem(raw_copy, "arms/sipri_register_2025-01-03_VietNam_rows.csv", "New,14,14,14,Yes", "New,14,14,-14,Yes")
    assert (p.row, p.column, p.rule) == (2, "tiv_delivery_values", "constraints.minimum")


def test_unknown_partner(raw_copy):
    p, _ = _schema_problem(raw_copy, "trade/vietnam_trade_by_partner.csv", "Russia,2024,FY,turnover,4.57", "Rusia,2024,FY,turnover,4.57")
    assert (p.column, p.rule) == ("partner", "constraints.enum")


def test_unknown_unit(raw_copy):
    p, _ = _schema_problem(raw_copy, "fdi/fdi_by_partner.csv", "Total,2025-12M,registered_total,38.42,bn_USD", "Total,2025-12M,registered_total,38.42,bn_EUR")
    assert (p.row, p.column, p.rule) == (2, "unit", "constraints.enum")


def test_unknown_source_id(raw_copy):
    p, _ = _schema_problem(raw_copy, "trade/vietnam_trade_by_partner.csv", "DTINEWS_20241219", "NOWHERE_2024")
    assert (p.column, p.rule) == ("source_id", "foreignKeys")


def test_unparseable_printed_form(tmp_path):
    dst = tmp_path / "printed_numbers.csv"
    shutil.copy(ROOT / "data" / "published" / "printed_numbers.csv", dst)
    _edit(dst, '"~205,2 tỷ USD"', '"~205.2 tỷ USD"')
    with pytest.raises(ValidationError) as exc:
        load_published(dst)
    p = exc.value.problems[0]
    assert (p.row, p.column, p.rule) == (2, "printed", "printed form")


# --- one name per publisher, what the copy read is, and titles that are ours ---------------------------------

def _all_sources():
    return [(f"{d}/sources.csv:{i}", r) for d in ("arms", "trade", "fdi", "fx", "context")
            for i, r in enumerate(csv.DictReader(open(ROOT / "data/raw" / d / "sources.csv", encoding="utf-8")), 2)]


def test_a_site_is_its_registered_domain_or_on_github_its_account():
    from analysis.contract.validate import site
    assert site("https://en.vneconomy.vn/a.htm") == site("https://vneconomy.vn/b.htm") == "vneconomy.vn"
    assert site("https://tacnghiep.thoidai.com.vn/x") == "thoidai.com.vn"  # a country's com: three labels
    assert site("http://www.sggp.org.vn/x") == "sggp.org.vn"
    assert site("https://github.com/TobiPrae/x/blob/y.csv") == "github.com/tobiprae"
    assert site("https://github.com/TobiPrae/x") != site("https://github.com/lucacasu/x")
    assert site("https://d33gy59ovltp76.cloudfront.net/news/a") == "d33gy59ovltp76.cloudfront.net"
    assert site("") == ""


def test_two_spellings_of_one_publisher_are_found_by_their_site():
    from analysis.contract.validate import one_name_per_site
    # the spellings the raw sources gave before the publisher column was split (issue 24): each is found
    rows = [(2, "https://vneconomy.vn/a.htm", "VnEconomy (vneconomy.vn)"),
            (3, "https://en.vneconomy.vn/b.htm", "VnEconomy English (en.vneconomy.vn)"),
            (4, "https://thoibaotaichinhvietnam.vn/c.html", "Thời báo Tài chính Việt Nam (thoibaotaichinhvietnam.vn, TBTCO)"),
            (5, "https://thoibaotaichinhvietnam.vn/d.html", "Thời báo Tài chính Việt Nam, English edition"),
            (6, "https://www.ibtimes.sg/e", "IBTimes Singapore (ibtimes.sg)"),
            (7, "https://www.ibtimes.sg/f", "International Business Times Singapore (ibtimes.sg)"),
            (8, "https://github.com/a/x.csv", "a"), (9, "https://github.com/b/y.csv", "b"),
            (10, "", "no URL: no site")]
    assert [(line, key, first) for line, key, _, first, _ in one_name_per_site(rows)] == [
        (3, "vneconomy.vn", 2), (5, "thoibaotaichinhvietnam.vn", 4), (7, "ibtimes.sg", 6)]


def test_every_publisher_has_one_name_across_every_sources_csv():
    from analysis.contract.validate import one_name_per_site
    rows = _all_sources()
    found = one_name_per_site([(where, r["url"], r["publisher"]) for where, r in rows])
    assert not found, found
    # no descriptor of ours left in a publisher's name: what the copy is goes in copy and copy_of
    words = ("English", "edition", "reprint", "mirror", "as reposted", "via ", "(", "aggregator")
    assert not [(w, r["publisher"]) for w, r in rows if any(x in r["publisher"] for x in words)]


def test_what_the_copy_read_is_names_its_original_where_it_is_anothers():
    rows = dict((r["source_id"], r) for _, r in _all_sources())
    for sid, r in rows.items():
        if r["copy"] == "own" or r["copy"].endswith("_edition"):
            assert r["copy_of"] == "", sid  # the publisher's own work
        if r["copy"] in ("mirror", "file_copy"):
            assert r["copy_of"], sid
    # the data files read from GitHub copies are credited to the copy, of the institution's data
    assert (rows["WDI_2026-04-08"]["copy"], rows["WDI_2026-04-08"]["copy_of"]) == ("file_copy", "World Bank")
    assert "github.com/marcelastein" in rows["WDI_2026-04-08"]["url"]
    assert rows["WDI_2026-04-08"]["publisher"] == "marcelastein"  # the account, as it names itself
    assert (rows["TANNAMCHINH_TUOITRE_2017"]["copy"], rows["TANNAMCHINH_TUOITRE_2017"]["copy_of"]) == ("reprint", "Tuổi Trẻ")
    assert (rows["S03"]["publisher"], rows["S03"]["copy"]) == ("VnEconomy", "english_edition")
    # the copies a production editor called weak: a lottery-results site, an unnamed CDN page, aggregators
    assert rows["S18"]["copy"] == rows["MAILRU_20251011"]["copy"] == rows["TRACUUQH_202411"]["copy"] == "aggregator"
    assert rows["MARIMBA_COPY_2019"]["copy"] == rows["REUTERS_CLOUDFRONT_202412"]["copy"] == "unnamed"


def test_a_title_inferred_by_us_is_marked_as_supplied():
    for where, r in _all_sources():
        inferred = "title inferred" in r["notes"].lower() or not r["title"] or r["title"].startswith("(")
        if inferred:
            assert r["title_supplied"] == "yes", where
        assert not r["title"].startswith("("), (where, r["title"])  # the brackets are the list's, not the data's


def test_two_spellings_of_one_publisher_stop_the_check(raw_copy):
    p, msg = _schema_problem(raw_copy, "fdi/sources.csv", "S03,VnEconomy,english_edition",
                             "S03,VnEconomy English,english_edition")
    assert (p.row, p.column, p.rule) == (4, "publisher", "x-crossChecks: one name per publisher")
    assert "'VnEconomy English'" in p.detail and "line 2" in p.detail and "vneconomy.vn" in p.detail


def test_a_brace_in_copy_of_is_refused(raw_copy):
    """copy_of reaches the reference list's type field, which pandoc reads verbatim: no brace may end it."""
    p, _ = _schema_problem(raw_copy, "context/sources.csv", "reprint,Tuổi Trẻ,", "reprint,Tuổi Trẻ},")
    assert (p.row, p.column, p.rule) == (7, "copy_of", "constraints.pattern")
