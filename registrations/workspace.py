"""The organisers' home, /organisation/: every tool of the organisers' space with one sentence.

The list is data: a new tool is one more Tool here, and the home, the admin index's link to it
and the test that checks every organiser page is reachable from the home all follow.
Each tool shows only to an account that holds its permission, so the home never offers a
door that answers 403.
"""

from typing import NamedTuple

from django.contrib.admin.views.decorators import staff_member_required
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class Tool(NamedTuple):
    title: str
    description: str
    url_name: str
    permission: str


TOOLS = (
    Tool(
        _("Tableau de bord"),
        _(
            "Les inscriptions par profil, les places prises et la liste d’attente de chaque "
            "mini-conférence, les repas jour par jour, les besoins alimentaires et "
            "d’accessibilité, l’évolution des inscriptions."
        ),
        "registrations-staff:dashboard",
        "registrations.view_registration",
    ),
    Tool(
        _("Feuilles d’émargement et présences"),
        _(
            "Les feuilles à imprimer pour chaque demi-journée et chaque mini-conférence, puis "
            "la saisie des présences, qui fondent les attestations."
        ),
        "registrations-staff:sheet-index",
        "registrations.view_registration",
    ),
    Tool(
        _("Codes d’émargement"),
        _(
            "Sur place : le code de chaque demi-journée à afficher sur les écrans des salles "
            "ou à imprimer, et la clôture des listes, qui vaut contresignature. On enregistre "
            "une présence en scannant le code personnel d’une participante ou d’un participant."
        ),
        "registrations-staff:sign-codes",
        "registrations.record_presence",
    ),
    Tool(
        _("Équipes"),
        _(
            "Le calcul des équipes défis et des équipes apprenantes à partir des choix des "
            "personnes inscrites, leur publication, les listes et les badges à imprimer."
        ),
        "teams:index",
        "teams.view_allocation",
    ),
    Tool(
        _("Évaluations"),
        _(
            "Les réponses anonymes aux évaluations, séance par séance et pour l’ensemble : "
            "répartition et moyenne de chaque question, commentaires, export CSV."
        ),
        "evaluations-staff:results",
        "evaluations.view_results",
    ),
    Tool(
        _("Exports des inscriptions"),
        _(
            "Les inscriptions en tableur (CSV ou XLSX), pour le traiteur, l’accueil ou les "
            "badges ; les filtres de la liste choisissent qui est exporté."
        ),
        "admin:registrations_registration_changelist",
        "registrations.export_registration",
    ),
    Tool(
        _("Propositions de mini-conférences"),
        _(
            "Les réponses à l’appel à propositions : les lire, les retenir ou les refuser, "
            "et en faire une mini-conférence du programme."
        ),
        "admin:proposals_proposal_changelist",
        "proposals.view_proposal",
    ),
    Tool(
        _("Avis de modification"),
        _(
            "Les courriels en attente qui préviennent chaque personne inscrite d’un "
            "changement de son programme : les relire, les envoyer tout de suite ou les "
            "suspendre."
        ),
        "registrations-staff:notices",
        "registrations.view_noticeround",
    ),
    Tool(
        _("File d’envoi des courriels"),
        _(
            "Chaque courriel du site avec son état (en attente, envoyé, à réessayer, "
            "abandonné) et son erreur ; renvoyer ceux qui ont échoué."
        ),
        "admin:post_office_email_changelist",
        "post_office.view_email",
    ),
    Tool(
        _("Administration"),
        _(
            "Tout le contenu du site : l’édition, les journées, les séances, les lieux, les "
            "défis, les mini-conférences, les partenaires et les inscriptions."
        ),
        "admin:index",
        "",  # Every organiser account may open the admin; each list in it checks its own.
    ),
)


def tools_for(user):
    """The tools this account may open, each with its address, in the order of TOOLS."""
    return [
        {"tool": tool, "url": reverse(tool.url_name)}
        for tool in TOOLS
        if not tool.permission or user.has_perm(tool.permission)
    ]


@staff_member_required
def home(request):
    """Like the admin's index, open to every staff account: it shows only the tools the account
    holds the permission of, and no figure nor name, so it needs no permission of its own."""
    return render(request, "organisation/home.html", {"tools": tools_for(request.user)})
