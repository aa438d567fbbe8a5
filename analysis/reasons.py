"""Reasons built from structured data, rendered in English or Vietnamese, as text or Markdown.

A reason is data, not prose: a cause code and a list of clauses, each a template id
with its slots.  A slot is one of

- {"key": k}         a registry number: its display value (text) or a `{{< num k >}}`
                     shortcode (Markdown);
- {"key": k, "src": 1}  the same, followed by the source ids the registry gives for it;
- {"what": facets}   an alternative figure described from its facets (quantity, year,
                     period, base, reporter, release), never from a typed label;
- {"word": w}        a word from the vocabulary below (a rule, a hedge, a cause);
- {"id": s}          an identifier taken from the data (a release id), shown as is;
- {"clauses": [...]} nested clauses (the reason a figure cannot be verified).

No number and no source id is typed here or in the code that builds a reason: every
figure is a registry key, every source id comes from the registry entry of a key.
`render(spec, numbers, lang, form)` is the one function that turns a reason into words;
the templates are written in each language, not translated at run time.
"""
from __future__ import annotations

import re

from analysis.article import FDI_PARTNERS, SHIFTED, TRADE_PARTNERS
from analysis.registry import display, shortcode

LANGS = ("en", "vi")
FORMS = ("text", "md")

# Cause codes of an audit row, and the report category each belongs to.
CAUSES = {
    "reproduced": "reproduced",
    "self_consistent": "self_consistent",
    "hedge_not_borne_out": "reproduced",
    "transcription": "transcription",
    "other_source_or_reporter": "other_source_or_reporter",
    "other_period_or_base": "other_period_or_base",
    "arithmetic": "arithmetic",
    "data_release": "data_release",
    "impossible_value": "arithmetic",
    "source_inconsistent": "source_inconsistent",
    "unexplained": "unexplained",
    "not_verifiable": "not_verifiable",
}
CATEGORIES = ("reproduced", "self_consistent", "transcription", "other_source_or_reporter", "other_period_or_base",
              "arithmetic", "data_release", "source_inconsistent", "unexplained", "not_verifiable")
# The kind of gap (analysis/audit/verdict.py, GAPS) each structured gap reason states: a gap in our evidence, never an
# error of the article.  Keyed on the template of the gap's first clause.
GAP_KINDS = {
    "g_fia_table": "source_not_consulted", "g_no_base": "source_not_consulted", "g_no_rank": "source_not_consulted",
    "g_report_not_consulted": "source_not_consulted",
    "g_between": "no_source_found", "g_source_not_found": "no_source_found", "g_no_flow": "no_source_found",
    "g_no_rankings": "no_source_found", "g_no_rankings_asean": "no_source_found",
    "g_coverage": "no_source_found", "g_no_split": "no_source_found",
    "g_no_us_export_rank": "no_source_found",
    "g_stock": "not_measurable", "g_stock_stated": "not_measurable",
}


def gap_kind(why: list) -> str:
    """The kind of a gap from its structured reason: that of its first clause.  A gap template without a
    declared kind stops the build: every gap must say whether it is a source not consulted, none found, or a
    quantity not measurable."""
    if not why:
        raise ValueError("a registry gap has no structured reason, so its kind (GAPS) cannot be told")
    t = why[0][0]
    if t not in GAP_KINDS:
        raise ValueError(f"gap template {t!r} has no kind in analysis/reasons.py GAP_KINDS")
    return GAP_KINDS[t]

