"""Text from the inputs, escaped for each target it is written into.

Every quote, gloss, item, title, note, publisher or URL that an input file holds is data: written
into a generated part, it must arrive in the HTML and the PDF exactly as written, never as markup.
Each target has one function here, and every writer of generated parts calls it at the point where
it inserts an input's text:

- `md_text`: running Markdown text (a sentence, a list item, emphasis);
- `md_cell`: a cell of a pipe table (the same, and a `|` that no later pipe escaping can undo);
- `md_code`: inline code (a file name), in running text or a table cell;
- `bibtex`, `bibtex_url`, `bibtex_verbatim`: a field of sources.bib, as pandoc's BibTeX reader reads it;
- `yaml_scalar`: a YAML scalar (double-quoted);
- `html_text`, `html_attr`: HTML text and attribute values (also inside a Markdown raw HTML block);
- `typst_string`: a string literal inside a raw Typst block;
- `json_in_script`: JSON written inside an HTML `<script>` element (JSON-LD).

Quarto expands a shortcode (`{{< … >}}`, `{{< include … >}}`) wherever its three characters meet,
in code and raw blocks too, so each function breaks that sequence as well.  A direction control or a lone
surrogate is shown as U+FFFD by each (the input checks refuse them in the data files).  Standard library only.
"""
from __future__ import annotations

import html
import re

# Characters that would end the line a text is written on, and the other control characters: a text
# from an input is one line of the target.
_BREAKS = re.compile(r"[\x00-\x1f\x7f\x85\u2028\u2029]")

# Markdown: every ASCII punctuation character that pandoc's Markdown (with Quarto's extensions) reads as
# markup anywhere in a line, backslash-escaped (pandoc's all_symbols_escapable): emphasis and strike
# (* _ ~), code (`), links, spans and footnotes ([ ] ^), raw HTML, autolinks and shortcodes (< > { }),
# math ($), citations and cross-references (@), entities (&), tables (|), escapes themselves (\).
_MD_SPECIAL = "\\`*_{}[]<>$@&|~^"
_MD = {ord(c): "\\" + c for c in _MD_SPECIAL}
# ...and what starts a block when it opens a line and a space or the line's end follows: a heading (#), a
# list item (- + or a number and . or )), a rule (---), a div fence or definition (:), a setext line (=).
# (A quote's >, a list's *, a table's | and a line block's | are escaped above wherever they are.)
# An `@` right after a letter or digit starts no citation or cross-reference (an e-mail address): kept as is.
_MD_MID_WORD_AT = re.compile(r"(?<=[^\W_])\\@")
_MD_LINE_START = re.compile(r"^(\s*\d*)(#+|-+|\++|:+|=+|(?<=\d)[.)])(?=\s|$)")


# Characters no page shows as written: the controls that reverse or re-embed the direction of the text around
# them (a right-to-left override shows a name backwards) and lone surrogates (no UTF-8 page can hold one).  The
# input checks refuse them in the data files; text from elsewhere (file names, CITATION.cff, git) shows each as
# U+FFFD, the replacement character, visibly.
_UNSEEN = re.compile("[\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def _visible(text: object) -> str:
    return _UNSEEN.sub("\ufffd", str(text))


def _one_line(text: object) -> str:
    return _BREAKS.sub(" ", _visible(text))


def md_text(text: object) -> str:
    """Markdown that shows `text` literally, on one line (line breaks become spaces)."""
    out = _MD_MID_WORD_AT.sub("@", _one_line(text).translate(_MD))
    return _MD_LINE_START.sub(r"\1\\\2", out, count=1)


def md_code(text: object, cell: bool = False) -> str:
    """Inline code that shows `text` literally (a file name, a key): fenced by a run of backticks longer than
    any inside it, so that a backtick in the text cannot end the span early, and spaced from a backtick at
    either end.  A code span has no escapes, so a text that one cannot hold as written — a shortcode's `{{<`
    (Quarto expands it in code too), a `|` in a table cell (pandoc's tables split there even in code) or an
    empty text — is written as escaped text instead (md_text, md_cell)."""
    one = _one_line(text)
    if "{{<" in one or not one.strip() or (cell and "|" in one):
        return md_cell(one) if cell else md_text(one)
    fence = "`" * (max((len(run) for run in re.findall("`+", one)), default=0) + 1)
    pad = " " if one[0] == "`" or one[-1] == "`" else ""
    return f"{fence}{pad}{one}{pad}{fence}"


def md_cell(text: object) -> str:
    """A pipe-table cell that shows `text` literally.  Its `|` is written as the character reference
    `&#124;` (pandoc shows it as `|`), so that a table writer that escapes pipes again cannot turn an
    escaped pipe back into a cell boundary."""
    return md_text(text).replace("\\|", "&#124;")


# BibTeX, as pandoc's reader reads a braced field: LaTeX's special characters and the characters its
# ligatures join (-- ``), the quote marks it curls, and @ (an entry's start for other readers).  A straight
# apostrophe is `\'{}` (an acute accent on nothing, which both pandoc 3.6, Quarto's, and 3.9 read as `'`):
# `\textquotesingle{}` is dropped by pandoc 3.6, which printed "Vietnams" for "Vietnam's".
_BIB = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "$": r"\$", "%": r"\%", "&": r"\&", "#": r"\#",
        "_": r"\_", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}", "<": r"\textless{}",
        ">": r"\textgreater{}", "@": "{@}", "-": "{-}", "'": r"\'{}", "`": r"\`{}"}
