"""A replication report in the shape of the AEA Data Editor's reports.

For Table 1, Table 2, the arms series, the in-text figures and the claims in words it
says what is reproduced and, for what is not, the reason category (transcription, a
different source or reporter, a different period or base, arithmetic, a different data
release, not verifiable).  Each result and the whole get a classification by the rule
below; every count is a registry key (`report.*`).

Classification.  A printed number is *checkable* when the data give an independent
counterpart (verdict match, rounding or discrepancy); figures judged only against the
article's own figures (consistent) and not verifiable ones are reported but do not
count.  A claim in words is checkable unless not verifiable; one that partly holds
counts half.  The reproduced share of the checkable ones gives the class:

- fully reproduced:     every checkable figure reproduced (share = FULLY);
- largely reproduced:   share >= LARGELY;
- partially reproduced: share >= PARTIALLY;
- not reproduced:       share below PARTIALLY;
- not verifiable:       nothing checkable.

Written from one template: data/derived/replication_report.md (plain text, display values),
and the manuscript's parts (each number a `{{< num key >}}` shortcode) for each edition:
manuscript/_generated/report.md and rules.md (English), manuscript/_generated/vi/report.md and
vi/rules.md (Vietnamese; the words of each language are written here, the reasons rendered from
their structured form by analysis/reasons.py).

Run on its own:  python -m analysis.report --registry data/derived/computed.json \
    --audit data/derived/audit.csv --audit-numbers data/derived/numbers/audit.json \
    --claims data/derived/claims.csv --claims-numbers data/derived/numbers/claims.json \
    --out data/derived/replication_report.md --out-numbers data/derived/numbers/report.json \
    --out-part manuscript/_generated/report.md --out-rules manuscript/_generated/rules.md \
    --out-part-vi manuscript/_generated/vi/report.md --out-rules-vi manuscript/_generated/vi/rules.md
"""
from __future__ import annotations

import argparse
import csv
import json
import re

from analysis import reasons as R
from analysis.article import RELEASES
from analysis.escape import md_text
from analysis.io import read_json, rel, run, sha256, write_json, write_text_atomic
from analysis.registry import Fragment, shortcode
from analysis.verdict import PASSING

FULLY, LARGELY, PARTIALLY = 1.0, 0.75, 0.25
CLASSES = ("fully reproduced", "largely reproduced", "partially reproduced", "not reproduced", "not verifiable")
CLASSES_VI = {"fully reproduced": "tái lập hoàn toàn", "largely reproduced": "tái lập phần lớn",
              "partially reproduced": "tái lập một phần", "not reproduced": "không tái lập được",
              "not verifiable": "không kiểm chứng được"}
GROUPS = {"table1": "Table 1 (goods trade with six partners, 2024)",
          "table2": "Table 2 (registered foreign investment by partner, 2025)",
          "arms": "The arms-import series (section 3.1)",
          "text": "Figures in the text (sections 1 and 3)"}
CATEGORY_WORDS = {"transcription": "transcription", "other_source_or_reporter": "different source or reporter",
                  "other_period_or_base": "different period or base", "arithmetic": "arithmetic",
                  "data_release": "data release", "unexplained": "no cause found in the data",
                  "not_verifiable": "not verifiable", "self_consistent": "consistent with the article's own figures only",
                  "reproduced": "reproduced"}
GROUPS_VI = {"table1": "Bảng 1 (thương mại hàng hóa với sáu đối tác, 2024)",
             "table2": "Bảng 2 (vốn đầu tư nước ngoài đăng ký theo đối tác, 2025)",
             "arms": "Chuỗi số liệu nhập khẩu vũ khí (mục 3.1)",
             "text": "Các con số trong lời văn (mục 1 và 3)"}
CATEGORY_WORDS_VI = {"transcription": "lỗi chép số", "other_source_or_reporter": "nguồn hoặc bên báo cáo khác",
                     "other_period_or_base": "kỳ số liệu hoặc cơ sở tính khác", "arithmetic": "lỗi tính toán",
                     "data_release": "phiên bản dữ liệu khác", "unexplained": "dữ liệu không cho thấy nguyên nhân",
                     "not_verifiable": "không kiểm chứng được",
                     "self_consistent": "chỉ nhất quán với số liệu của chính bài báo", "reproduced": "tái lập được"}
SLOT = re.compile(r"\{([a-z0-9_.\-]+)\}")