WORDS = {
    "en": {
        "cause.transcription": "transcription",
        "cause.other_source_or_reporter": "a different source or reporter",
        "cause.other_period_or_base": "a different period or base",
        "cause.arithmetic": "arithmetic",
        "cause.data_release": "a different data release",
        "cause.source_inconsistent": "the source disagrees with itself",
        "si.stated": "the figure it states",
        "si.derived": "the figure derived from its other figures",
        "category.source_inconsistent": "the source's total disagrees with its own parts",
        "rule.within": "equal within the rounding of the source figures (the recomputed value itself does not round "
                       "to the printed one)",
        "rule.above": "above the stated bound", "rule.below": "below the stated bound",
        "rule.above_within": "above the stated bound within the uncertainty of the recomputed value",
        "rule.below_within": "below the stated bound within the uncertainty of the recomputed value",
        "basis.independent": "", "basis.none": "",
        "basis.internal": " from the article's own figures",
        "basis.mixed": " from the article's figures and raw data",
        "rule.equal": "equal",
        "rule.rounding": "equal after rounding to the printed precision",
        "rule.truncation": "equal after truncation to the printed precision",
        "rule.rounding_up": "equal after rounding up to the printed precision",
        "hedge.above": "more than", "hedge.below": "nearly",
        "side.above": "above", "side.below": "below",
        "verdict.match": "match", "verdict.rounding": "rounding", "verdict.consistent": "consistent",
        "verdict.discrepancy": "discrepancy", "verdict.not_verifiable": "not verifiable",
        "flow.turnover": "turnover", "flow.exports": "exports", "flow.imports": "imports",
        "flow.dir.exports": "to", "flow.dir.imports": "from",
        "period.FY": "full year", "period.11M": "Jan–Nov", "period.10M": "Jan–Oct", "period.9M": "Jan–Sep",
        "period.H1": "Jan–Jun", "period.1Jan-14Dec": "1 Jan–14 Dec", "period.FY_forecast": "full-year forecast",
        "period.12M": "full year", "period.07M": "Jan–Jul", "period.06M": "Jan–Jun", "period.04M": "Jan–Apr",
        "period.cumulative": "cumulative to",
        "how.stated": "as stated", "how.sum": "exports + imports", "how.diff": "turnover − exports",
        "series.total": "total", "series.russia": "deliveries from Russia", "series.russia_share": "Russia's share",
        "stat.min": "lowest annual total", "stat.max": "highest annual total", "stat.sum": "sum of annual totals",
        "stat.min_year": "year of the lowest total", "stat.max_year": "year of the highest total",
    },
    "vi": {
        "cause.transcription": "lỗi chép số",
        "cause.other_source_or_reporter": "dùng nguồn hoặc bên báo cáo khác",
        "cause.other_period_or_base": "dùng kỳ số liệu hoặc cơ sở tính khác",
        "cause.arithmetic": "lỗi tính toán",
        "cause.data_release": "dùng phiên bản dữ liệu khác",
        "cause.source_inconsistent": "nguồn tự mâu thuẫn",
        "si.stated": "con số mà nguồn nêu",
        "si.derived": "con số suy ra từ các số liệu khác của nguồn",
        "category.source_inconsistent": "tổng số của nguồn không khớp với các thành phần của chính nó",
        "rule.within": "bằng nhau trong phạm vi làm tròn của số liệu nguồn (bản thân giá trị tính lại không làm tròn "
                       "thành con số in ra)",
        "rule.above": "cao hơn ngưỡng được nêu", "rule.below": "thấp hơn ngưỡng được nêu",
        "rule.above_within": "cao hơn ngưỡng được nêu trong phạm vi sai số của giá trị tính lại",
        "rule.below_within": "thấp hơn ngưỡng được nêu trong phạm vi sai số của giá trị tính lại",
        "basis.independent": "", "basis.none": "",
        "basis.internal": " từ chính số liệu của bài báo",
        "basis.mixed": " từ số liệu của bài báo và dữ liệu gốc",
        "rule.equal": "bằng nhau",
        "rule.rounding": "bằng nhau sau khi làm tròn đến độ chính xác được in",
        "rule.truncation": "bằng nhau sau khi cắt bớt đến độ chính xác được in",
        "rule.rounding_up": "bằng nhau sau khi làm tròn lên đến độ chính xác được in",
        "hedge.above": "hơn", "hedge.below": "gần",
        "side.above": "cao hơn", "side.below": "thấp hơn",
        "verdict.match": "khớp", "verdict.rounding": "khớp khi làm tròn",
        "verdict.consistent": "nhất quán với số liệu của chính bài báo (chưa kiểm chứng độc lập)",
        "verdict.discrepancy": "sai lệch", "verdict.not_verifiable": "không kiểm chứng được",
        "flow.turnover": "kim ngạch", "flow.exports": "xuất khẩu", "flow.imports": "nhập khẩu",
        "flow.dir.exports": "sang", "flow.dir.imports": "từ",
        "period.FY": "cả năm", "period.11M": "11 tháng", "period.10M": "10 tháng", "period.9M": "9 tháng",
        "period.H1": "6 tháng đầu năm", "period.1Jan-14Dec": "từ 1/1 đến 14/12", "period.FY_forecast": "dự báo cả năm",
        "period.12M": "cả năm", "period.07M": "7 tháng", "period.06M": "6 tháng", "period.04M": "4 tháng",
        "period.cumulative": "lũy kế đến",
        "how.stated": "theo số công bố", "how.sum": "xuất khẩu + nhập khẩu", "how.diff": "kim ngạch − xuất khẩu",
        "series.total": "tổng", "series.russia": "giá trị nhập từ Nga", "series.russia_share": "tỷ trọng của Nga",
        "stat.min": "mức năm thấp nhất", "stat.max": "mức năm cao nhất", "stat.sum": "tổng các năm",
        "stat.min_year": "năm có mức thấp nhất", "stat.max_year": "năm có mức cao nhất",
    },
}

