"""Organisers' descriptions as HTML: paragraphs, « - » lists, emphasis and links, nothing else.

markdown-it-py with raw HTML off escapes whatever markup an organiser types, so no sanitiser
is needed after it. What it would otherwise produce and a page cannot take is turned off or
rewritten here: images (a third-party request), headings (they would break the page's own
heading order: they become bold paragraphs), links other than http(s) and mailto.
Exports (ICS, frab, CSV) never come here: they take the stored plain text.
"""

from functools import cache
from urllib.parse import urlsplit

from markdown_it import MarkdownIt

from .typography import typeset

SAFE_SCHEMES = {"http", "https", "mailto"}


def _link_allowed(url):
    # Relative links are refused too: an organiser's description has no business pointing
    # into the site's own URLs, and « javascript: » hides behind odd spellings.
    return urlsplit(url.strip()).scheme.lower() in SAFE_SCHEMES


def _link_open(self, tokens, idx, options, env):
    tokens[idx].attrSet("rel", "noopener")
    return self.renderToken(tokens, idx, options, env)


def _heading_open(self, tokens, idx, options, env):
    return "<p><strong>"


def _heading_close(self, tokens, idx, options, env):
    return "</strong></p>\n"


@cache
def _parser():
    parser = MarkdownIt("commonmark", {"html": False, "breaks": True})
    # Images would load from anywhere; tables and code blocks by indentation surprise organisers
    # who indent a line.
    parser.disable(["image", "code"])
    parser.validateLink = _link_allowed
    parser.add_render_rule("link_open", _link_open)
    parser.add_render_rule("heading_open", _heading_open)
    parser.add_render_rule("heading_close", _heading_close)
    return parser


def render(text):
    """Safe HTML for an organiser's description, typeset for the current language."""
    if not text:
        return typeset("")
    return typeset(_parser().render(str(text)))
