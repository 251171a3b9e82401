"""The on-site pages of the team: the scan of a personal code, and the half-days' codes.

Both need only « Peut enregistrer les présences sur place » (registrations.record_presence),
which the « Animateur·rice » group holds alone: a facilitator sees the one person scanned,
never a list of names. The scan page is small and needs no script: the abbey's network is
slow, and a POST repeated after a timeout records nothing more.
"""

import datetime

from django.contrib import messages
from django.db.models import Count
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from programme import screen
from programme.access import for_organisers
from programme.current import current_edition_or_404
from programme.formats import short_time
from programme.models import MiniConference

from . import attendance, presence, presence_codes
from .models import Attendance, Seat
from .presence_models import ListClosing, SignCodeDisplay
from .staff_views import half_day_or_404, mini_conference_or_404

RECORD = ["registrations.record_presence"]


def scan_context(edition, registration):
    half_day = presence.current_half_day(edition)
    seat = (
        Seat.objects.filter(registration=registration, status=Seat.Status.CONFIRMED)
        .select_related("mini_conference__slot__day", "mini_conference__venue")
        .first()
    )
    return {
        "edition": edition,
        "registration": registration,
        "seat": seat,
        "half_day": half_day,
        "attendance": presence.attendance_at(registration, half_day),
        "closing": presence.closing_of(half_day=half_day) if half_day else None,
    }


@for_organisers(read=RECORD, act=RECORD)
@require_http_methods(["GET", "POST"])
def scan(request, reference):
    """The person the code names, the half-day now, and one button. Recording redirects back
    here, so the answer to the first POST and to a repeated one is the same page."""
    edition = current_edition_or_404(request)
    registration = presence_codes.registration_for(edition, reference)
    if registration is None:
        context = {"edition": edition}
        return render(request, "registrations/staff/scan_unknown.html", context, status=404)
    context = scan_context(edition, registration)
    if request.method == "POST" and context["half_day"] is not None:
        record(request, registration, context["half_day"])
        return redirect(request.path)
    return render(request, "registrations/staff/scan.html", context)


def record(request, registration, half_day):
    try:
        presence.record_presence(
            registration=registration,
            half_day=half_day,
            method=Attendance.Method.SCAN,
            by=request.user,
        )
    except presence.ListClosed as closed:
        messages.error(
            request,
            _(
                "La liste de cette demi-journée est close (%(name)s, %(time)s) : seule "
                "l’équipe d’organisation peut encore la modifier."
            )
            % {"name": closed.closing.closed_by_name, "time": short_time(closed.closing.closed_at)},
        )


def half_day_rows(edition):
    """Every half-day with its code, window, display, closing and count of presences: one query
    each for the displays, the closings and the counts, whatever the number of half-days."""
    shown = set(SignCodeDisplay.objects.filter(day__edition=edition).values_list("day", "period"))
    closings = {
        (c.day_id, c.period): c
        for c in ListClosing.objects.filter(day__edition=edition, mini_conference=None)
    }
    counted = Attendance.objects.filter(day__edition=edition).values("day", "period")
    counts = {(c["day"], c["period"]): c["n"] for c in counted.annotate(n=Count("pk"))}
    rows = []
    for half_day in attendance.half_days(edition):
        opens, closes = presence.window(half_day)
        key = (half_day.day.pk, half_day.period)
        rows.append(
            {
                "half_day": half_day,
                "code": presence_codes.half_day_code(edition, half_day),
                "opens": opens,
                "closes": closes,
                "shown": key in shown,
                "closing": closings.get(key),
                "count": counts.get(key, 0),
            }
        )
    return rows


@for_organisers(read=RECORD)
def sign_codes(request):
    edition = current_edition_or_404(request)
    current = presence.current_half_day(edition)
    rows = half_day_rows(edition)
    mini_conferences = list(edition_mini_conferences(edition))
    closings = {
        c.mini_conference_id: c
        for c in ListClosing.objects.filter(mini_conference__in=mini_conferences)
    }
    for mini_conference in mini_conferences:
        mini_conference.closing = closings.get(mini_conference.pk)
    context = {
        "edition": edition,
        "rows": rows,
        "current": next((r for r in rows if current and r["half_day"].key == current.key), None),
        "mini_conferences": mini_conferences,
        "screen_url": request.build_absolute_uri(screen.keyed_url(edition)),
    }
    return render(request, "registrations/staff/sign_codes.html", context)


def edition_mini_conferences(edition):
    return MiniConference.objects.of_edition(edition).select_related("slot__day")


@for_organisers(read=RECORD, act=RECORD)
@require_http_methods(["POST"])
def sign_codes_action(request):
    """Show or hide a half-day's code on the hall screens; close a list (countersign): a
    mini-conference's when the form names one (« pk »), else the half-day's."""
    edition = current_edition_or_404(request)
    action = request.POST.get("action")
    if action not in ("show", "hide", "close"):
        raise Http404(_("Action inconnue."))
    if action == "close" and "pk" in request.POST:
        mini_conference = mini_conference_or_404(edition, parse_pk(request.POST["pk"]))
        presence.close_list(by=request.user, mini_conference=mini_conference)
        messages.success(request, _("La liste de la mini-conférence est close."))
        return redirect("registrations-staff:sign-codes")
    date = parse_date(request.POST.get("date"))
    half_day = half_day_or_404(edition, date, request.POST.get("period"))
    if action == "close":
        presence.close_list(by=request.user, half_day=half_day)
        messages.success(request, _("La liste de la demi-journée est close."))
    else:
        presence.show_code(half_day, action == "show")
        messages.success(request, _("L’affichage sur les écrans des salles est modifié."))
    return redirect("registrations-staff:sign-codes")


def parse_date(value):
    try:
        return datetime.date.fromisoformat(value or "")
    except ValueError:
        raise Http404(_("Pas de demi-journée de formation à cette date.")) from None


def parse_pk(value):
    if not (value or "").isascii() or not (value or "").isdigit() or len(value) > 12:
        raise Http404(_("Aucune mini-conférence de ce numéro."))
    return int(value)


@for_organisers(read=RECORD)
def sign_code_print(request, date, period):
    """One half-day's code, large, to print and pin up in the room."""
    edition = current_edition_or_404(request)
    half_day = half_day_or_404(edition, date, period)
    opens, closes = presence.window(half_day)
    context = {
        "edition": edition,
        "half_day": half_day,
        "code": presence_codes.half_day_code(edition, half_day),
        "opens": opens,
        "closes": closes,
    }
    return render(request, "registrations/staff/sign_code_print.html", context)
