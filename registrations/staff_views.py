"""Staff-only pages for organisers on site: dashboard, sign-in sheets, attendance recording.

Anyone not on the team is sent to the admin login page and sees no figure and no name; a team
account also needs the permissions each page names (programme.access), held by the
« Organisateur·rice » group.
"""

from itertools import groupby
from operator import attrgetter

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, F, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from clunyevent.text import PlainTextMixin
from programme.access import for_organisers
from programme.current import current_edition_or_404
from programme.formats import time_range
from programme.models import MiniConference, Session

from . import attendance, charts, presence, sheets
from .forms import SafePkMultipleChoiceField
from .models import Registration, Seat

# Every page here shows names: reading registrations is the least any of them needs.
READ = ["registrations.view_registration"]


def confirmed_registrations(edition):
    # Anonymised ones included, as in every figure: anonymising keeps the statistics.
    return (
        Registration.objects.of_edition(edition)
        .confirmed()
        .order_by("last_name", "first_name", "pk")
    )


def mini_conference_figures(edition):
    """Each mini-conference with seats taken, seats left and waiting-list length (one query)."""
    confirmed = Q(seats__registration__in=Registration.objects.confirmed())
    mini_conferences = list(
        MiniConference.objects.of_edition(edition)
        .select_related("slot")
        .annotate(
            taken=Count("seats", filter=confirmed & Q(seats__status=Seat.Status.CONFIRMED)),
            waiting=Count("seats", filter=confirmed & Q(seats__status=Seat.Status.WAITING)),
        )
    )
    for mini_conference in mini_conferences:
        mini_conference.left = max(mini_conference.capacity - mini_conference.taken, 0)
    return mini_conferences


def meals_by_day(edition):
    """Each day's meals with their covers (confirmed registrations), and the day's total."""
    meals = (
        Session.objects.of_edition(edition)
        .meals()
        .select_related("day")
        .annotate(
            head_count=Count(
                "meal_registrations",
                filter=Q(meal_registrations__in=Registration.objects.confirmed()),
            )
        )
        .order_by("start", "pk")
    )
    days = []
    for day, group in groupby(meals, key=attrgetter("day")):
        day.meals = list(group)
        day.covers = sum(meal.head_count for meal in day.meals)
        days.append(day)
    return days


def category_totals(edition):
    labels = dict(Registration.Category.choices)
    rows = (
        confirmed_registrations(edition)
        .order_by("category")
        .values("category")
        .annotate(total=Count("pk"))
    )
    return [(labels.get(row["category"], row["category"]), row["total"]) for row in rows]


@for_organisers(read=READ)
def dashboard(request):
    edition = current_edition_or_404(request)
    confirmed = confirmed_registrations(edition)
    categories = category_totals(edition)
    mini_conferences = mini_conference_figures(edition)
    context = {
        **charts.dashboard_charts(edition, mini_conferences),
        "edition": edition,
        "mini_conferences": mini_conferences,
        "meals_by_day": meals_by_day(edition),
        "dietary_needs": confirmed.exclude(dietary_needs="").annotate(need=F("dietary_needs")),
        "accessibility_needs": confirmed.exclude(accessibility_needs="").annotate(
            need=F("accessibility_needs")
        ),
        "categories": categories,
        "total": sum(total for _label, total in categories),
    }
    return render(request, "registrations/staff/dashboard.html", context)


@for_organisers(read=READ)
def sheet_index(request):
    edition = current_edition_or_404(request)
    context = {
        "edition": edition,
        "half_days": attendance.half_days(edition),
        "mini_conferences": MiniConference.objects.of_edition(edition).select_related("slot"),
    }
    return render(request, "registrations/staff/sheet_index.html", context)


def half_day_or_404(edition, date, period_slug):
    period = attendance.PERIODS_BY_SLUG.get(period_slug)
    half_day = attendance.find_half_day(edition, date, period) if period else None
    if half_day is None:
        raise Http404(_("Pas de demi-journée de formation à cette date."))
    return half_day


def mini_conference_or_404(edition, pk):
    queryset = MiniConference.objects.of_edition(edition).select_related("slot__day", "venue")
    return get_object_or_404(queryset, pk=pk)


def seated_registrations(mini_conference):
    return confirmed_registrations(mini_conference.slot.day.edition_id).filter(
        seat__mini_conference=mini_conference, seat__status=Seat.Status.CONFIRMED
    )