# Display forms of the audit's vocabularies (analysis/audit/verdict.py: BASES, GAPS, AUTHORITIES), both languages.
WORDS["en"] |= {
    "basis_of.independent": "checked against a source independent of the article",
    "basis_of.mixed": "checked against the article's own figure combined with an independent source",
    "basis_of.article_only": "checked against the article's own figures only",
    "gap.source_not_consulted": "the source behind the figure could not be consulted",
    "gap.no_source_found": "no source for the figure was found",
    "gap.not_measurable": "the quantity is not measured by any source gathered",
    "authority.official": "official",
    "authority.secondary": "secondary (press or a report citing an official source)",
    "authority.third_party_copy": "a third party's copy of the publisher's file",
    "verdict.not_decided": "not decided",
}
WORDS["vi"] |= {
    "basis_of.independent": "đối chiếu với nguồn độc lập với bài báo",
    "basis_of.mixed": "đối chiếu với số liệu của chính bài báo kết hợp với một nguồn độc lập",
    "basis_of.article_only": "chỉ đối chiếu với chính số liệu của bài báo",
    "gap.source_not_consulted": "không tiếp cận được nguồn của con số",
    "gap.no_source_found": "không tìm thấy nguồn nào cho con số",
    "gap.not_measurable": "không nguồn nào đã thu thập đo được đại lượng này",
    "authority.official": "chính thức",
    "authority.secondary": "thứ cấp (báo chí hoặc bài viết dẫn nguồn chính thức)",
    "authority.third_party_copy": "bản sao của bên thứ ba từ tệp của nhà xuất bản",
    "verdict.not_decided": "chưa phân định được",
}
BASES_VI = {b: WORDS["vi"][f"basis_of.{b}"] for b in ("independent", "mixed", "article_only")}
GAPS_VI = {g: WORDS["vi"][f"gap.{g}"] for g in ("source_not_consulted", "no_source_found", "not_measurable")}
AUTHORITIES_VI = {a: WORDS["vi"][f"authority.{a}"] for a in ("official", "secondary", "third_party_copy")}

# Partner names in Vietnamese, read off the article's own table rows.
PARTNER_VI = {en: row.split("– ")[-1] for en, row in TRADE_PARTNERS.values()}
PARTNER_VI |= {en: vi for en, vi, _ in FDI_PARTNERS.values()}
# the article labels this row without spaces ("BritishVirginIslands"); a Vietnamese reader is shown the
# territory's Vietnamese name (the label itself stays the printed row's, in data/published/)
PARTNER_VI["British Virgin Islands"] = "Quần đảo Virgin thuộc Anh"
PARTNER_VI |= {"World": "thế giới", "Total": "tổng số"}

