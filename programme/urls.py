from django.urls import path, register_converter

from . import export_views, views
from .feeds import ProgrammeChangesFeed
from .pagecache import public_page


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
    path("", public_page(views.HomeView.as_view()), name="home"),
    path("programme.ics", public_page(export_views.programme_ics), name="programme-ics"),
    path("schedule.xml", public_page(export_views.schedule_xml), name="schedule-xml"),
    path("schedule.json", public_page(export_views.schedule_json), name="schedule-json"),
    path("programme/<isodate:date>.ics", public_page(export_views.day_ics), name="day-ics"),
    path(
        "programme/seances/<int:pk>.ics", public_page(export_views.session_ics), name="session-ics"
    ),
    path(
        "mini-conferences/<int:pk>.ics",
        public_page(export_views.mini_conference_ics),
        name="miniconference-ics",
    ),
    path("programme/", public_page(views.AgendaView.as_view()), name="agenda"),
    path(
        "programme/<isodate:date>/", public_page(views.DayDetailView.as_view()), name="day-detail"
    ),
    path(
        "programme/seances/<int:pk>/",
        public_page(views.SessionDetailView.as_view()),
        name="session-detail",
    ),
    path("programme/modifications/", public_page(views.ChangesView.as_view()), name="changes"),
    path(
        "programme/modifications/atom.xml", public_page(ProgrammeChangesFeed()), name="changes-feed"
    ),
    path("en-ce-moment/", views.NowView.as_view(), name="now"),
    path("accessibilite/", public_page(views.AccessibilityView.as_view()), name="accessibility"),
    path("lieux/", public_page(views.VenueListView.as_view()), name="venue-list"),
    path("lieux/<slug:slug>/", public_page(views.VenueDetailView.as_view()), name="venue-detail"),
    path("defis/", public_page(views.ChallengeListView.as_view()), name="challenge-list"),
    path(
        "mini-conferences/",
        public_page(views.MiniConferenceListView.as_view()),
        name="miniconference-list",
    ),
    path(
        "mini-conferences/<int:pk>/",
        public_page(views.MiniConferenceDetailView.as_view()),
        name="miniconference-detail",
    ),
]