@for_organisers(read=READ)
def half_day_sheet(request, date, period):
    edition = current_edition_or_404(request)
    half_day = half_day_or_404(edition, date, period)
    participants = sheets.with_signatures(list(confirmed_registrations(edition)), half_day)
    context = {
        "edition": edition,
        "day": half_day.day,
        "hours": half_day.hours(),
        "subtitle": half_day.get_period_display(),
        "participants": participants,
        "closing": presence.closing_of(half_day=half_day),
        **sheets.blank_rows(request, after=len(participants)),
    }
    return render(request, "registrations/staff/sheet.html", context)


@for_organisers(read=READ)
def mini_conference_sheet(request, pk):
    edition = current_edition_or_404(request)
    mini_conference = mini_conference_or_404(edition, pk)
    slot = mini_conference.slot
    # A mini-conference attended was signed with its half-day: that signature's time and method.
    half_day = next((h for h in attendance.half_days(edition) if slot in h.sessions), None)
    seated = seated_registrations(mini_conference).annotate(attended=F("seat__attended"))
    participants = sheets.with_signatures(list(seated), half_day, attended_only=True)
    context = {
        "closing": presence.closing_of(mini_conference=mini_conference),
        "edition": edition,
        "day": slot.day,
        "hours": time_range(slot.start, slot.end),
        "subtitle": str(mini_conference),
        "venue": mini_conference.venue,
        "participants": participants,
        **sheets.blank_rows(request, after=len(participants)),
    }
    return render(request, "registrations/staff/sheet.html", context)


class PresenceForm(PlainTextMixin, forms.Form):
    present = SafePkMultipleChoiceField(
        queryset=Registration.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=gettext_lazy("Présentes et présents (d'après la feuille signée)"),
    )

    def __init__(self, *args, registrations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["present"].queryset = registrations
        self.fields["present"].label_from_instance = lambda r: (
            f"{r.last_name} {r.first_name} — {r.employer}"
        )


def presence_view(request, *, registrations, recorded, save, context):
    """The shared round trip: show the checkboxes, pre-checked; on POST, save and come back."""
    form = PresenceForm(
        request.POST or None, registrations=registrations, initial={"present": recorded}
    )
    if request.method == "POST" and form.is_valid():
        save(present=list(form.cleaned_data["present"]))
        messages.success(request, _("Les présences sont enregistrées."))
        return redirect(request.path)
    context = {**context, "form": form, "count": registrations.count()}
    return render(request, "registrations/staff/attendance_form.html", context)


@for_organisers(
    read=[*READ, "registrations.view_attendance"],
    # Saving the form both records and erases presences of the half-day.
    act=["registrations.add_attendance", "registrations.delete_attendance"],
)
def half_day_attendance(request, date, period):
    edition = current_edition_or_404(request)
    half_day = half_day_or_404(edition, date, period)
    closing = presence.closing_of(half_day=half_day)
    refuse_closed(request, closing)
    registrations = confirmed_registrations(edition)
    return presence_view(
        request,
        registrations=registrations,
        recorded=attendance.recorded_present(half_day=half_day),
        save=lambda present: attendance.record_half_day(
            half_day=half_day, registrations=registrations, present=present, by=request.user
        ),
        context={
            "edition": edition,
            "day": half_day.day,
            "subtitle": str(half_day),
            "closing": closing,
        },
    )


def refuse_closed(request, closing):
    """A countersigned list changes only with the organisers' right to change presences."""
    if closing and request.method == "POST" and not presence.may_change_closed(request.user):
        raise PermissionDenied


@for_organisers(read=[*READ, "registrations.view_seat"], act=["registrations.change_seat"])
def mini_conference_attendance(request, pk):
    edition = current_edition_or_404(request)
    mini_conference = mini_conference_or_404(edition, pk)
    closing = presence.closing_of(mini_conference=mini_conference)
    refuse_closed(request, closing)
    registrations = seated_registrations(mini_conference)
    return presence_view(
        request,
        registrations=registrations,
        recorded=registrations.filter(seat__attended=True),
        save=lambda present: attendance.record_mini_conference(
            mini_conference=mini_conference, present=present, by=request.user
        ),
        context={
            "edition": edition,
            "day": mini_conference.slot.day,
            "subtitle": str(mini_conference),
            "closing": closing,
        },
    )