TEMPLATES = {
    "en": {
        "reproduced": "Recomputed{basis}: {value}; {rule}.",
        "consistent": "Consistent with the article's own figures, not independently verified: recomputed from the "
                      "article's own figures as {value}; {rule}.",
        "diff": "Recomputed{basis}: {value}; printed − recomputed = {diff} ({rel}).",
        "diff_only": "Recomputed{basis}: {value}.",
        "impossible": "The printed value is impossible: a fall of more than the whole.",
        "hit": "Likeliest cause, {cause}: the printed figure reproduces {what} = {value}.",
        "typo": "Likeliest cause, transcription: the printed figure is {what} = {value} with one digit changed or "
                "two adjacent digits swapped.",
        "closest": "No figure in the data reproduces it; the closest is {what} = {value} (the printed figure "
                   "differs from it by {rel}).",
        "no_alternative": "The data hold no other figure for this quantity (no other source, reporter, period, base "
                          "or release) to compare with, so no cause can be named.",
        "hedge": "The hedge '{hedge}' is not borne out: the recomputed value is {side} the printed one.",
        "coarse": "The check is coarse: it accepts any value from {lo} to {hi}, an interval wider than {n} units of "
                  "the printed last digit.",
        "not_verifiable": "Not independently verifiable: {why}.",
        "authority": "The verdict rests on a source whose authority is {authority}.",
        "source_inconsistent": "Likeliest cause, the source disagrees with itself: it states {stated}, while its "
                               "own other figures of the same period give {derived_what} = {derived}, a difference "
                               "beyond the rounding of both; the printed figure reproduces {printed_as}.",
        "release_rule": "Judged against the {release} release, the one the article used by the stated rule.",
        "release_fallback": "The {release} release lacks this figure, so it is judged against the {current} release.",
        "current": "In the {current} release: {value} ({verdict}).",
        "usd_tiv": "The article presents this figure as imports from Russia in US dollars; SIPRI's figures are "
                   "trend-indicator values (TIV), not dollars.",
        "reading_all": "The all-supplier total reproduces the printed figure; Russia alone gives {russia}.",
        "reading_russia": "Russia alone reproduces the printed figure; the all-supplier total is {total}.",
        "reading_both": "Both readings reproduce it: the all-supplier total and Russia alone ({russia}).",
        "reading_none": "Neither reading reproduces it: all suppliers {total}, Russia alone {russia}.",
        "reading_no_split": "The release gives no supplier split for this figure, so only the all-supplier reading "
                            "can be checked.",
        # reasons a figure cannot be verified (gaps)
        "g_fia_table": "the FIA's partner table for the year could not be consulted; only the article prints this "
                       "value",
        "g_no_base": "the data hold no base-year value for {partner}; the printed change implies a base-year value "
                     "of {implied}",
        "g_no_rank": "the data hold no base-year rank for {partner} (only the top {n} are known)",
        "g_between": "the data hold no total for this period; it lies between {lo} ({lo_what}) and {hi} ({hi_what})",
        "g_source_not_found": "the article's source for this figure was not found; the data give {a} ({a_what}) "
                              "and {b} ({b_what})",
        "g_report_not_consulted": "the FIA report was not consulted; the data give {a} partners with new projects "
                                  "in the year and {b} investing partners in the year before",
        "g_no_flow": "no source in the data gives Vietnam's {flow} {dir} {partner} for the year",
        "g_no_rankings": "the raw data hold no US-side partner rankings",
        "g_no_rankings_asean": "the raw data hold no US-side partner rankings (and the sentence's 'in ASEAN' makes "
                               "the rank ambiguous)",
        "g_no_us_export_rank": "no source in the data ranks Vietnam among the US's export markets (and the "
                               "sentence's 'in ASEAN' makes the rank ambiguous)",
        "g_stock_stated": "SIPRI TIV measures deliveries per year, not the stock of equipment in service; the latest "
                          "published estimate found of the share in service (as of {year}) gives {lo} to {hi}, a "
                          "range, not a measurement",
        "g_stock": "SIPRI TIV measures deliveries per year, not the stock of equipment in service; no inventory "
                   "data were gathered",
        "g_coverage": "the {release} release does not cover every year of the period",
        "g_no_split": "the {release} release has no supplier split for every year of the period",
    },
    "vi": {
        "reproduced": "Giá trị tính lại{basis}: {value}; {rule}.",
        "consistent": "Nhất quán với chính các số liệu của bài báo, chưa được kiểm chứng độc lập: tính lại từ số "
                      "liệu của bài báo được {value}; {rule}.",
        "diff": "Giá trị tính lại{basis}: {value}; số in trừ số tính lại bằng {diff} ({rel}).",
        "diff_only": "Giá trị tính lại{basis}: {value}.",
        "impossible": "Con số in ra là không thể có: mức giảm vượt quá toàn bộ giá trị ban đầu.",
        "hit": "Nguyên nhân khả dĩ nhất là {cause}: con số in ra trùng với {what} = {value}.",
        "typo": "Nguyên nhân khả dĩ nhất là lỗi chép số: con số in ra chính là {what} = {value} nhưng sai một chữ "
                "số hoặc bị đảo hai chữ số liền nhau.",
        "closest": "Không có số liệu nào trong dữ liệu tái lập được con số này; gần nhất là {what} = {value} (con số "
                   "in ra chênh {rel} so với số này).",
        "no_alternative": "Dữ liệu không có số liệu nào khác cho đại lượng này (không có nguồn, bên báo cáo, kỳ, cơ "
                          "sở tính hay phiên bản khác) để đối chiếu, nên không thể chỉ ra nguyên nhân.",
        "hedge": "Từ rào đón '{hedge}' không được xác nhận: giá trị tính lại {side} con số in ra.",
        "coarse": "Phép kiểm tra này còn thô: nó chấp nhận mọi giá trị từ {lo} đến {hi}, một khoảng rộng hơn {n} "
                  "đơn vị của chữ số cuối được in.",
        "not_verifiable": "Không thể kiểm chứng độc lập: {why}.",
        "authority": "Kết luận này dựa trên một nguồn có mức tin cậy: {authority}.",
        "source_inconsistent": "Nguyên nhân khả dĩ nhất là nguồn tự mâu thuẫn: nguồn nêu {stated}, trong khi các số "
                               "liệu khác của chính nó cho cùng kỳ cho {derived_what} = {derived}, chênh nhau vượt quá "
                               "sai số làm tròn của cả hai; con số in ra trùng với {printed_as}.",
        "release_rule": "Được đối chiếu với phiên bản {release}, phiên bản mà bài báo đã dùng theo quy tắc đã nêu.",
        "release_fallback": "Phiên bản {release} không có con số này, nên nó được đối chiếu với phiên bản {current}.",
        "current": "Theo phiên bản {current}: {value} ({verdict}).",
        "usd_tiv": "Bài báo trình bày con số này là giá trị nhập khẩu từ Nga tính bằng đô la Mỹ; số liệu của SIPRI "
                   "là giá trị chỉ báo xu hướng (TIV), không phải đô la.",
        "reading_all": "Tổng nhập khẩu từ mọi nhà cung cấp tái lập được con số in ra; riêng Nga chỉ là {russia}.",
        "reading_russia": "Riêng phần của Nga tái lập được con số in ra; tổng từ mọi nhà cung cấp là {total}.",
        "reading_both": "Cả hai cách đọc đều tái lập được con số này: tổng từ mọi nhà cung cấp và riêng Nga ({russia}).",
        "reading_none": "Không cách đọc nào tái lập được con số này: mọi nhà cung cấp {total}, riêng Nga {russia}.",
        "reading_no_split": "Phiên bản này không tách theo nhà cung cấp cho con số này, nên chỉ kiểm tra được cách "
                            "đọc theo tổng từ mọi nhà cung cấp.",
        "g_fia_table": "không tiếp cận được bảng số liệu theo đối tác của Cục Đầu tư nước ngoài cho năm này; chỉ bài "
                       "báo in giá trị này",
        "g_no_base": "dữ liệu không có giá trị năm gốc của {partner}; mức thay đổi in ra ngụ ý giá trị năm gốc là "
                     "{implied}",
        "g_no_rank": "dữ liệu không có thứ hạng năm gốc của {partner} (chỉ biết {n} đối tác đứng đầu)",
        "g_between": "dữ liệu không có tổng cho kỳ này; nó nằm giữa {lo} ({lo_what}) và {hi} ({hi_what})",
        "g_source_not_found": "không tìm thấy nguồn mà bài báo dùng cho con số này; dữ liệu cho {a} ({a_what}) và "
                              "{b} ({b_what})",
        "g_report_not_consulted": "không tiếp cận được báo cáo của Cục Đầu tư nước ngoài; dữ liệu cho {a} đối tác có "
                                  "dự án mới trong năm và {b} đối tác có đầu tư trong năm trước đó",
        "g_no_flow": "không nguồn nào trong dữ liệu cho biết {flow} của Việt Nam {dir} {partner} trong năm",
        "g_no_rankings": "dữ liệu gốc không có bảng xếp hạng đối tác của phía Hoa Kỳ",
        "g_no_rankings_asean": "dữ liệu gốc không có bảng xếp hạng đối tác của phía Hoa Kỳ (và cụm từ 'tại khu vực "
                               "ASEAN' khiến thứ hạng này trở nên mơ hồ)",
        "g_no_us_export_rank": "không nguồn nào trong dữ liệu xếp hạng Việt Nam trong các thị trường xuất khẩu của "
                               "Hoa Kỳ (và cụm từ 'tại khu vực ASEAN' khiến thứ hạng này trở nên mơ hồ)",
        "g_stock_stated": "TIV của SIPRI đo giá trị chuyển giao mỗi năm, không đo số trang bị đang sử dụng; ước tính "
                          "mới nhất đã công bố tìm được về tỷ lệ trang bị đang sử dụng (tính đến năm {year}) cho {lo} "
                          "đến {hi}, là một khoảng, không phải số đo",
        "g_stock": "TIV của SIPRI đo giá trị chuyển giao mỗi năm, không đo số trang bị đang sử dụng; không có dữ liệu "
                   "kiểm kê trang bị",
        "g_coverage": "phiên bản {release} không bao phủ mọi năm của giai đoạn",
        "g_no_split": "phiên bản {release} không tách theo nhà cung cấp cho mọi năm của giai đoạn",
    },
}


