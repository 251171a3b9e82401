"""The results organisers read: per session (each mini-conference apart) and for the whole
event, the number of answers, the distribution and mean of each scale or choice, the comments.

The « à froid » answers, weeks later, are one more group, after the whole event.

A group under settings.EVALUATION_MIN_ANSWERS answers shows nothing but that it is too small:
in a handful of people, who said what is easy to guess. The charts are drawn on the server
(templates/evaluations/includes/distribution_chart.html) beside a table of the same numbers.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count
from django.utils.translation import gettext as _

from programme.models import MiniConference, Session, SessionKind

from .models import Answer, Question

WIDTH = 640  # SVG user units, scaled to the column
LABELS = 220  # room for the option's label on the left
ROW = 26


@dataclass
class Bar:
    label: str
    value: int
    count: int
    share: int  # percent
    y: int
    width: float


@dataclass
class QuestionResult:
    question: Question
    count: int = 0
    bars: list = field(default_factory=list)
    mean: float | None = None
    comments: list = field(default_factory=list)

    @property
    def chart_height(self):
        return len(self.bars) * ROW + 4


@dataclass
class GroupResult:
    key: tuple
    title: str
    when: object = None  # the session, for its day and times
    questions: list = field(default_factory=list)
    scope: str = "session"  # whose questions: Scope

    @property
    def count(self):
        return max([result.count for result in self.questions] + [0])

    @property
    def shown(self):
        return self.count >= settings.EVALUATION_MIN_ANSWERS


def groups_of(edition):
    """Every group, in programme order: the sessions, each mini-conference, the event."""
    sessions = (
        Session.objects.of_edition(edition)
        .filter(kind__in=SessionKind.for_everyone())
        .select_related("day")
        .order_by("day__date", "start", "pk")
    )
    minis = defaultdict(list)
    for mc in MiniConference.objects.of_edition(edition).order_by("number"):
        minis[mc.slot_id].append(mc)
    found = []
    for session in sessions:
        if session.kind == SessionKind.MINI_CONFERENCES:
            found += [
                GroupResult((session.pk, mc.pk), str(mc), session) for mc in minis[session.pk]
            ]
        else:
            found.append(GroupResult((session.pk, None), session.title, session))
    found.append(GroupResult((None, None), _("Ensemble de l’événement"), scope="event"))
    # The « à froid » answers have no session either: their questions tell them apart.
    found.append(
        GroupResult((None, None), _("À froid, quelques semaines après"), scope="follow_up")
    )
    return found


def question_result(question, counts, texts):
    result = QuestionResult(question)
    if question.kind == Question.Kind.TEXT:
        result.comments = texts
        result.count = len(texts)
        return result
    result.count = sum(counts.values())
    unit = (WIDTH - LABELS - 90) / max([*counts.values(), 1])
    for n, label in enumerate(question.option_list, start=1):
        count = counts.get(n, 0)
        share = round(100 * count / result.count) if result.count else 0
        result.bars.append(Bar(_(label), n, count, share, (n - 1) * ROW, round(count * unit, 2)))
    if question.kind == Question.Kind.SCALE and result.count:
        result.mean = round(sum(n * c for n, c in counts.items()) / result.count, 2)
    return result


def computed(edition):
    """The groups with their results, in a few queries."""
    answers = Answer.objects.filter(question__edition=edition)
    counts = defaultdict(dict)
    rows = answers.filter(value__isnull=False).values(
        "session", "mini_conference", "question", "value"
    )
    for row in rows.annotate(count=Count("pk")).order_by():
        key = (row["session"], row["mini_conference"], row["question"])
        counts[key][row["value"]] = row["count"]
    texts = defaultdict(list)
    for session, mc, question, text in (
        answers.exclude(text="")
        .order_by("text")
        .values_list("session", "mini_conference", "question", "text")
    ):
        texts[(session, mc, question)].append(text)
    questions = list(Question.objects.of_edition(edition))
    groups = groups_of(edition)
    for group in groups:
        group.questions = [
            question_result(q, counts[(*group.key, q.pk)], texts[(*group.key, q.pk)])
            for q in questions
            if q.scope == group.scope
        ]
    return groups


def for_page(edition):
    groups = computed(edition)
    return {
        "groups": groups,
        "answered": [group for group in groups if group.count],
        "minimum": settings.EVALUATION_MIN_ANSWERS,
        "chart_width": WIDTH,
        "label_width": LABELS,
    }


def csv_header():
    return [_("Séance"), _("Question"), _("Réponse"), _("Nombre"), _("Moyenne")]


def csv_rows(edition):
    """One row per option of each scale or choice, one per comment; the small groups left out."""
    for group in computed(edition):
        if not group.shown:
            continue
        for result in group.questions:
            question = _(result.question.text)
            for bar in result.bars:
                mean = "" if result.mean is None else str(result.mean).replace(".", ",")
                yield [group.title, question, bar.label, bar.count, mean]
            for comment in result.comments:
                yield [group.title, question, comment, 1, ""]