def classify(share: float | None) -> str:
    if share is None:
        return "not verifiable"
    if share >= FULLY - 1e-12:
        return "fully reproduced"
    if share >= LARGELY:
        return "largely reproduced"
    if share >= PARTIALLY:
        return "partially reproduced"
    return "not reproduced"


def tally(audit: list[dict], claims: list[dict]) -> dict:
    """Counts by group: n, reproduced, consistent, discrepancy, not_verifiable, checkable, share, class, and
    discrepancies by reason category."""
    out = {}
    for g in GROUPS:
        a = [r for r in audit if r["result"] == g]
        count = lambda f: sum(1 for r in a if f(r))
        rep = count(lambda r: r["verdict"] in ("match", "rounding"))
        dis = count(lambda r: r["verdict"] == "discrepancy")
        out[g] = {"n": len(a), "reproduced": float(rep), "consistent": count(lambda r: r["verdict"] == "consistent"),
                  "discrepancy": dis, "not_verifiable": count(lambda r: r["verdict"] == "not_verifiable"),
                  "checkable": rep + dis,
                  "coarse": count(lambda r: str(r["coarse"]) == "True" and r["verdict"] in PASSING),
                  "by_category": {c: count(lambda r: r["verdict"] == "discrepancy" and r["category"] == c)
                                  for c in R.CATEGORIES}}
    v = [c["verdict"] for c in claims]
    holds, partly, fails, nv = (v.count(x) for x in ("holds", "partly holds", "does not hold", "not verifiable"))
    out["claims"] = {"n": len(claims), "reproduced": holds + 0.5 * partly, "holds": holds, "partly": partly,
                     "does_not_hold": fails, "not_verifiable": nv, "checkable": holds + partly + fails}
    for g, t in out.items():
        t["share"] = t["reproduced"] / t["checkable"] if t["checkable"] else None
        t["class"] = classify(t["share"])
    rep = sum(t["reproduced"] for t in out.values())
    chk = sum(t["checkable"] for t in out.values())
    out["overall"] = {"n": sum(t["n"] for t in out.values()), "reproduced": rep, "checkable": chk,
                      "share": rep / chk if chk else None}
    out["overall"]["class"] = classify(out["overall"]["share"])
    return out


def fragment(t: dict, files: dict[str, str]) -> Fragment:
    frag = Fragment("analysis.report", {rel(p): sha256(p) for p in files.values()})
    ins = [rel(files["audit"]), rel(files["claims"])]
    for name, v in (("fully", FULLY), ("largely", LARGELY), ("partially", PARTIALLY)):
        frag.add(f"report.threshold.{name}", 100 * v, "%", f"Reproduced share needed for '{name} reproduced'",
                 f"analysis/report.py, {name.upper()}", ins, decimals=0)
    for g, x in t.items():
        for k in ("n", "checkable", "discrepancy", "not_verifiable", "consistent", "coarse", "holds", "partly",
                  "does_not_hold"):
            if k in x:
                frag.add(f"report.{g}.{k}", int(x[k]), "count", f"{g}: {k.replace('_', ' ')}", "count of rows",
                         ins, decimals=0)
        frag.add(f"report.{g}.reproduced", x["reproduced"], "count" if float(x["reproduced"]).is_integer() else "ratio",
                 f"{g}: reproduced",
                 "count of rows reproduced (a claim that partly holds counts half)", ins,
                 decimals=0 if float(x["reproduced"]).is_integer() else 1)
        if x["share"] is not None:
            frag.add(f"report.{g}.share", 100 * x["share"], "%", f"{g}: reproduced share of the checkable",
                     "reproduced / checkable", ins, decimals=0)
        frag.add(f"report.{g}.class", x["class"], "text", f"{g}: classification",
                 "analysis/report.py, classify()", ins, shown_as=x["class"], shown_as_vi=CLASSES_VI[x["class"]])
        for c, n in x.get("by_category", {}).items():
            frag.add(f"report.{g}.cause.{c}", n, "count", f"{g}: discrepancies with reason '{c}'", "count of rows",
                     ins, decimals=0)
    return frag


