"""The verdicts as schema.org ClaimReview (data/derived/verdicts.jsonld, .vi.jsonld, and each HTML edition's
header include): expanded as JSON-LD by pyld, offline, and checked against the audit and the claims, with what
fact-check consumers require (Google's fact-check structured data: url, claimReviewed, reviewRating; an
author, a date, a numeric scale beside the words)."""
import csv
import json
import re
from pathlib import Path

import pytest
import yaml

from analysis.audit.claimreview import bib_fields, claim_sentence, detex, figure_en, rating, script_tag
from analysis.reasons import WORDS
from tests.conftest import ROOT

S = "http://schema.org/"
# schema.org's context, offline: the mappings it makes for these documents' terms (its @vocab, and `url` as
# an IRI, as schema.org's own context types it), so that expansion needs no network.  Every term used here is a
# schema.org property or type.
SCHEMA_CONTEXT = {"@context": {"@vocab": S, "url": {"@id": S + "url", "@type": "@id"}}}


def _loader(url, options=None):
    if url.rstrip("/") in ("https://schema.org", "http://schema.org"):
        return {"contentType": "application/ld+json", "contextUrl": None, "documentUrl": url,
                "document": SCHEMA_CONTEXT}
    raise OSError(f"no network in this test: {url}")


BASE = "https://example.org/pkg/data/derived/verdicts.jsonld"  # where the standalone file would be served


def _expand(doc: dict, base: str = BASE) -> dict:
    """The expanded graph, node by @id."""
    jsonld = pytest.importorskip("pyld.jsonld", reason="pyld is not installed (requirements.lock has it)")
    expanded = jsonld.expand(doc, {"documentLoader": _loader, "base": base})
    return {n["@id"]: n for n in expanded}


def _value(node: dict, prop: str):
    values = node.get(S + prop, [])
    assert len(values) == 1, (node.get("@id"), prop, values)
    v = values[0]
    return v.get("@value", v.get("@id"))


