"""Exports of the programme: iCalendar, frab XML and JSON. Their Last-Modified is the date of
the content version; ConditionalGetMiddleware answers conditional GETs with 304."""

import json

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.http import http_date

from . import content, frab, ics
from .current import current_edition_or_404
from .models import Day, MiniConference, Session
from .schedule import mini_conference_item, schedule_items


def base_url(request):
    return request.build_absolute_uri("/").rstrip("/")


def export_response(body, content_type, changed_at):
    response = HttpResponse(body, content_type=content_type)
    if changed_at is not None:
        response["Last-Modified"] = http_date(changed_at.timestamp())
    return response


def calendar_response(request, items, *, name, filename):
    changed_at = content.current().changed_at
    body = ics.calendar(items, name=name, base_url=base_url(request), stamp=changed_at)
    response = export_response(body, "text/calendar; charset=utf-8", changed_at)
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def edition_sessions(edition):
    return Session.objects.of_edition(edition).for_programme().order_by("start", "pk")


def programme_ics(request):
    edition = current_edition_or_404(request)
    items = schedule_items(edition_sessions(edition))
    return calendar_response(request, items, name=edition.title, filename="programme.ics")


def day_ics(request, date):
    edition = current_edition_or_404(request)
    day = get_object_or_404(Day, edition=edition, date=date)
    items = schedule_items(day.sessions.for_programme())
    name = f"{edition.title} — {day}"
    return calendar_response(request, items, name=name, filename=f"{date.isoformat()}.ics")


def session_ics(request, pk):
    edition = current_edition_or_404(request)
    session = get_object_or_404(edition_sessions(edition), pk=pk)
    items = schedule_items([session])
    return calendar_response(request, items, name=session.title, filename=f"seance-{pk}.ics")


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


def schedule_xml(request):
    body = frab.schedule_xml(schedule_data(request))
    changed_at = content.current().changed_at
    return export_response(body, "application/xml; charset=utf-8", changed_at)


def schedule_json(request):
    body = json.dumps(schedule_data(request), ensure_ascii=False, indent=1)
    changed_at = content.current().changed_at
    return export_response(body, "application/json; charset=utf-8", changed_at)
