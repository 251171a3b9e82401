import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation

from programme.typography import typeset_message, typeset_text

NB = "\u00a0"

FRENCH = [
    ("l'été", "l’été", "apostrophe"),
    ("Attention : départ", f"Attention{NB}: départ", "colon"),
    (
        "Vraiment ? Oui ! Bon ; fin",
        f"Vraiment{NB}? Oui{NB}! Bon{NB}; fin",
        "question-bang-semicolon",
    ),
    ("« Cluny »", f"«{NB}Cluny{NB}»", "guillemets-spaced"),
    ("«Cluny»", f"«{NB}Cluny{NB}»", "guillemets-tight"),
    (
        "le 1er juillet, la 1re fois, la 1ère fois",
        "le 1<sup>er</sup> juillet, la 1<sup>re</sup> fois, la 1<sup>re</sup> fois",
        "first",
    ),
    (
        "2e jour, 3ème jour, 4E jour",
        "2<sup>e</sup> jour, 3<sup>e</sup> jour, 4<sup>e</sup> jour",
        "ordinals",
    ),
    ("le XXIe siècle", "le XXI<sup>e</sup> siècle", "roman"),
    ("Ce VILLE Le", "Ce VILLE Le", "words-not-ordinals"),
    ("14:30, note: rien", "14:30, note: rien", "colon-without-space-left"),
    ("<script>alert('x')</script>", "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;", "escaped"),
    ("a & b", "a &amp; b", "ampersand"),
    (
        "https://exemple.fr/l'été/2e-jour?x=1",
        "https://exemple.fr/l'été/2e-jour?x=1".replace("'", "&#x27;"),
        "url",
    ),
    ("écrire à jean.d'arc@exemple.fr", "écrire à jean.d&#x27;arc@exemple.fr", "email"),
    (
        f"l’été{NB}: «{NB}x{NB}» 2<sup>e</sup>",
        f"l’été{NB}: «{NB}x{NB}» 2&lt;sup&gt;e&lt;/sup&gt;",
        "already-typographic",
    ),
]
ENGLISH = [
    ("l'été : « x » 2e", "l’été : « x » 2e", "no-french-spaces"),
    ("<b>Bold</b>", "&lt;b&gt;Bold&lt;/b&gt;", "escaped"),
]


@pytest.mark.parametrize(("raw", "expected", "_"), FRENCH, ids=[row[2] for row in FRENCH])
def test_typography_french(raw, expected, _):
    with translation.override("fr"):
        assert str(typeset_text(raw)) == expected


@pytest.mark.parametrize(("raw", "expected", "_"), ENGLISH, ids=[row[2] for row in ENGLISH])
def test_typography_english(raw, expected, _):
    with translation.override("en"):
        assert str(typeset_text(raw)) == expected


@pytest.mark.parametrize("raw", [row[0] for row in FRENCH], ids=[row[2] for row in FRENCH])
def test_typography_idempotent_on_its_own_output(raw):
    with translation.override("fr"):
        once = typeset_text(raw)
        assert typeset_text(once) == once


def test_typography_shows_nothing_for_an_empty_field():
    assert typeset_text(None) == ""


def test_typography_leaves_tags_and_code_of_safe_html_alone():
    template = Template("{% load programme_tags %}{{ value|typo }}")
    html = "<a href='/l'a'>l'a</a> <code>x : y</code> z : w"
    from django.utils.safestring import mark_safe

    with translation.override("fr"):
        rendered = template.render(Context({"value": mark_safe(html)}))
    assert rendered == f"<a href='/l'a'>l’a</a> <code>x : y</code> z{NB}: w"


@pytest.mark.parametrize(
    ("language", "heading"),
    [
        ("fr", "<h1>2<sup>e</sup> Université européenne d’été"),
        ("en", "<h1>2e Université européenne d’été"),
    ],
    ids=["french", "english"],
)
def test_pages_show_organisers_text_typeset(client, programme, settings, language, heading):

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    html = client.get(reverse("programme:home")).content.decode()

    assert heading in html
    # The page's <title> is plain text: never typeset markup there.
    title = html.split("<title>", 1)[1].split("</title>", 1)[0]
    assert "<sup>" not in title and "&lt;sup" not in title


# Interface strings (the French catalogue) and plain text (attributes, <title>, emails):
# apostrophes and no-break spaces, never markup, placeholders and tags as typed.
MESSAGES = [
    ("L'inscription : ouverte", f"L’inscription{NB}: ouverte", "apostrophe-colon"),
    ("Déjà inscrit ? Oui !", f"Déjà inscrit{NB}? Oui{NB}!", "question-bang"),
    ("« %(title)s »", f"«{NB}%(title)s{NB}»", "placeholder-in-guillemets"),
    ('<a href="%(url)s">l\'été</a> : x', f'<a href="%(url)s">l’été</a>{NB}: x', "tag-kept"),
    ("la 2e édition", "la 2e édition", "no-ordinal-markup"),
    ("Voir https://exemple.fr/?a=b : x", f"Voir https://exemple.fr/?a=b{NB}: x", "address"),
    (f"l’été{NB}: x", f"l’été{NB}: x", "already-typeset"),
]


@pytest.mark.parametrize(("raw", "expected", "_"), MESSAGES, ids=[row[2] for row in MESSAGES])
def test_interface_strings_typeset_in_french(raw, expected, _):
    assert typeset_message(raw) == expected


@pytest.mark.parametrize(
    ("language", "expected"),
    [("fr", f"«{NB}L’été{NB}» 2e"), ("en", "« L’été » 2e")],
    ids=["french", "english"],
)
def test_plain_filter_typesets_without_markup_and_is_escaped(language, expected):
    template = Template('{% load programme_tags %}<i title="{{ value|typo_plain }}"></i>')
    with translation.override(language):
        rendered = template.render(Context({"value": "« L'été » 2e <b>"}))
    assert rendered == f'<i title="{expected} &lt;b&gt;"></i>'


def test_french_interface_strings_come_typeset(client, programme):
    # « S'abonner au programme… » is typed with the keyboard's apostrophe.
    html = client.get(reverse("programme:agenda")).content.decode()

    assert "S’abonner au programme" in html
    assert "S'abonner" not in html