def template(t: dict, audit: list[dict], claims: list[dict], lang: str = "en") -> list[tuple[str, object]]:
    """The report as lines: ('line', text with {key} slots) or ('item', 'claim') items, in English or
    Vietnamese (the same slots, the same order)."""
    vi = lang == "vi"
    groups, words = (GROUPS_VI, CATEGORY_WORDS_VI) if vi else (GROUPS, CATEGORY_WORDS)
    L = []
    add = lambda s="": L.append(("line", s))
    if vi:
        add("# Báo cáo tái lập: Trần Thị Diễm Trâm (2026), *Quan hệ đối tác chiến lược toàn diện Việt Nam – Nga*")
        add()
        add("Báo cáo do quy trình (`analysis/report.py`) viết theo khuôn mẫu các báo cáo tái lập của Biên tập viên "
            "Dữ liệu AEA. Mọi con số đếm dưới đây là một khóa trong sổ đăng ký; các lý do được dựng từ dữ liệu có "
            "cấu trúc của quá trình kiểm tra.")
        add()
        add("## Tóm tắt")
        add()
        add("Xét tổng thể, bài báo được xếp loại **{report.overall.class}**: {report.overall.reproduced} trên "
            "{report.overall.checkable} con số được in và nhận định bằng lời có thể kiểm chứng độc lập "
            "({report.overall.share}) được tái lập (một nhận định đúng một phần được tính một nửa).")
        add()
        add("| Kết quả | Số được kiểm tra | Kiểm chứng được | Tái lập được | Tỷ lệ | Xếp loại |")
    else:
        add("# Replication report: Tran (2026), *The Vietnam–Russia Comprehensive Strategic Partnership*")
        add()
        add("Written by the workflow (`analysis/report.py`) in the shape of the AEA Data Editor's replication reports. "
            "Every count below is a registry key; the reasons are built from the audit's structured data.")
        add()
        add("## Summary")
        add()
        add("Overall the article is **{report.overall.class}**: {report.overall.reproduced} of {report.overall.checkable} "
            "independently checkable printed numbers and claims in words ({report.overall.share}) are reproduced "
            "(a claim that partly holds counts half).")
        add()
        add("| Result | Audited | Checkable | Reproduced | Share | Classification |")
    add("|---|---|---|---|---|---|")
    claims_title = "Các nhận định bằng lời (mục 1 và 3.1–3.3)" if vi else "Claims in words (sections 1 and 3.1–3.3)"
    for g, title in list(groups.items()) + [("claims", claims_title)]:
        share = "{report.%s.share}" % g if t[g]["share"] is not None else "—"
        add(f"| {title} | {{report.{g}.n}} | {{report.{g}.checkable}} | {{report.{g}.reproduced}} | {share} | "
            f"{{report.{g}.class}} |")
    add()
    if vi:
        add("## Quy tắc xếp loại")
        add()
        add("Một con số được in là kiểm chứng được khi dữ liệu gốc cho một giá trị đối chiếu độc lập (kết luận khớp, "
            "khớp khi làm tròn hoặc sai lệch). Các con số chỉ được đối chiếu với chính số liệu của bài báo (kết luận "
            "nhất quán) và các con số không kiểm chứng được vẫn được báo cáo nhưng không được tính. Một nhận định "
            "bằng lời là kiểm chứng được trừ khi không kiểm chứng được; nhận định đúng một phần được tính một nửa. "
            "Một kết quả được xếp loại *tái lập hoàn toàn* khi tỷ lệ tái lập trên các mục kiểm chứng được là "
            "{report.threshold.fully}, *tái lập phần lớn* từ {report.threshold.largely}, *tái lập một phần* từ "
            "{report.threshold.partially}, và *không tái lập được* dưới mức đó.")
    else:
        add("## Classification rule")
        add()
        add("A printed number is checkable when the raw data give an independent counterpart (verdict match, rounding "
            "or discrepancy). Numbers checked only against the article's own figures (verdict consistent) and numbers "
            "that are not verifiable are reported but not counted. A claim in words is checkable unless not "
            "verifiable; one that partly holds counts half. A result is *fully reproduced* when the reproduced share "
            "of its checkable items is {report.threshold.fully}, *largely reproduced* from {report.threshold.largely}, "
            "*partially reproduced* from {report.threshold.partially}, and *not reproduced* below that.")
    add()
    for g, title in groups.items():
        x = t[g]
        add(f"## {title}")
        add()
        if vi:
            add(f"Số được kiểm tra {{report.{g}.n}}: tái lập được {{report.{g}.reproduced}}, chỉ nhất quán với số liệu "
                f"của chính bài báo {{report.{g}.consistent}}, sai lệch {{report.{g}.discrepancy}}, không kiểm chứng "
                f"được {{report.{g}.not_verifiable}}; số phép kiểm tra đạt nhưng bị đánh dấu là thô "
                f"{{report.{g}.coarse}}. Xếp loại: **{{report.{g}.class}}**.")
        else:
            add(f"Audited {{report.{g}.n}}: reproduced {{report.{g}.reproduced}}, consistent with the article's own "
                f"figures only {{report.{g}.consistent}}, discrepancies {{report.{g}.discrepancy}}, not verifiable "
                f"{{report.{g}.not_verifiable}}; passing checks flagged coarse {{report.{g}.coarse}}. "
                f"Classification: **{{report.{g}.class}}**.")
        add()
        if g == "arms":
            if vi:
                add("Đối chiếu song song với từng phiên bản dữ liệu của SIPRI: " + "; ".join(
                    f"{r}: khớp {{audit.count.arms.{r}.match}}, khớp khi làm tròn {{audit.count.arms.{r}.rounding}}, "
                    f"sai lệch {{audit.count.arms.{r}.discrepancy}}" for r in RELEASES) + ". Phiên bản được dùng là "
                    "**{audit.arms_release}**, được chọn theo phạm vi bao phủ (chuỗi tổng của nó kết thúc vào năm "
                    "{audit.arms_release_rule.last_printed_year}, năm cuối cùng mà bài báo in số tổng), không theo "
                    "các con số đếm này.")
            else:
                add("Side by side, against each SIPRI release: " + "; ".join(
                    f"{r}: match {{audit.count.arms.{r}.match}}, rounding {{audit.count.arms.{r}.rounding}}, discrepancy "
                    f"{{audit.count.arms.{r}.discrepancy}}" for r in RELEASES) + ". The release used is "
                    "**{audit.arms_release}**, chosen by coverage (its totals end in {audit.arms_release_rule.last_printed_year}, "
                    "the last year the article prints a total for), not by these counts.")
            add()
        cats = [c for c, n in x["by_category"].items() if n]
        if cats:
            add(("Các sai lệch theo nhóm nguyên nhân: " if vi else "Discrepancies by reason category: ") + "; ".join(
                f"{words[c]} {{report.{g}.cause.{c}}}" for c in cats) + ".")
            add()
            for a in (r for r in audit if r["result"] == g and r["verdict"] == "discrepancy"):
                L.append(("item", (a["id"], a["item"], words[a["category"]], json.loads(a["reason_spec"]))))
            add()
    if vi:
        add("## Các nhận định bằng lời")
        add()
        add("Số nhận định được đánh giá {report.claims.n}: đúng {report.claims.holds}, đúng một phần "
            "{report.claims.partly}, không đúng {report.claims.does_not_hold}, không kiểm chứng được "
            "{report.claims.not_verifiable}. Xếp loại: **{report.claims.class}**.")
    else:
        add("## Claims in words")
        add()
        add("Judged {report.claims.n}: holds {report.claims.holds}, partly holds {report.claims.partly}, does not hold "
            "{report.claims.does_not_hold}, not verifiable {report.claims.not_verifiable}. Classification: "
            "**{report.claims.class}**.")
    add()
    for c in claims:
        L.append(("claim", c))
    add()
    return L


