"""Staff-only pages for organisers on site (dashboard, sign-in sheets, attendance)."""

from django.urls import path

# Registers the "isodate" converter the programme's day pages already use.
import programme.urls  # noqa: F401

from . import notice_views, presence_views, staff_views, workspace

app_name = "registrations-staff"
urlpatterns = [
    path("", workspace.home, name="home"),
    path("tableau-de-bord/", staff_views.dashboard, name="dashboard"),
    path("avis/", notice_views.notice_rounds, name="notices"),
    path("avis/action/", notice_views.notice_round_action, name="notice-action"),
    path("emargement/", staff_views.sheet_index, name="sheet-index"),
    path(
        "emargement/<isodate:date>/<str:period>/",
        staff_views.half_day_sheet,
        name="sheet-half-day",
    ),
    path(
        "emargement/mini-conference/<int:pk>/",
        staff_views.mini_conference_sheet,
        name="sheet-mini-conference",
    ),
    path("emargement/codes/", presence_views.sign_codes, name="sign-codes"),
    path("emargement/codes/action/", presence_views.sign_codes_action, name="sign-codes-action"),
    path(
        "emargement/codes/<isodate:date>/<str:period>/",
        presence_views.sign_code_print,
        name="sign-code-print",
    ),
    # What a personal QR code holds: a signed reference, never the personal link's token.
    path("presence/<str:reference>/", presence_views.scan, name="scan"),
    path(
        "presences/<isodate:date>/<str:period>/",
        staff_views.half_day_attendance,
        name="attendance-half-day",
    ),
    path(
        "presences/mini-conference/<int:pk>/",
        staff_views.mini_conference_attendance,
        name="attendance-mini-conference",
    ),
]
