"""Every user-visible sentence of both editions comes from one gettext message catalog per language,
`analysis/locale/<lang>/LC_MESSAGES/messages.po`, managed with Babel (Babel's extractor finds the ids the
code passes to `msg()` and `msgn()`; `tests/test_catalog.py` checks that both catalogs hold every id, none empty or fuzzy, with the
same placeholders).  Ids are symbolic (`reason.reproduced`, `word.cause.arithmetic`), never English
prose, so an edited English sentence keeps its Vietnamese, and a translator edits the Vietnamese catalog
without reading code.  Placeholders are Python brace fields (`{value}`), filled with data: no sentence of
one language is derived from a sentence of the other.

The catalogs are read as `.po` (Babel's reader) rather than compiled `.mo`, so that the sources are the
only copy and no binary product is kept beside them; a step reads each catalog once.
"""
from __future__ import annotations

import string
from functools import lru_cache
from pathlib import Path

LOCALE_DIR = Path(__file__).resolve().parent / "locale"
DOMAIN = "messages"
LANGS = ("en", "vi")


def po_path(lang: str) -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


@lru_cache(maxsize=None)
def catalog(lang: str):
    """The Babel catalog of one language, read once per process."""
    if lang not in LANGS:
        raise ValueError(f"no message catalog for language {lang!r}; the editions are {LANGS}")
    from babel.messages.pofile import read_po

    with po_path(lang).open("rb") as f:
        return read_po(f, locale=lang, domain=DOMAIN)


@lru_cache(maxsize=None)
def messages(lang: str) -> dict:
    """{msgid: msgstr} of one language (a plural message: {singular id: (forms...)})."""
    out = {}
    for m in catalog(lang):
        if not m.id:
            continue
        out[m.id[0] if isinstance(m.id, tuple) else m.id] = m.string
    return out


def has(msgid: str, lang: str = "en") -> bool:
    return msgid in messages(lang)


def msg(msgid: str, lang: str, **slots) -> str:
    """The message `msgid` in `lang`, its placeholders filled with `slots`.  A missing id stops the
    build naming it (the catalog test keeps that from reaching a user)."""
    try:
        text = messages(lang)[msgid]
    except KeyError:
        raise KeyError(f"message {msgid!r} is missing from {po_path(lang)}") from None
    if isinstance(text, tuple):
        raise TypeError(f"message {msgid!r} has plural forms: use msgn()")
    return text.format(**slots) if slots else text


def msgn(msgid: str, n: int, lang: str, **slots) -> str:
    """The plural message `msgid` in the form the language's plural rule picks for `n` (English: one,
    other; Vietnamese: one form); `{n}` is filled with n unless given."""
    forms = messages(lang).get(msgid)
    if not isinstance(forms, tuple):
        raise KeyError(f"plural message {msgid!r} is missing from {po_path(lang)}")
    # Babel's Catalog gives the header's plural expression (C syntax); the standard library reads it
    index = _plural(lang)(n) if len(forms) > 1 else 0
    return forms[index].format(**({"n": n} | slots))


@lru_cache(maxsize=None)
def _plural(lang: str):
    """The plural rule of a catalog's header (Plural-Forms), as a function of n."""
    import gettext
    return gettext.c2py(catalog(lang).plural_expr)


def section(prefix: str, lang: str) -> dict[str, str]:
    """Every message whose id starts with `prefix`, keyed by the rest of the id: a vocabulary."""
    return {k[len(prefix):]: v for k, v in messages(lang).items() if k.startswith(prefix) and isinstance(v, str)}


def placeholders(text: str) -> set[str]:
    """The names of a message's brace placeholders."""
    return {name.split(".")[0].split("[")[0] for _, name, _, _ in string.Formatter().parse(text) if name}