def render(lines, numbers: dict, form: str, lang: str = "en", items: dict[str, str] | None = None) -> str:
    """The report's lines in words: `form` 'text' (display values) or 'md' (shortcodes); `lang` 'en' or 'vi'
    (the Vietnamese edition is Markdown only); `items`, an audit row's description in the language (by id)."""
    def fill(s: str) -> str:
        return SLOT.sub(lambda m: shortcode(m.group(1)) if form == "md" else R.shown(numbers[m.group(1)], lang), s)
    out = []
    for kind, x in lines:
        if kind == "line":
            out.append(fill(x))
        elif kind == "item":
            rid, item, cat, spec = x
            out.append(f"- **{rid}**, {md_text((items or {}).get(rid, item))} ({cat}): {R.render(spec, numbers, lang, form)}")
        elif lang == "vi":
            c = x
            verdict = shortcode("claim." + c["id"] + ".verdict")
            out.append(f"- **{c['id']}** (§{c['section']}), *{md_text(c['quote_vi'])}*: **{verdict}**. "
                       f"Quy tắc: {c['rule_vi_md']}. Kết quả: {c['finding_vi_md'] or '—'}.")
        else:
            c = x
            verdict = shortcode(f"claim.{c['id']}.verdict") if form == "md" else c["verdict"]
            finding = c["finding_md"] if form == "md" else c["finding"]
            rule = c["rule_md"] if form == "md" else c["rule"]
            out.append(f"- **{c['id']}** (§{c['section']}), *{md_text(c['quote_vi'])}* ({md_text(c['gloss_en'])}): "
                       f"**{verdict}**. "
                       f"Rule: {rule}. Finding: {finding or '—'}.")
    return "\n".join(out).rstrip() + "\n"


