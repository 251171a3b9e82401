import pytest
from django.utils import translation

from programme.richtext import render

NB = "\u00a0"

CASES = [
    ("Un.\n\nDeux.", "<p>Un.</p>\n<p>Deux.</p>\n", "paragraphs"),
    ("Ligne un\nligne deux", "<p>Ligne un<br />\nligne deux</p>\n", "line-break-kept"),
    (
        "Au choix :\n- un\n- deux",
        f"<p>Au choix{NB}:</p>\n<ul>\n<li>un</li>\n<li>deux</li>\n</ul>\n",
        "dash-list",
    ),
    (
        "<script>alert(1)</script> <b>gras</b>",
        "<p>&lt;script&gt;alert(1)&lt;/script&gt; &lt;b&gt;gras&lt;/b&gt;</p>\n",
        "raw-html-escaped",
    ),
    (
        "[clic](javascript:alert(1))",
        "<p>[clic](javascript:alert(1))</p>\n",
        "javascript-link-dropped",
    ),
    ("[clic](/admin/)", "<p>[clic](/admin/)</p>\n", "relative-link-dropped"),
    (
        "[site](https://exemple.fr/l'2e) <contact@exemple.fr>",
        '<p><a href="https://exemple.fr/l\'2e" rel="noopener">site</a> '
        '<a href="mailto:contact@exemple.fr" rel="noopener">contact@exemple.fr</a></p>\n',
        "http-and-mailto-links",
    ),
    ("# Titre\n\nTexte", "<p><strong>Titre</strong></p>\n<p>Texte</p>\n", "heading-demoted"),
    (
        "![logo](https://exemple.fr/l.png)",
        '<p>!<a href="https://exemple.fr/l.png" rel="noopener">logo</a></p>\n',
        "image-off",
    ),
    ("    indenté", "<p>indenté</p>\n", "indent-is-no-code"),
    ("", "", "empty"),
]


@pytest.mark.parametrize(("raw", "expected", "_"), CASES, ids=[row[2] for row in CASES])
def test_rich_text(raw, expected, _):
    with translation.override("fr"):
        assert str(render(raw)) == expected


def test_rich_text_english_has_no_french_spaces():
    with translation.override("en"):
        assert str(render("Note : l'été")) == "<p>Note : l’été</p>\n"


@pytest.mark.django_db
def test_seed_description_dash_lines_become_a_list(programme, client):
    from programme.models import Session

    session = Session.objects.get(description__contains="\n- Des défis locaux")
    response = client.get(session.get_absolute_url())
    html = response.content.decode()
    assert "<li>Des défis locaux" in html
    assert "\n- Des défis" not in html and "<br>- Des" not in html
