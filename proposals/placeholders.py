"""The decision emails' default texts, and the placeholders organisers may use in them.

A fixed list filled by plain substitution rather than the template language: organisers get
exactly what the help text promises, and a stored message cannot reach tags, filters or
attributes of the objects behind it.
"""

import re

from django.utils.text import format_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

PATTERN = re.compile(r"\{\{\s*([\w-]+)\s*\}\}")

PLACEHOLDERS = {
    "prenom": _("prénom de la personne à contacter"),
    "nom": _("nom de la personne à contacter"),
    "intervenants": _("toutes les intervenantes et tous les intervenants de la proposition"),
    "titre": _("titre de la proposition"),
    "mini_conference": _("la mini-conférence (numéro et titre)"),
    "quand": _("jour et horaire de la mini-conférence"),
    "salle": _("salle de la mini-conférence"),
    "lien": _("lien privé vers la proposition"),
    "edition": _("titre de l'édition"),
    "contact": _("courriel de contact de l'édition"),
}


def unknown(text):
    """The placeholder names used in text that are not in PLACEHOLDERS, in order of use."""
    names = [match.group(1) for match in PATTERN.finditer(text)]
    return list(dict.fromkeys(name for name in names if name not in PLACEHOLDERS))


def fill(text, values):
    """Replace each known placeholder by its value; values are inserted as they are."""
    return PATTERN.sub(lambda match: str(values.get(match.group(1), match.group(0))), text)


def help_text():
    listed = ", ".join(f"{{{{ {name} }}}}" for name in PLACEHOLDERS)
    # Lazy: model fields call this at import, before translations may be loaded.
    return format_lazy("{} {}.", _("Texte brut. Vous pouvez utiliser :"), listed)


def default_accepted_subject():
    return gettext("Votre proposition « {{ titre }} » est retenue")


def default_accepted_body():
    return gettext(
        "Bonjour {{ prenom }} {{ nom }},\n\n"
        "Nous avons le plaisir de vous annoncer que votre proposition « {{ titre }} » est "
        "retenue pour {{ edition }}.\n\n"
        "{{ mini_conference }}\n{{ quand }}\nSalle : {{ salle }}\n\n"
        "Intervenantes et intervenants : {{ intervenants }}\n\n"
        "Votre proposition : {{ lien }}\n\n"
        "Nous reviendrons vers vous pour préparer votre intervention. Pour toute question : "
        "{{ contact }}\n\n"
        "L'équipe d'organisation\n"
    )


def default_declined_subject():
    return gettext("Votre proposition « {{ titre }} »")


def default_declined_body():
    return gettext(
        "Bonjour {{ prenom }} {{ nom }},\n\n"
        "Merci pour votre proposition « {{ titre }} ». Nous avons reçu de nombreuses "
        "propositions et ne pouvons malheureusement pas retenir la vôtre pour {{ edition }}.\n\n"
        "Nous espérons vous compter parmi les participantes et participants. Pour toute "
        "question : {{ contact }}\n\n"
        "L'équipe d'organisation\n"
    )
