"""The verdicts as schema.org ClaimReview (data/derived/verdicts.jsonld, .vi.jsonld, and each HTML edition's
header include): expanded as JSON-LD by pyld, offline, and checked against the audit and the claims."""
import csv
import json
import re
from pathlib import Path

import pytest
import yaml

from analysis.audit.claimreview import bib_fields, detex, script_tag
from tests.conftest import ROOT

S = "http://schema.org/"
# schema.org's context, offline: the one mapping it makes for these documents' terms (its @vocab), so that
# expansion needs no network.  Every term used here is a schema.org property or type.
SCHEMA_CONTEXT = {"@context": {"@vocab": S}}


def _loader(url, options=None):
    if url.rstrip("/") in ("https://schema.org", "http://schema.org"):
        return {"contentType": "application/ld+json", "contextUrl": None, "documentUrl": url,
                "document": SCHEMA_CONTEXT}
    raise OSError(f"no network in this test: {url}")


def _expand(doc: dict) -> dict:
    """The expanded graph, node by @id."""
    jsonld = pytest.importorskip("pyld.jsonld", reason="pyld is not installed (requirements.lock has it)")
    expanded = jsonld.expand(doc, {"documentLoader": _loader, "base": "https://example.org/doc"})
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


# --- on the build ---------------------------------------------------------------------------------------

def _verdict_words_vi() -> tuple[dict, dict]:
    """The Vietnamese words for the audit's and the claims' verdicts, from the project's own vocabularies."""
    from analysis.audit.claims import VERDICTS_VI
    from analysis.reasons import WORDS
    audit = {k.removeprefix("verdict."): v for k, v in WORDS["vi"].items() if k.startswith("verdict.")}
    return audit, VERDICTS_VI


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
    for rows, kind in ((audit, "audit"), (claims, "claim")):
        for row in rows:
            review = reviews[row["id"]]
            rating = review[S + "reviewRating"][0]
            assert rating["@type"] == [S + "Rating"]
            words = _value(rating, "alternateName")
            # same verdict, in the edition's words
            if lang == "en":
                assert words == row["verdict"].replace("_", " "), row["id"]
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
            # the author of the review: the package
            author = g[_value(review, "author")]
            assert author["@type"] == [S + "SoftwareSourceCode"]
            assert _value(author[S + "author"][0], "name") == "Replication package maintainers"
    # the article, with its bibliographic data as manuscript/references.bib gives them (entry tran2026)
    art = next(n for n in g.values() if n.get("@type") == [S + "ScholarlyArticle"])
    assert _value(art, "datePublished") == "2026" and _value(art, "inLanguage") == "vi"
    assert _value(art, "headline").startswith("Quan hệ đối tác chiến lược toàn diện Việt Nam – Nga")
    # the copy consulted prints no journal name: the bibliography says so (manuscript/references.bib)
    assert _value(art[S + "isPartOf"][0], "name").startswith("A journal of Duy Tan University")
    person = g[_value(art, "author")]
    assert _value(person, "familyName") == "Trần" and _value(person, "givenName") == "Thị Diễm Trâm"


@pytest.mark.workflow
def test_each_html_edition_carries_its_verdicts_in_its_language(built):
    for part, jsonld, qmd in (("verdicts.html", "verdicts.jsonld", "index.qmd"),
                              ("vi/verdicts.html", "verdicts.vi.jsonld", "index.vi.qmd")):
        tag = (built / "manuscript/_generated" / part).read_text(encoding="utf-8")
        body = re.fullmatch(r'<script type="application/ld\+json">\n(.*)\n</script>\n', tag, re.S).group(1)
        assert "</" not in body
        assert json.loads(body) == json.loads((built / "data/derived" / jsonld).read_text(encoding="utf-8"))
        front = yaml.safe_load((ROOT / "manuscript" / qmd).read_text(encoding="utf-8").split("---\n")[1])
        assert f"_generated/{part}" in front["format"]["html"]["include-in-header"]