def _rows(path: Path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


# --- on constructed cases -----------------------------------------------------------------------------

def test_a_bibtex_entry_is_read_with_its_braces_and_dashes():
    text = ("@misc{other, title = {x}}\n@article{tran2026,\n  author = {Trần, Thị Diễm Trâm},\n"
            "  title = {{Quan hệ {Việt Nam} -- {Nga} [The {Vietnam}--{Russia} Partnership]}},\n"
            "  journal = {Duy Tan University journal},\n  year = 2026,\n  langid = {vietnamese}\n}\n")
    f = bib_fields(text, "tran2026")
    assert f["ENTRYTYPE"] == "article" and f["year"] == "2026" and f["langid"] == "vietnamese"
    assert detex(f["title"]) == "Quan hệ Việt Nam – Nga [The Vietnam–Russia Partnership]"
    assert detex(f["author"]) == "Trần, Thị Diễm Trâm"
    with pytest.raises(ValueError, match="no entry 'absent'"):
        bib_fields(text, "absent")


def test_text_from_the_inputs_cannot_close_the_script_element():
    doc = {"@context": "https://schema.org", "text": "a</script><script>alert(1)</script><!-- b"}
    tag = script_tag(doc)
    assert tag.count("</script>") == 1 and tag.rstrip().endswith("</script>") and "<!--" not in tag
    body = re.fullmatch(r'<script type="application/ld\+json">\n(.*)\n</script>\n', tag, re.S).group(1)
    assert json.loads(body) == doc


def test_a_printed_number_is_claimed_in_a_sentence_and_rated_on_the_stated_scale():
    row = {"id": "T1-06", "item": "Vietnam–Russia goods trade turnover", "printed": "~4,57 tỷ USD",
           "printed_value": "4.57", "printed_decimals": "2", "qualifier": "approx", "unit": "USD bn", "key": "k",
           "location": "§3.3; Bảng 1; row 'Việt Nam – Nga'; column 'Kim ngạch thương mại (USD)'", "section": "3.3"}
    assert claim_sentence(row, "en") == "Vietnam–Russia goods trade turnover was about 4.57 bn USD (Table 1, §3.3)"
    assert claim_sentence(row, "vi") == "Việt Nam – Nga: Kim ngạch thương mại (USD) là ~4,57 tỷ USD (Bảng 1, §3.3)"
    change = dict(row, printed="↓8,0%", printed_value="-8", printed_decimals="1", qualifier="none", unit="% change")
    assert figure_en(change) == "−8.0%"
    assert figure_en(dict(row, printed="9395,2", printed_value="9395.2", printed_decimals="1", qualifier="none",
                          unit="USD mn")) == "9,395.2 mn USD"
    assert figure_en(dict(row, printed="2004", printed_value="2004", printed_decimals="0", qualifier="none",
                          unit="year")) == "2004"
    # each hedge in words (the catalog's claimreview.hedge.*), a rank change never hedged
    assert figure_en(dict(row, printed="hơn 80%", printed_value="80", printed_decimals="0", qualifier="above",
                          unit="%")) == "more than 80%"
    assert figure_en(dict(row, printed="gần 119", printed_value="119", printed_decimals="0", qualifier="below",
                          unit="count")) == "less than 119"
    assert figure_en(dict(row, printed="↑2", printed_value="2", printed_decimals="0", qualifier="above",
                          unit="rank change")) == "+2"
    assert rating("match", "match", "r") == {"@type": "Rating", "alternateName": "match", "ratingExplanation": "r",
                                             "worstRating": 1, "bestRating": 3, "ratingValue": 3}
    assert rating("partly holds", "w", "r")["ratingValue"] == 2 and rating("discrepancy", "w", "r")["ratingValue"] == 1
    assert "ratingValue" not in rating("not_verifiable", "w", "r")  # decides nothing: no number, the words
    with pytest.raises(ValueError, match="no place on the ClaimReview scale"):
        rating("maybe", "w", "r")


# --- on the build ---------------------------------------------------------------------------------------

def _verdict_words_vi() -> tuple[dict, dict]:
    """The Vietnamese words for the audit's and the claims' verdicts, from the project's own vocabularies."""
    from analysis.audit.claims import VERDICTS, verdict_word
    from analysis.reasons import WORDS
    audit = {k.removeprefix("verdict."): v for k, v in WORDS["vi"].items() if k.startswith("verdict.")}
    return audit, {v: verdict_word(v, "vi") for v in VERDICTS}


@pytest.mark.workflow
@pytest.mark.parametrize("lang", ["en", "vi"])
def test_every_verdict_is_one_claimreview_of_the_articles_words(built, lang):
    audit = _rows(built / "data/derived/audit.csv")
    claims = _rows(built / "data/derived/claims.csv")
    name = "verdicts.jsonld" if lang == "en" else "verdicts.vi.jsonld"
    g = _expand(json.loads((built / "data/derived" / name).read_text(encoding="utf-8")))
    reviews = {_value(n, "identifier"): n for n in g.values() if n.get("@type") == [S + "ClaimReview"]}
    # same count: one review per printed number and per claim in words, none else
    published = len(_rows(built / "data/published/printed_numbers.csv")) + len(_rows(built / "data/published/claims.csv"))
    assert len(reviews) == len(audit) + len(claims) == published and len(audit) > 80 and len(claims) > 10
    assert set(reviews) == {r["id"] for r in audit} | {c["id"] for c in claims}
    audit_vi, claims_vi = _verdict_words_vi()
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    for rows, kind in ((audit, "audit"), (claims, "claim")):
        for row in rows:
            review = reviews[row["id"]]
            rating = review[S + "reviewRating"][0]
            assert rating["@type"] == [S + "Rating"]
            words = _value(rating, "alternateName")
            # same verdict, in the edition's words
            if lang == "en":
                assert words == (WORDS["en"].get(f"verdict.{row['verdict']}") if kind == "audit"
                                 else row["verdict"]), row["id"]
            else:
                assert words == (audit_vi if kind == "audit" else claims_vi)[row["verdict"]], row["id"]
            reason = _value(rating, "ratingExplanation")
            if kind == "audit":
                assert reason == row["reason" if lang == "en" else "reason_vi"]
            else:
                assert row["finding"] in reason if lang == "en" else reason.startswith("Kết quả: ")
            assert _value(review, "inLanguage") == lang
            # the claim: the article's words, short, where they are, and where they appeared
            claim = review[S + "itemReviewed"][0]
            assert claim["@type"] == [S + "Claim"]
            quote = _value(claim, "text")
            assert quote == (row["printed"] if kind == "audit" else row["quote_vi"]) and 0 < len(quote) <= 300
            assert _value(claim, "inLanguage") == "vi" and _value(claim, "position")
            assert _value(claim, "appearance").endswith("#article")
            # the author of the review: an organisation, as CITATION.cff names the package's authors; a date
            author = g[_value(review, "author")]
            assert author["@type"] == [S + "Organization"]
            assert _value(author, "name") == "Replication package maintainers"
            assert _value(review, "datePublished") == cff["date-released"]
            # where the verdict is shown: the verdict's cell in the edition's page, resolved against docs/
            page = "index.html" if lang == "en" else "vi.html"
            assert _value(review, "url") == f"https://example.org/pkg/docs/{page}#verdict-{row['id']}"
            # the claim as a sentence, in the edition's language, and a name in both
            sentence = _value(review, "claimReviewed")
            if kind == "claim":
                assert sentence == (row["gloss_en"] if lang == "en" else row["quote_vi"])
            else:
                # a sentence of the item and the figure (English form in English: checked by hand on T1-06 below)
                if lang == "en":
                    assert sentence.startswith(row["item"] + " was ") and _value(claim, "name") == row["item"]
                else:
                    assert sentence.startswith(_value(claim, "name") + " là ") and row["printed"] in sentence
            assert _value(review, "name").startswith("Verdict on " if lang == "en" else "Kết luận về ")
            assert _value(claim, "name")
            # the rating as a number on the stated scale, for a verdict that decides
            assert (_value(rating, "worstRating"), _value(rating, "bestRating")) == (1, 3)
            decided = row["verdict"] not in ("not_verifiable", "not decided")
            assert (S + "ratingValue" in rating) == decided
            if decided:
                assert 1 <= _value(rating, "ratingValue") <= 3
    # worked out by hand from audit.csv's row T1-06 (printed '~4,6 tỷ USD', about, one decimal, USD bn, Table 1)
    t106 = _value(reviews["T1-06"], "claimReviewed")
    assert t106 == ("Vietnam–Russia goods trade turnover was about 4.6 bn USD (Table 1, §3.3)" if lang == "en" else
                    "Việt Nam – Nga: Kim ngạch thương mại (USD) là ~4,6 tỷ USD (Bảng 1, §3.3)")
    # the article, with its bibliographic data as manuscript/references.bib gives them (entry tran2026)
    art = next(n for n in g.values() if n.get("@type") == [S + "ScholarlyArticle"])
    assert _value(art, "datePublished") == "2026" and _value(art, "inLanguage") == "vi"
    assert _value(art, "headline").startswith("Quan hệ đối tác chiến lược toàn diện Việt Nam – Nga")
    # the copy consulted prints no journal name: the bibliography says so (manuscript/references.bib)
    assert _value(art[S + "isPartOf"][0], "name").startswith("A journal of Duy Tan University")
    person = g[_value(art, "author")]
    assert _value(person, "familyName") == "Trần" and _value(person, "givenName") == "Thị Diễm Trâm"


@pytest.mark.workflow
def test_each_html_edition_carries_the_reviews_of_the_verdicts_it_shows(built):
    """Each page's document is the edition's file (but for the base its relative urls take there), and the
    reviews it carries are exactly those of the verdicts its parts show, each url's anchor given to one cell."""
    gen = built / "manuscript/_generated"
    for part, jsonld, qmd, folder in (("verdicts.html", "verdicts.jsonld", "index.qmd", gen),
                                      ("vi/verdicts.html", "verdicts.vi.jsonld", "index.vi.qmd", gen / "vi")):
        tag = (gen / part).read_text(encoding="utf-8")
        body = re.fullmatch(r'<script type="application/ld\+json">\n(.*)\n</script>\n', tag, re.S).group(1)
        assert "</" not in body
        embedded = json.loads(body)
        standalone = json.loads((built / "data/derived" / jsonld).read_text(encoding="utf-8"))
        assert standalone["@context"] == ["https://schema.org", {"@base": "../../docs/"}]
        assert embedded == {**standalone, "@context": "https://schema.org"}
        front = yaml.safe_load((ROOT / "manuscript" / qmd).read_text(encoding="utf-8").split("---\n")[1])
        assert f"_generated/{part}" in front["format"]["html"]["include-in-header"]
        # the anchors the edition's parts give (one per verdict cell), and the reviews' urls
        shown = re.findall(r"\]\{#(verdict-[A-Za-z0-9_-]+)\}",
                           "".join(p.read_text(encoding="utf-8") for p in folder.glob("*.md")))
        assert len(shown) == len(set(shown)) > 100
        page = "index.html" if folder == gen else "vi.html"
        g = _expand(embedded, base=f"https://example.org/pkg/docs/{page}")
        urls = [_value(n, "url") for n in g.values() if n.get("@type") == [S + "ClaimReview"]]
        assert sorted(u.split("#")[1] for u in urls) == sorted(shown)
        assert {u.split("#")[0] for u in urls} == {f"https://example.org/pkg/docs/{page}"}
