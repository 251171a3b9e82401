from itertools import groupby

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.views.generic import DetailView, TemplateView

from . import clock, jsonld, now
from .current import current_edition, current_edition_or_404
from .models import Challenge, Day, MiniConference, ProgrammeChange, Session, Venue


class EditionMixin:
    """Every public page belongs to the edition the site currently shows."""

    def dispatch(self, request, *args, **kwargs):
        self.edition = current_edition_or_404(request)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(edition=self.edition, **kwargs)


def days_with_sessions(edition, sessions):
    """Pairs (day, its sessions) for the days of the edition, from one queryset of sessions."""
    by_day = {day_id: list(items) for day_id, items in groupby(sessions, key=lambda s: s.day_id)}
    return [(day, by_day.get(day.pk, [])) for day in edition.days.all()]


class HomeView(EditionMixin, TemplateView):
    template_name = "programme/home.html"

    def get_context_data(self, **kwargs):
        partnerships = self.edition.partnerships.select_related("organisation")
        return super().get_context_data(
            partnerships=partnerships, days=self.edition.days.all(), **kwargs
        )


class AgendaView(EditionMixin, TemplateView):
    template_name = "programme/agenda.html"

    def get_context_data(self, **kwargs):
        sessions = (
            Session.objects.of_edition(self.edition)
            .for_programme()
            .order_by("day__date", "start", "pk")
        )
        base_url = self.request.build_absolute_uri("/").rstrip("/")
        return super().get_context_data(
            days=days_with_sessions(self.edition, sessions),
            jsonld=jsonld.as_script(jsonld.edition_event(self.edition, sessions, base_url)),
            **kwargs,
        )


class DayDetailView(EditionMixin, DetailView):
    template_name = "programme/day_detail.html"
    context_object_name = "day"

    def get_object(self, queryset=None):
        return get_object_or_404(Day, edition=self.edition, date=self.kwargs["date"])

    def get_context_data(self, **kwargs):
        days = list(self.edition.days.all())
        index = days.index(self.object)
        return super().get_context_data(
            sessions=self.object.sessions.for_programme(),
            previous_day=days[index - 1] if index > 0 else None,
            next_day=days[index + 1] if index + 1 < len(days) else None,
            **kwargs,
        )


class SessionDetailView(EditionMixin, DetailView):
    template_name = "programme/session_detail.html"
    context_object_name = "session"

    def get_queryset(self):
        return Session.objects.of_edition(self.edition).for_programme()


class VenueListView(EditionMixin, TemplateView):
    template_name = "programme/venue_list.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(venues=Venue.objects.all(), **kwargs)


class VenueDetailView(EditionMixin, DetailView):
    model = Venue
    template_name = "programme/venue_detail.html"
    context_object_name = "venue"

    def get_context_data(self, **kwargs):
        sessions = (
            Session.objects.of_edition(self.edition)
            .at_venue(self.object)
            .for_programme()
            .order_by("start", "pk")
        )
        return super().get_context_data(sessions=sessions, **kwargs)


class ChallengeListView(EditionMixin, TemplateView):
    template_name = "programme/challenge_list.html"

    def get_context_data(self, **kwargs):
        challenges = list(Challenge.objects.of_edition(self.edition).for_listing())
        themes = [
            (theme, [c for c in challenges if c.theme_id == theme.pk])
            for theme in self.edition.challenge_themes.all()
        ]
        steps = Session.objects.of_edition(self.edition).filter(kind="challenge_step")
        return super().get_context_data(
            themes=themes,
            challenge_types=self.edition.challenge_types.all(),
            has_examples=any(c.is_example for c in challenges),
            steps=steps.select_related("day", "venue").order_by("start"),
            **kwargs,
        )


class ChallengeDetailView(EditionMixin, DetailView):
    template_name = "programme/challenge_detail.html"
    context_object_name = "challenge"

    def get_queryset(self):
        # Its team, once published, comes from the teams app's {% challenge_team %} tag.
        return Challenge.objects.of_edition(self.edition).for_listing()


class MiniConferenceListView(EditionMixin, TemplateView):
    template_name = "programme/miniconference_list.html"

    def get_context_data(self, **kwargs):
        mini_conferences = (
            MiniConference.objects.of_edition(self.edition).for_listing().with_seats()
        )
        return super().get_context_data(mini_conferences=mini_conferences, **kwargs)


class MiniConferenceDetailView(EditionMixin, DetailView):
    template_name = "programme/miniconference_detail.html"
    context_object_name = "mini_conference"

    def get_queryset(self):
        return MiniConference.objects.of_edition(self.edition).for_listing().with_seats()


class ChangesView(EditionMixin, TemplateView):
    template_name = "programme/changes.html"

    def get_context_data(self, **kwargs):
        changes = ProgrammeChange.objects.of_edition(self.edition).select_related(
            "session", "mini_conference"
        )
        return super().get_context_data(changes=changes, **kwargs)


class NowView(EditionMixin, TemplateView):
    """What is on now and what comes next, said as in the hall; before and after, it says so."""

    template_name = "programme/now.html"

    def get_context_data(self, **kwargs):
        moment = clock.now()
        sessions = list(
            Session.objects.of_edition(self.edition).for_programme().order_by("start", "pk")
        )
        return super().get_context_data(
            moment=moment, **now.announcement(sessions, moment), **kwargs
        )


def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /organisation/",
        "Disallow: /inscription/",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


class AccessibilityView(TemplateView):
    """The RGAA accessibility statement, linked from every page's footer."""

    template_name = "accessibility.html"

    def get_context_data(self, **kwargs):
        edition = current_edition(self.request)
        organisers = edition.partners_by_role("organiser") if edition else []
        return super().get_context_data(edition=edition, organisers=organisers, **kwargs)
