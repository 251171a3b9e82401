from django.urls import path, register_converter

from . import export_views, screen, views
from .feeds import ProgrammeChangesFeed
from .pagecache import cacheable


class IsoDateConverter:
    regex = r"\d{4}-\d{2}-\d{2}"

    def to_python(self, value):
        import datetime

        # An impossible date (2017-02-30) simply does not match: the site's 404, not a 500.
        return datetime.date.fromisoformat(value)

    def to_url(self, value):
        return value if isinstance(value, str) else value.isoformat()


register_converter(IsoDateConverter, "isodate")

app_name = "programme"
urlpatterns = [
    path("", cacheable(views.HomeView.as_view()), name="home"),
    path("programme.ics", cacheable(export_views.programme_ics), name="programme-ics"),
    path("schedule.xml", cacheable(export_views.schedule_xml), name="schedule-xml"),
    path("schedule.json", cacheable(export_views.schedule_json), name="schedule-json"),
    path("programme/<isodate:date>.ics", cacheable(export_views.day_ics), name="day-ics"),
    path("programme/seances/<int:pk>.ics", cacheable(export_views.session_ics), name="session-ics"),
    path(
        "mini-conferences/<int:pk>.ics",
        cacheable(export_views.mini_conference_ics),
        name="miniconference-ics",
    ),
    path("programme/", cacheable(views.AgendaView.as_view()), name="agenda"),
    path("programme/<isodate:date>/", cacheable(views.DayDetailView.as_view()), name="day-detail"),
    path(
        "programme/seances/<int:pk>/",
        cacheable(views.SessionDetailView.as_view()),
        name="session-detail",
    ),
    path("programme/modifications/", cacheable(views.ChangesView.as_view()), name="changes"),
    path(
        "programme/modifications/atom.xml", cacheable(ProgrammeChangesFeed()), name="changes-feed"
    ),
    path("en-ce-moment/", views.NowView.as_view(), name="now"),
    # Not cached: the hall screens change with the minute, and show the half-day's sign code.
    path("ecran/", screen.ScreenView.as_view(), name="screen"),
    path("ecran/<slug:slug>/", screen.ScreenView.as_view(), name="venue-screen"),
    path("accessibilite/", cacheable(views.AccessibilityView.as_view()), name="accessibility"),
    path("lieux/", cacheable(views.VenueListView.as_view()), name="venue-list"),
    path("lieux/<slug:slug>/", cacheable(views.VenueDetailView.as_view()), name="venue-detail"),
    path("defis/", cacheable(views.ChallengeListView.as_view()), name="challenge-list"),
    # Not cached: they show seats, or (a challenge, once its team is published) names of
    # participants, which change with every sign-up or cancellation without being content.
    path("defis/<int:pk>/", views.ChallengeDetailView.as_view(), name="challenge-detail"),
    path("mini-conferences/", views.MiniConferenceListView.as_view(), name="miniconference-list"),
    path(
        "mini-conferences/<int:pk>/",
        views.MiniConferenceDetailView.as_view(),
        name="miniconference-detail",
    ),
]