def clause(template: str, **slots) -> list:
    """One clause of a reason: a template id and its slots."""
    return [template, slots]


def key(k: str, src: bool = False) -> dict:
    return {"key": k, "src": 1} if src else {"key": k}


def word(w: str) -> dict:
    return {"word": w}


def ident(s: str) -> dict:
    return {"id": s}


def what(**facets) -> dict:
    return {"what": facets}


def partner(name: str) -> dict:
    return {"partner": name}


def nested(clauses: list) -> dict:
    return {"clauses": clauses}


def candidate(frag, target: str, alt_key: str, kind: str, facets: dict) -> None:
    """Record that registry number `alt_key` is an alternative figure that might explain a printed number
    judged against `target` (a key, or a pattern with `*`), with the cause `kind` it would point to."""
    if kind not in CAUSES:
        raise ValueError(f"unknown cause code {kind!r}")
    frag.candidates.setdefault(target, []).append({"key": alt_key, "kind": kind, "what": facets})


def gap(frag, k: str, label: str, clauses: list, inputs: list[str] | None = None,
        sources: list[str] | None = None, by=None) -> None:
    """A stated gap whose reason is structured: the English text is rendered from the clauses (with the
    fragment's own numbers), and the clauses are kept for rendering in other languages and forms.  `by`:
    the function that found the number missing, where that is not the caller."""
    text = "; ".join(_clause(c, frag.numbers, "en", "text") for c in clauses)
    frag.gap(k, label, text, inputs, sources, by=by)
    frag.gaps[k]["why"] = clauses