RULES = """\
Each printed number is compared with its recomputed counterpart (`analysis/verdict.py`) by one rule, whatever its
hedge (*khoảng*, *~*, *hơn*, *trên*, *vượt*, *gần* or none). The precision of a printed figure is one unit in
its last printed digit; a hedged whole number ending in zeros is a round figure,
precise to its last non-zero digit. In order: a figure is a **discrepancy** when it is impossible (a fall of more
than the whole); **not verifiable** when no raw source gives its counterpart; a **match** when the two are equal;
a **rounding** difference when they agree after rounding, truncating ('more than') or rounding up ('nearly') to
the printed precision, allowing for the rounding uncertainty of the source figures; and a **discrepancy**
otherwise. A match or rounding reached only from the article's own figures is reported as **consistent**:
consistent with the article's own figures, not independently verified, and counted apart. The hedge itself is
checked separately ('more than' is borne out when the recomputed value is at least the printed one): it never
changes the tolerance, so the same printed figure gets the same verdict wherever it is printed. A check is
flagged **coarse** when the interval of values it accepts is wider than {audit.rule.coarse_units} units of the
printed last digit: such a check could not fail a misprint in the last digit
({audit.count.coarse} passing checks are coarse).

The SIPRI release the article used is chosen without looking at any verdict: the release whose annual totals end
in the last year for which the article prints an annual total ({audit.arms_release_rule.last_printed_year}),
here the **{audit.arms_release}** release; every arms figure is also judged in every release, side by side. The
article presents its arms figures as imports from Russia in US dollars; SIPRI's figures are trend-indicator
values, so each is judged in two readings, all suppliers and Russia alone, and its reason says which reproduces it
(all suppliers in {audit.count.arms_reading.all_suppliers} cases, both in {audit.count.arms_reading.both},
Russia alone in {audit.count.arms_reading.russia_only}, neither in {audit.count.arms_reading.neither}).

For each discrepancy the audit searches every alternative figure the data hold for the quantity (other sources
and reporters, other periods and windows of years, other bases and other releases) and names the one that
reproduces it as the likeliest cause; a figure that differs from the same quantity by one digit (not the last)
or by two swapped digits is a transcription slip. Each row carries a cause code and the registry keys its
reason cites.
"""


