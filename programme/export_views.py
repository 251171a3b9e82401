"""Exports of the programme: iCalendar, frab XML and JSON. Each answers conditional GETs
(ETag and Last-Modified from the last change to the programme) with 304."""

import json

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import get_language
from django.views.decorators.http import condition

from . import frab, ics
from .current import current_edition, current_edition_or_404
from .models import Day, MiniConference, Session
from .schedule import mini_conference_item, schedule_items


def base_url(request):
    return request.build_absolute_uri("/").rstrip("/")


def programme_etag(request, *args, **kwargs):
    edition = current_edition(request)
    if edition is None:
        return None
    changed = edition.programme_updated_at.timestamp() if edition.programme_updated_at else 0
    return f"{edition.pk}-{changed:.6f}-{get_language()}-{request.path}"


def programme_last_modified(request, *args, **kwargs):
    edition = current_edition(request)
    return edition.programme_updated_at if edition else None


conditional = condition(etag_func=programme_etag, last_modified_func=programme_last_modified)


def calendar_response(request, items, *, name, filename):
    edition = current_edition_or_404(request)
    body = ics.calendar(
        items, name=name, base_url=base_url(request), stamp=edition.programme_updated_at
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def edition_sessions(edition):
    return Session.objects.of_edition(edition).for_programme().order_by("start", "pk")


@conditional
def programme_ics(request):
    edition = current_edition_or_404(request)
    items = schedule_items(edition_sessions(edition))
    return calendar_response(request, items, name=edition.title, filename="programme.ics")


@conditional
def day_ics(request, date):
    edition = current_edition_or_404(request)
    day = get_object_or_404(Day, edition=edition, date=date)
    items = schedule_items(day.sessions.for_programme())
    name = f"{edition.title} — {day}"
    return calendar_response(request, items, name=name, filename=f"{date.isoformat()}.ics")


@conditional
def session_ics(request, pk):
    edition = current_edition_or_404(request)
    session = get_object_or_404(edition_sessions(edition), pk=pk)
    items = schedule_items([session])
    return calendar_response(request, items, name=session.title, filename=f"seance-{pk}.ics")


@conditional
def mini_conference_ics(request, pk):
    edition = current_edition_or_404(request)
    queryset = MiniConference.objects.of_edition(edition).for_listing()
    mini_conference = get_object_or_404(queryset, pk=pk)
    items = [mini_conference_item(mini_conference, mini_conference.slot)]
    return calendar_response(
        request, items, name=str(mini_conference), filename=f"mini-conference-{pk}.ics"
    )


def schedule_data(request):
    edition = current_edition_or_404(request)
    sessions = list(edition_sessions(edition))
    days = [
        (day, schedule_items([s for s in sessions if s.day_id == day.pk]))
        for day in edition.days.all()
    ]
    return frab.schedule_dict(edition, days, base_url(request))


@conditional
def schedule_xml(request):
    body = frab.schedule_xml(schedule_data(request))
    return HttpResponse(body, content_type="application/xml; charset=utf-8")


@conditional
def schedule_json(request):
    body = json.dumps(schedule_data(request), ensure_ascii=False, indent=1)
    return HttpResponse(body, content_type="application/json; charset=utf-8")