def spec(cause: str, clauses: list) -> dict:
    if cause not in CAUSES:
        raise ValueError(f"unknown cause code {cause!r}")
    return {"cause": cause, "clauses": clauses}


def shown(entry: dict, lang: str) -> str:
    """The display form of a registry entry (as analysis.registry.build writes it)."""
    if lang == "vi" and "shown_as_vi" in entry:
        return entry["shown_as_vi"]
    if "shown_as" in entry:
        return entry["shown_as"]
    field = "display" if lang == "en" else "display_vi"
    if field in entry:
        return entry[field]
    return display(entry["value"], entry["unit"], entry["decimals"], lang)


def _partner(name: str, lang: str) -> str:
    return PARTNER_VI.get(name, name) if lang == "vi" else name


def _period(period: str, lang: str) -> str:
    w = WORDS[lang]
    return w.get(f"period.{period}", period)


def describe(f: dict, lang: str) -> str:
    """Words for an alternative figure, from its facets."""
    w = WORDS[lang]
    src = f.get("src")
    if src == "self":
        return "the recomputed value" if lang == "en" else "chính giá trị tính lại"
    if src == "trade":
        flow = f["flow"] if f.get("how") not in ("sum", "diff") else None
        head = w[f"flow.{flow}"] if flow else w[f"how.{f['how']}"]
        out = f"{head} {f['year']} ({_period(f['period'], lang)})"
        if f.get("how") == "stated":
            out += " " + w["how.stated"]
        if f.get("reporter") and f["reporter"] != "Vietnam":
            rep = _partner(f["reporter"], lang)
            out += (f", {rep}-side" if lang == "en" else f", theo số liệu phía {rep}")
        if f.get("converted"):
            out += (" converted at the year's average ECB rate" if lang == "en"
                    else " quy đổi theo tỷ giá bình quân năm của ECB")
        return out
    if src == "arms":
        rel = f["release"]
        if f.get("same"):
            return f"the {rel} release" if lang == "en" else f"phiên bản {rel}"
        series = f["series"]
        if "year" in f:
            if series == "total":
                return (f"the {f['year']} total in the {rel} release" if lang == "en"
                        else f"tổng năm {f['year']} trong phiên bản {rel}")
            return (f"{w['series.' + series]} in {f['year']} in the {rel} release" if lang == "en"
                    else f"{w['series.' + series]} năm {f['year']} trong phiên bản {rel}")
        span = f"{f['first']}–{f['last']}"
        if "stat" in f:
            if lang == "en":
                return f"the {w['stat.' + f['stat']]} of deliveries from Russia {span} in the {rel} release"
            return f"{w['stat.' + f['stat']]} của giá trị nhập từ Nga giai đoạn {span} trong phiên bản {rel}"
        return (f"{w['series.' + series]} {span} in the {rel} release" if lang == "en"
                else f"{w['series.' + series]} giai đoạn {span} trong phiên bản {rel}")
    if src == "fdi":
        kind = f["what"]
        if kind == "total_yoy":
            months, year = f["period"].split("-")[1], f["period"].split("-")[0]
            if lang == "en":
                return f"the year's total over the {year} {_period(months, lang)} total"
            return f"tổng của năm so với tổng {_period(months, lang)} năm {year}"
        if kind == "partner_yoy":
            months, year = f["period"].split("-")[1], f["period"].split("-")[0]
            p = _partner(f["partner"], lang)
            if lang == "en":
                return f"the change over {p}'s {year} {_period(months, lang)} value"
            return f"mức thay đổi so với giá trị {_period(months, lang)} năm {year} của {p}"
        if kind == "pct_subtract":
            if lang == "en":
                return ("the printed total change minus the sum of the printed partner changes (percentages "
                        "subtracted as if they added up)")
            return ("mức thay đổi của tổng số trừ đi tổng các mức thay đổi in cho từng đối tác (cộng trừ phần trăm "
                    "như thể chúng cộng được với nhau)")
        if kind == "period_value":
            period = f["period"]
            if period.startswith("cumulative-"):
                date = period.removeprefix("cumulative-")
                return f"{w['period.cumulative']} {date}"
            months, year = period.split("-")[1], period.split("-")[0]
            return f"{_period(months, lang)} {year}" if lang == "en" else f"{_period(months, lang)} năm {year}"
    if src == "stated":  # a published statement of a share (data/raw/arms/share_statements.csv)
        m = STATED_MEASURES[f["measure"]][0 if lang == "en" else 1]
        span = str(f["last"]) if f["first"] == f["last"] else f"{f['first']}–{f['last']}"
        if lang == "en":
            return f"Russia's share of Vietnam's {m} in {span} as a published statement gives it"
        return f"tỷ trọng của Nga trong {m} của Việt Nam năm {span} theo một nguồn đã công bố"
    raise ValueError(f"cannot describe an alternative with facets {f!r}")