RULES_VI = """\
Mỗi con số được in được so sánh với giá trị tính lại tương ứng (`analysis/verdict.py`) theo cùng một quy tắc, bất kể
từ rào đón đi kèm (*khoảng*, *~*, *hơn*, *trên*, *vượt*, *gần* hay không có). Độ chính xác của một con số được in là
một đơn vị ở chữ số cuối cùng được in; một số nguyên có từ rào đón và tận cùng bằng các chữ số 0 được coi là số tròn,
chính xác đến chữ số khác 0 cuối cùng. Xét lần lượt: một con số là **sai lệch** khi nó không thể có (một mức giảm lớn
hơn toàn bộ giá trị gốc); **không kiểm chứng được** khi không nguồn dữ liệu gốc nào cho giá trị đối chiếu; **khớp**
khi hai giá trị bằng nhau; **khớp khi làm tròn** khi chúng trùng nhau sau khi làm tròn, cắt bớt (với *hơn*) hoặc làm
tròn lên (với *gần*) đến độ chính xác được in, có tính đến sai số làm tròn của các số liệu nguồn; và **sai lệch**
trong mọi trường hợp còn lại. Một kết quả khớp hoặc khớp khi làm tròn chỉ đạt được từ chính các số liệu của bài báo
được ghi là **nhất quán với số liệu của chính bài báo (chưa kiểm chứng độc lập)** và được đếm riêng. Bản thân từ rào
đón được kiểm tra riêng (*hơn* được xác nhận khi giá trị tính lại ít nhất bằng con số in): nó không làm thay đổi dung
sai, nên cùng một con số được in nhận cùng một kết luận ở bất cứ đâu nó xuất hiện. Một phép kiểm tra bị đánh dấu là
**thô** khi khoảng giá trị mà nó chấp nhận rộng hơn {audit.rule.coarse_units} đơn vị của chữ số cuối được in: một
phép kiểm tra như vậy không thể phát hiện một lỗi in sai ở chữ số cuối ({audit.count.coarse} phép kiểm tra đạt là
thô).

Phiên bản dữ liệu SIPRI mà bài báo dùng được chọn mà không xét đến bất kỳ kết luận nào: đó là phiên bản có chuỗi tổng
hằng năm kết thúc vào năm cuối cùng mà bài báo in số tổng ({audit.arms_release_rule.last_printed_year}), ở đây là
phiên bản **{audit.arms_release}**; mọi con số về vũ khí cũng được đánh giá song song theo từng phiên bản. Bài báo
trình bày các số liệu vũ khí như giá trị nhập khẩu từ Nga tính bằng đô la Mỹ, trong khi số liệu của SIPRI là giá trị
chỉ báo xu hướng (TIV); vì vậy mỗi con số được đánh giá theo hai cách đọc, tổng từ mọi nhà cung cấp và riêng Nga, và
lý do đi kèm cho biết cách đọc nào tái lập được con số (tổng từ mọi nhà cung cấp trong
{audit.count.arms_reading.all_suppliers} trường hợp, cả hai cách trong {audit.count.arms_reading.both}, riêng Nga
trong {audit.count.arms_reading.russia_only}, không cách nào trong {audit.count.arms_reading.neither}).

Với mỗi sai lệch, quá trình kiểm tra rà soát mọi số liệu thay thế mà dữ liệu có cho đại lượng ấy (nguồn và bên báo
cáo khác, kỳ số liệu và khoảng năm khác, cơ sở tính khác, phiên bản khác) và nêu số liệu tái lập được con số in như
nguyên nhân khả dĩ nhất; một con số chỉ khác cùng đại lượng ở một chữ số (không phải chữ số cuối) hoặc bị đảo hai chữ
số liền nhau được coi là lỗi chép số. Mỗi dòng kiểm tra mang một mã nguyên nhân và các khóa trong sổ đăng ký mà lý do
của nó viện dẫn.
"""


def rules_part(numbers: dict, lang: str = "en") -> str:
    return render([("line", RULES_VI if lang == "vi" else RULES)], numbers, "md", lang)


def manuscript_part(md: str) -> str:
    """The report as a part of the manuscript, which gives it its own heading: every heading one level down."""
    body = md.split("\n")[1:]
    return "\n".join("#" + x if x.startswith("#") else x for x in body).lstrip("\n")


def read_rows(path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Write the replication report")
    ap.add_argument("--registry", required=True)
    ap.add_argument("--audit", required=True)
    ap.add_argument("--audit-numbers", required=True)
    ap.add_argument("--claims", required=True)
    ap.add_argument("--claims-numbers", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--out-numbers", required=True)
    ap.add_argument("--out-part", required=True)
    ap.add_argument("--out-rules", required=True)
    ap.add_argument("--out-part-vi", required=True, help="the report part of the Vietnamese edition")
    ap.add_argument("--out-rules-vi", required=True, help="the rules part of the Vietnamese edition")
    args = ap.parse_args(argv)
    audit, claims = read_rows(args.audit), read_rows(args.claims)
    t = tally(audit, claims)
    frag = fragment(t, {"audit": args.audit, "claims": args.claims})
    numbers = {**read_json(args.registry)["numbers"], **read_json(args.audit_numbers)["numbers"],
               **read_json(args.claims_numbers)["numbers"], **frag.numbers}
    lines = template(t, audit, claims)
    write_text_atomic(args.out, render(lines, numbers, "text"))
    write_text_atomic(args.out_part, manuscript_part(render(lines, numbers, "md")))
    write_text_atomic(args.out_rules, rules_part(numbers))
    items_vi = {a["id"]: R.item(a, "vi") for a in audit}
    write_text_atomic(args.out_part_vi, manuscript_part(render(template(t, audit, claims, "vi"), numbers, "md", "vi",
                                                               items_vi)))
    write_text_atomic(args.out_rules_vi, rules_part(numbers, "vi"))
    write_json(args.out_numbers, frag.to_json())
    return 0


if __name__ == "__main__":
    run(main)
