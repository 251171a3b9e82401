"""The evaluation behind the personal link, and the results in the organisers' space."""

import csv

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from programme import clock
from programme.access import for_organisers
from programme.models import Edition
from registrations.views import personal_link

from . import follow_up as follow_up_module
from . import results, services, summary
from .forms import EvaluationForm, NextStepsForm
from .models import Question

RESULTS_PERMISSION = "evaluations.view_results"


@never_cache
@require_http_methods(["GET", "POST"])
@personal_link
def evaluate(request, registration):
    edition = registration.edition
    overview = services.overview(registration, clock.now())
    questions = Question.objects.of_edition(edition)
    form = EvaluationForm(
        request.POST if request.method == "POST" else None,
        registration=registration,
        entries=overview["open"],
        session_questions=list(questions.for_sessions()),
        event_questions=list(questions.for_event()),
    )
    if form.is_bound and form.is_valid():
        recorded = form.save()
        if recorded:
            messages.success(request, _("Merci : vos réponses sont enregistrées."))
        else:
            messages.info(request, _("Vous n’avez rien rempli : rien n’a été enregistré."))
        return redirect(reverse("evaluations:evaluate", kwargs={"token": registration.token}))
    context = {"registration": registration, "edition": edition, "form": form, **overview}
    return render(request, "evaluations/evaluate.html", context)


@never_cache
@require_http_methods(["GET", "POST"])
@personal_link
def follow_up(request, registration):
    """The « à froid » questionnaire, open for a few weeks from the follow-up email."""
    edition = registration.edition
    is_open = follow_up_module.follow_up_open(edition)
    entry = follow_up_module.entry(registration)
    form = EvaluationForm(
        request.POST if request.method == "POST" and is_open else None,
        registration=registration,
        entries=[entry] if is_open and not entry.done else [],
        session_questions=[],
        event_questions=list(Question.objects.of_edition(edition).for_follow_up()),
    )
    if form.is_bound and form.is_valid():
        if form.save():
            messages.success(request, _("Merci : vos réponses sont enregistrées."))
        else:
            messages.info(request, _("Vous n’avez rien rempli : rien n’a été enregistré."))
        return redirect(reverse("evaluations:follow-up", kwargs={"token": registration.token}))
    context = {
        "registration": registration,
        "edition": edition,
        "form": form,
        "is_open": is_open,
        "done": entry.done,
        "opens_at": follow_up_module.sent_at(edition),
        "not_yet": clock.now() < follow_up_module.sent_at(edition),
        "closes_at": follow_up_module.follow_up_closes_at(edition),
    }
    return render(request, "evaluations/follow_up.html", context)


@never_cache
@require_http_methods(["GET", "POST"])
@personal_link
def next_steps(request, registration):
    """« Mes prochains pas », written on the last day (follow_up.next_steps_open)."""
    if not follow_up_module.next_steps_open(registration.edition):
        messages.info(request, _("« Mes prochains pas » s’écrivent le dernier jour."))
        return redirect(registration)
    form = NextStepsForm(request.POST if request.method == "POST" else None, instance=registration)
    if form.is_bound and form.is_valid():
        form.save()
        messages.success(request, _("Vos prochains pas sont enregistrés."))
        return redirect(registration.get_absolute_url() + "#intention")
    context = {"registration": registration, "edition": registration.edition, "form": form}
    return render(request, "evaluations/next_steps.html", context)


def current_edition():
    return Edition.objects.current() or Edition.objects.order_by("-start_date").first()


@for_organisers(read=[RESULTS_PERMISSION])
def results_page(request):
    edition = current_edition()
    context = {"edition": edition, **(results.for_page(edition) if edition else {})}
    if edition:
        context["summaries"] = [
            (person, request.build_absolute_uri(path)) for person, path in summary.people(edition)
        ]
    return render(request, "evaluations/results.html", context)


@for_organisers(read=[RESULTS_PERMISSION])
def results_csv(request):
    edition = current_edition()
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="evaluations.csv"'
    # A BOM, so that spreadsheets read the accents right (as the registrations' export does).
    response.write("\ufeff")
    writer = csv.writer(response, delimiter=";")
    writer.writerow(results.csv_header())
    if edition:
        writer.writerows(results.csv_rows(edition))
    return response
