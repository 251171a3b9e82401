from django.urls import path, register_converter

from . import views


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
    path("", views.HomeView.as_view(), name="home"),
    path("programme/", views.AgendaView.as_view(), name="agenda"),
    path("programme/<isodate:date>/", views.DayDetailView.as_view(), name="day-detail"),
    path("programme/seances/<int:pk>/", views.SessionDetailView.as_view(), name="session-detail"),
    path("lieux/", views.VenueListView.as_view(), name="venue-list"),
    path("lieux/<slug:slug>/", views.VenueDetailView.as_view(), name="venue-detail"),
    path("defis/", views.ChallengeListView.as_view(), name="challenge-list"),
    path("mini-conferences/", views.MiniConferenceListView.as_view(), name="miniconference-list"),
    path(
        "mini-conferences/<int:pk>/",
        views.MiniConferenceDetailView.as_view(),
        name="miniconference-detail",
    ),
]