_BIB_T = {ord(k): v for k, v in _BIB.items()}


def bibtex(text: object) -> str:
    """The content of a braced BibTeX field that pandoc reads back as exactly `text` (one line).  Every
    brace is escaped (`\\{`, `\\}`), so the field's own braces always close it."""
    return _one_line(text).translate(_BIB_T)


def bibtex_verbatim(text: object) -> str:
    """The content of a BibTeX field that pandoc reads verbatim, not as LaTeX (`type`, the CSL genre): one line.
    A brace or a backslash would end or break the field and cannot be written in it: refused (the manifest's
    pattern keeps them out of the data that reaches such a field, sources.csv's copy_of)."""
    line = _one_line(text)
    if re.search(r"[{}\\]", line):
        raise ValueError(f"a verbatim BibTeX field cannot hold a brace or a backslash: {line!r}")
    return line


def bibtex_url(url: object) -> str:
    """A URL for the `url` field (which pandoc reads verbatim): the characters that would end the field
    or that a URL may not hold (braces, backslash, spaces, quotes, angle brackets) percent-encoded."""
    return re.sub(r'[{}\\\s"<>`^|\x00-\x1f\x7f]', lambda m: "".join(f"%{b:02X}" for b in m.group().encode("utf-8")),
                  str(url))


def yaml_scalar(text: object) -> str:
    """A double-quoted YAML scalar holding exactly `text`: backslash and quote escaped, every control
    character and line separator written as an escape."""
    out = []
    for ch in _visible(text):
        if ch in '\\"':
            out.append("\\" + ch)
        elif _BREAKS.match(ch) or ch == "\t":
            out.append(f"\\x{ord(ch):02x}" if ord(ch) < 0x100 else f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def html_text(text: object) -> str:
    """HTML text that shows `text` literally, on one line (safe inside a Markdown raw HTML block too:
    no line of it can close the block, and `<` and `{` are references, so no shortcode forms)."""
    return html.escape(_one_line(text), quote=True).replace("`", "&#96;").replace("{", "&#123;")


def html_attr(text: object) -> str:
    """An HTML attribute value (to be written between double quotes)."""
    return html_text(text)


def typst_string(text: object) -> str:
    """A Typst string literal holding `text` (one line); `{` and `<` as Unicode escapes, so that no
    shortcode forms in the raw Typst block."""
    body = _one_line(text).replace("\\", "\\\\").replace('"', '\\"').replace("{", "\\u{7b}").replace("<", "\\u{3c}")
    return f'"{body}"'


def json_in_script(json_text: str) -> str:
    """JSON text that an HTML `<script>` element can hold: every `<` written as the JSON escape \\u003c, so
    that no string in it can close the element (`</script>`) or open a comment; the JSON reads the same."""
    return json_text.replace("<", "\\u003c")
