"""The questionnaire an edition starts with, editable in the admin afterwards.

Plain data, read by the post-save on Edition and by the data migration alike. The French texts
are marked for translation: the form shows them in English from the catalogue, as long as the
organisers have not reworded them.
"""

from django.utils.translation import gettext_noop as _

AGREEMENT = "\n".join(
    [
        _("Pas du tout d’accord"),
        _("Plutôt pas d’accord"),
        _("Plutôt d’accord"),
        _("Tout à fait d’accord"),
    ]
)
SATISFACTION = "\n".join(
    [_("Pas du tout satisfait·e"), _("Peu satisfait·e"), _("Satisfait·e"), _("Très satisfait·e")]
)

# (scope, kind, text, options)
QUESTIONS = [
    ("session", "scale", _("Cette séance a répondu à mes attentes."), AGREEMENT),
    ("session", "scale", _("Ce que j’y ai appris me servira dans mon travail."), AGREEMENT),
    ("session", "text", _("Un commentaire sur cette séance ?"), ""),
    ("event", "scale", _("L’organisation de l’université d’été"), SATISFACTION),
    ("event", "scale", _("Les lieux et l’accueil"), SATISFACTION),
    ("event", "scale", _("Les repas"), SATISFACTION),
    (
        "event",
        "choice",
        _("Le rythme des journées"),
        "\n".join([_("Trop lent"), _("Équilibré"), _("Trop soutenu")]),
    ),
    (
        "event",
        "choice",
        _("Recommanderiez-vous l’université d’été à une ou un collègue ?"),
        "\n".join([_("Oui"), _("Peut-être"), _("Non")]),
    ),
    ("event", "text", _("Ce que vous retenez, ce qui serait à améliorer"), ""),
]
# Asked « à froid », weeks later (evaluations/follow_up.py), on their own: a migration adds them
# to the editions that had the questionnaire before.
FOLLOW_UP_QUESTIONS = [
    (
        "follow_up",
        "scale",
        _("J’ai mis en pratique ce que j’ai appris à l’université d’été."),
        AGREEMENT,
    ),
    ("follow_up", "text", _("Qu’avez-vous mis en pratique ?"), ""),
    ("follow_up", "text", _("Qu’est-ce qui vous en empêche, ou vous freine ?"), ""),
]


def create_defaults(question_model, edition, questions=None):
    """The default questions for `edition` (question_model: the model, or its historical
    version in a migration); `questions`: some of them only."""
    questions = [*QUESTIONS, *FOLLOW_UP_QUESTIONS] if questions is None else questions
    question_model.objects.bulk_create(
        question_model(edition=edition, scope=scope, kind=kind, text=text, options=options, order=n)
        for n, (scope, kind, text, options) in enumerate(questions, start=1)
    )