STATED_MEASURES = {"arms_imports": ("arms imports", "nhập khẩu vũ khí"),
                   "military_purchases": ("military purchases", "mua sắm quân sự")}


def _slot(value, numbers: dict, lang: str, form: str) -> str:
    if isinstance(value, dict) and "key" in value:
        k = value["key"]
        if k not in numbers:
            raise KeyError(f"a reason cites registry key {k!r}, which the registry lacks")
        text = shortcode(k) if form == "md" else shown(numbers[k], lang)
        srcs = numbers[k].get("sources") or []
        if value.get("src") and srcs:
            text += f" [{', '.join(srcs)}]"
        return text
    if isinstance(value, dict) and "word" in value:
        return WORDS[lang][value["word"]]
    if isinstance(value, dict) and "id" in value:
        return str(value["id"])
    if isinstance(value, dict) and "what" in value:
        return describe(value["what"], lang)
    if isinstance(value, dict) and "partner" in value:
        return _partner(value["partner"], lang)
    if isinstance(value, dict) and "clauses" in value:
        return "; ".join(_clause(c, numbers, lang, form) for c in value["clauses"])
    raise ValueError(f"unknown slot {value!r}")


def _clause(c, numbers: dict, lang: str, form: str) -> str:
    template, slots = c
    return TEMPLATES[lang][template].format(**{s: _slot(v, numbers, lang, form) for s, v in slots.items()})


def render(reason: dict, numbers: dict, lang: str = "en", form: str = "text") -> str:
    """A reason in words: `lang` 'en' or 'vi'; `form` 'text' (display values) or 'md' (shortcodes)."""
    if lang not in LANGS or form not in FORMS:
        raise ValueError(f"lang must be one of {LANGS} and form one of {FORMS}")
    return " ".join(_clause(c, numbers, lang, form) for c in reason["clauses"])


def cited_keys(reason: dict) -> list[str]:
    """Every registry key a reason cites, once, clause by clause and within a clause by slot name (so the
    order survives a round trip through sorted JSON)."""
    out: list[str] = []

    def walk(v):
        if isinstance(v, dict):
            if "key" in v and v["key"] not in out:
                out.append(v["key"])
            for name in sorted(v):
                walk(v[name])
        elif isinstance(v, list):
            for x in v:
                walk(x)
    walk(reason["clauses"])
    return out


# --- a printed number described in Vietnamese ---------------------------------------------
# The Vietnamese edition describes each printed number from its structure (its table, row and
# column as printed, or the registry key it is judged against), not by translating the English item.

_ARMS_STAT_VI = {"min": "Mức nhập khẩu vũ khí thấp nhất trong một năm", "max": "Mức nhập khẩu vũ khí cao nhất trong "
                 "một năm", "min_year": "Năm có mức nhập khẩu vũ khí thấp nhất",
                 "max_year": "Năm có mức nhập khẩu vũ khí cao nhất", "sum": "Tổng nhập khẩu vũ khí",
                 "russia_share": "Tỷ trọng của Nga trong nhập khẩu vũ khí"}


def _slug_vi(slug: str) -> str:
    name = TRADE_PARTNERS[slug][0] if slug in TRADE_PARTNERS else \
        FDI_PARTNERS[slug][0] if slug in FDI_PARTNERS else slug.replace("_", " ").title()
    return PARTNER_VI.get(name, name)


