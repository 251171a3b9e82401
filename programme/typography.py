"""French typography for organisers' text, applied at display time (stored text is unchanged).

It works on HTML that is already safe: escaped plain text, or the rich-text renderer's output.
Only the text between tags changes, never a tag, an attribute, a URL or code; the only markup
added is <sup> around an ordinal's letters. English pages get the apostrophe only: English
typography puts no space before « : ; ! ? ».

The spaces are U+00A0, the no-break space the interface strings and the dates (« 14 h 30 »)
already use: one space character across the site, which every font has.
"""

import re

from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

from .formats import NBSP, _is_french

TAG = re.compile(r"(<[^>]*>)")
# Left as typed: web and mail addresses, where an apostrophe or « 2e » is part of the address.
ADDRESS = re.compile(r"((?:https?://|mailto:|www\.)\S+|[\w.+-]+@[\w-]+\.[\w.-]+)")
# Elements whose text is code or an address: never retouched.
VERBATIM = {"code", "pre", "kbd", "samp"}
APOSTROPHE = re.compile(r"(?<=\w)(?:'|&#x27;|&#39;)(?=\w)")
# Only an existing space becomes a no-break one: « 14:30 » and « Note: » are left as typed.
BEFORE_PUNCTUATION = re.compile(r"[ \u202f]+(?=[:;!?])")
AFTER_OPENING = re.compile(r"«[ \u00a0\u202f]*")
BEFORE_CLOSING = re.compile(r"[ \u00a0\u202f]*»")
# « 1er », « 1re », « 2e », « 2E », « 2ème », « XXIe ». Roman numerals take a lower-case
# suffix only (« VILLE » in capitals is a word) and two letters at least (« Ce », « Le »),
# « Ve » and « Xe » excepted.
ORDINAL = re.compile(r"\b(\d+)((?i:er|re|ère|ème|è|e))\b|\b([IVXLC]{2,}|V|X)(er|e)\b")
SUFFIXES = {"er": "er", "re": "re", "ère": "re", "e": "e", "ème": "e", "è": "e"}


def typeset(html):
    """French (or English) typography on the text of a safe HTML string; returns it safe."""
    french = _is_french()
    pieces, verbatim = [], 0
    for piece in TAG.split(str(html)):
        if piece.startswith("<"):
            verbatim += _verbatim_step(piece)
        elif piece and not verbatim:
            piece = _text(piece, french)
        pieces.append(piece)
    return mark_safe("".join(pieces))  # the text between the tags was safe already


def typeset_message(text):
    """French typography of an interface string, for the French catalogue (see
    programme/catalogue.py): apostrophes and no-break spaces only. No <sup>, no language test: the
    string may end up in an attribute, a plain-text email or a CSV heading, in either language."""
    pieces = TAG.split(text)
    return "".join(
        piece if piece.startswith("<") else _text(piece, french=True, ordinals=False)
        for piece in pieces
    )


def typeset_plain(value):
    """Plain text in the page language's typography, without markup: for an attribute or
    <title>; the template escapes it afterwards like any variable."""
    return _text("" if value is None else str(value), _is_french(), ordinals=False)


def typeset_text(value):
    """Plain organisers' text: escaped first, then typeset. An empty field shows nothing."""
    return typeset(conditional_escape("" if value is None else value))


def _verbatim_step(tag):
    name = tag.strip("</>").split(None, 1)[0].lower() if tag.strip("</>") else ""
    if name not in VERBATIM or tag.endswith("/>"):
        return 0
    return -1 if tag.startswith("</") else 1


def _text(text, french, ordinals=True):
    parts = ADDRESS.split(text)
    # Odd indices are the addresses the split kept: left as typed.
    return "".join(
        part if index % 2 else _words(part, french, ordinals) for index, part in enumerate(parts)
    )


def _words(text, french, ordinals=True):
    text = APOSTROPHE.sub("’", text)
    if not french:
        return text
    text = BEFORE_PUNCTUATION.sub(NBSP, text)
    text = AFTER_OPENING.sub("«" + NBSP, text)
    text = BEFORE_CLOSING.sub(NBSP + "»", text)
    return ORDINAL.sub(_ordinal, text) if ordinals else text


def _ordinal(match):
    number, suffix = match.group(1, 2) if match.group(1) else match.group(3, 4)
    suffix = SUFFIXES[suffix.lower()]
    if suffix in {"er", "re"} and number not in {"1", "I"}:
        return match.group(0)  # « 2er » is no ordinal: left as typed
    return f"{number}<sup>{suffix}</sup>"
