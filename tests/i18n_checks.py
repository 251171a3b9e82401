"""Checks for the English interface: the catalogue read from its .po file, what a visitor
reads on a page, the French interface strings left in it, and the text of a template that no
translate tag holds. Used by tests/test_i18n.py."""

import ast
import functools
import html
import re
from html.parser import HTMLParser
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import models
from django.template.base import Lexer, TokenType
from django.utils.html import strip_tags

from programme.typography import typeset_text

ROOT = Path(settings.BASE_DIR)
CATALOGUE = Path(settings.LOCALE_PATHS[0]) / "en" / "LC_MESSAGES"
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%%|\{\{[^}]*\}\}|\{\w*\}|<[^>]+>")
# Attributes read out or shown: labels, tooltips, buttons, the offline notices.
TEXT_ATTRIBUTES = {"alt", "aria-label", "placeholder", "title", "value"}
TEXT_ATTRIBUTES |= {"data-offline", "data-stale"}
# Meta tags whose content is read (by search engines and link previews), unlike og:url.
READ_META = {"description", "og:title", "og:description", "og:site_name"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}
WORD = re.compile(r"[^\W\d_]{2,}")
UNTRANSLATED_BLOCKS = {"blocktranslate", "blocktrans", "comment", "verbatim"}


def po_entries(path):
    """Entries of a .po file (header and obsolete ones left out): msgid, msgstr…, flags."""
    entries = []
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        fields, flags, key = {}, set(), None
        for line in block.splitlines():
            if line.startswith("#,"):
                flags |= {flag.strip() for flag in line[2:].split(",")}
            elif line.startswith('"') and key:
                fields[key] += ast.literal_eval(line)
            elif not line.startswith("#"):
                key, _, value = line.partition(" ")
                fields[key] = ast.literal_eval(value)
        if fields.get("msgid"):
            translations = [value for name, value in fields.items() if name.startswith("msgstr")]
            entries.append({**fields, "flags": flags, "translations": translations})
    return entries


def unfinished(entries):
    return [e["msgid"] for e in entries if "fuzzy" in e["flags"] or not all(e["translations"])]


def squeeze(text):
    return " ".join(text.split())


@functools.cache
def french_fragments():
    """msgid → patterns of the pieces of it (and of its plural) a reader would see, for
    entries whose English differs. Pieces shorter than four characters say nothing; a piece
    that an English translation also uses on purpose (a French legal name) is no evidence."""
    entries = [e for e in po_entries(CATALOGUE / "django.po") if e["translations"][0] != e["msgid"]]
    english = squeeze(" ".join(t for e in entries for t in e["translations"]))
    fragments = {}
    for entry in entries:
        french = f"{entry['msgid']}\n{entry.get('msgid_plural', '')}"
        pieces = (squeeze(p).strip(" ,.:;!?()«»—–-…") for p in PLACEHOLDER.split(french))
        patterns = [word_pattern(p) for p in pieces if len(p) > 3]
        patterns = [p for p in patterns if not p.search(english)]
        if patterns:
            fragments[entry["msgid"]] = patterns
    return fragments


def word_pattern(piece):
    return re.compile(rf"(?<!\w){re.escape(piece)}(?!\w)")


class ReadableText(HTMLParser):
    """What a visitor reads or hears on a page, leaving out scripts and passages marked in
    another language than the page's (the switch to « Français » is meant to stay French)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self.open, self.language = [], [], None

    def skipping(self):
        return any(foreign or tag in ("script", "style") for tag, foreign in self.open)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.language = attrs.get("lang")
        foreign = attrs.get("lang", self.language) != self.language
        if not (foreign or self.skipping()):
            self.parts += [v for k, v in attrs.items() if k in TEXT_ATTRIBUTES and v]
            if tag == "meta" and (attrs.get("name") or attrs.get("property")) in READ_META:
                self.parts.append(attrs.get("content") or "")
        if tag not in VOID:
            self.open.append((tag, foreign))

    def handle_endtag(self, tag):
        tags = [name for name, _ in self.open]
        if tag in tags:
            del self.open[len(tags) - 1 - tags[::-1].index(tag) :]

    def handle_data(self, data):
        if not self.skipping():
            self.parts.append(data)


def readable_text(content):
    parser = ReadableText()
    parser.feed(content)
    return squeeze(" ".join(parser.parts))


def data_text():
    """Every text the database holds (programme, registrations, proposals, teams): the
    organisers' and participants' own words, which stay in their language."""
    values = []
    for label in ("programme", "registrations", "proposals", "teams"):
        for model in apps.get_app_config(label).get_models():
            fields = model._meta.concrete_fields
            names = [f.name for f in fields if isinstance(f, models.CharField | models.TextField)]
            # values_list() without names would list every field: skip models with no text.
            for row in model.objects.values_list(*names) if names else []:
                values += [v for v in row if v]
    text = squeeze(" ".join(values))
    # As pages show it: typeset (’ for ', and in French its spaces) at display time.
    shown = html.unescape(strip_tags(typeset_text(text)))
    return f"{text} {squeeze(shown)}"


def french_left(content):
    # Addresses are French (/inscription/, /lieux/) whatever the language: not interface text.
    text = re.sub(r"https?://\S+", " ", readable_text(content))
    seen = {
        msgid: found
        for msgid, patterns in french_fragments().items()
        if (found := [p for p in patterns if p.search(text)])
    }
    data = data_text() if seen else ""
    return sorted(msgid for msgid, found in seen.items() if any(not p.search(data) for p in found))


def outside_translate_tags(source):
    """The template with translated text, comments and tags removed: a variable becomes a
    placeholder (it may name an element), a tag a line break."""
    parts, closing = [], None
    for token in Lexer(source).tokenize():
        name = token.contents.split()[0] if token.token_type == TokenType.BLOCK else None
        if closing:
            closing = None if name == closing else closing
        elif name in UNTRANSLATED_BLOCKS:
            closing = f"end{name}"
        elif token.token_type == TokenType.TEXT:
            parts.append(token.contents)
        else:
            parts.append("x0" if token.token_type == TokenType.VAR else "\n")
    return "".join(parts)


class UnmarkedText(ReadableText):
    """Text a visitor would read, in a template, that no translate tag holds."""

    def handle_starttag(self, tag, attrs):
        super().handle_starttag(tag, [(k, v) for k, v in attrs if k != "lang"])


def unmarked_sentences(template):
    parser = UnmarkedText()
    parser.feed(outside_translate_tags((ROOT / template).read_text(encoding="utf-8")))
    lines = [line.strip() for part in parser.parts for line in part.splitlines()]
    # Two words make a sentence; a lone word may be a name, as « English » is, and an address
    # (formulaire.defenseurdesdroits.fr) is none.
    words = (WORD.findall(re.sub(r"\S*\w\.\w\S*|x0", " ", line)) for line in lines)
    return [line for line, found in zip(lines, words, strict=True) if len(found) >= 2]