def describe_key(k: str) -> str | None:
    """A Vietnamese description of a registry key of the article's quantities (None for other keys)."""
    parts = k.split(".")
    if parts[0] == "trade" and parts[1] == "us_partner_rank":
        return f"Thứ hạng của Việt Nam trong các đối tác thương mại của Hoa Kỳ năm {parts[2]}"
    if parts[0] == "trade" and len(parts) == 3 and "_" in parts[1]:
        measure, year = parts[1].rsplit("_", 1)
        p = parts[2]
        if p == "world":
            return {"turnover": f"Tổng kim ngạch thương mại hàng hóa của Việt Nam năm {year}",
                    "exports": f"Tổng kim ngạch xuất khẩu hàng hóa của Việt Nam năm {year}"}.get(measure)
        return {"turnover": f"Kim ngạch thương mại Việt Nam – {_slug_vi(p)} năm {year}",
                "exports": f"Xuất khẩu của Việt Nam sang {_slug_vi(p)} năm {year}",
                "imports": f"Nhập khẩu của Việt Nam từ {_slug_vi(p)} năm {year}",
                "mirror_turnover": f"Kim ngạch thương mại Việt Nam – {_slug_vi(p)} năm {year} theo thống kê của "
                                   f"phía {_slug_vi(p)}",
                "share": f"Tỷ trọng của {_slug_vi(p)} trong tổng kim ngạch thương mại của Việt Nam năm {year}",
                "growth": f"Tăng trưởng kim ngạch thương mại Việt Nam – {_slug_vi(p)} năm {year}",
                "growth_stated": f"Tăng trưởng kim ngạch thương mại Việt Nam – {_slug_vi(p)} năm {year} theo nguồn "
                                 f"công bố"}.get(measure)
    if k == "trade.rank_of_vietnam_among_us_partners":
        return "Thứ hạng của Việt Nam trong các đối tác thương mại của Hoa Kỳ"
    if k == "trade.rank_of_vietnam_among_us_export_markets":
        return "Thứ hạng của Việt Nam trong các thị trường xuất khẩu của Hoa Kỳ (theo lời văn: tại khu vực ASEAN)"
    if parts[0] == "fdi":
        if parts[1].startswith("total_") and parts[1].count("_") == 2:
            _, months, year = parts[1].split("_")
            return f"Vốn FDI đăng ký {months.rstrip('m')} tháng đầu năm {year}"
        fixed = {"russia_cumulative_projects": "Số dự án FDI lũy kế của Nga tại Việt Nam",
                 "russia_cumulative_value": "Vốn FDI đăng ký lũy kế của Nga tại Việt Nam"}
        if parts[1] in fixed:
            return fixed[parts[1]]
        if parts[1].startswith("partners_"):
            return f"Số quốc gia và vùng lãnh thổ có đầu tư tại Việt Nam năm {parts[1].split('_')[1]}"
        if len(parts) == 3:
            who = {"total": "tổng số", "others": "các đối tác khác"}.get(parts[2]) or _slug_vi(parts[2])
            if parts[1].startswith("value_"):
                return f"Tổng vốn đăng ký của {who} năm {parts[1].split('_')[1]}"
            return {"table_value": f"Tổng vốn đăng ký của {who} theo Bảng 2",
                    "share": f"Tỷ trọng của {who} trong tổng vốn đăng ký theo Bảng 2",
                    "yoy": f"Tăng/giảm tổng vốn đăng ký của {who} so với cùng kỳ",
                    "rank_change": f"Tăng/giảm xếp hạng của {who} so với cùng kỳ",
                    "implied_base_2024": f"Giá trị năm 2024 của {who} mà mức tăng/giảm được in hàm ý"}.get(parts[1])
    if parts[0] == "arms":
        if k == "arms.equipment_origin_share":
            return "Tỷ lệ trang bị quân sự của Việt Nam có nguồn gốc Liên Xô hoặc Nga"
        if len(parts) == 4 and parts[2].startswith("p") and parts[3] in _ARMS_STAT_VI:
            first, last = parts[2][1:].split("_")
            return f"{_ARMS_STAT_VI[parts[3]]}, giai đoạn {first}–{last}"
        if len(parts) == 4 and parts[3].isdigit():
            return {"total": f"Nhập khẩu vũ khí năm {parts[3]}", "russia": f"Nhập khẩu vũ khí từ Nga năm {parts[3]}",
                    "russia_share": f"Tỷ trọng của Nga trong nhập khẩu vũ khí năm {parts[3]}"}.get(parts[2])
    return None


def item(row: dict, lang: str) -> str:
    """An audit row's printed number in words: its English item, or in Vietnamese its table cell as the
    article labels it (row: column) or a description of the quantity it is judged against."""
    if lang == "en":
        return row["item"]
    loc = str(row["location"])
    cell = re.search(r"row '([^']*)'; column '([^']*)'", loc)
    if cell:
        column = cell.group(2)
        if column.endswith(SHIFTED):
            column = column.removesuffix(SHIFTED) + " (in lệch sang phải một cột)"
        return f"{cell.group(1)}: {column}"
    described = describe_key(str(row["key"]))
    if described is None:
        raise ValueError(f"no Vietnamese description for the key {row['key']!r} of audit row {row['id']}")
    return f"{described} (§{row['section']})" if row.get("result") == "text" else described
