from django.urls import path

from . import certificates, intention, self_sign, views

app_name = "registrations"
urlpatterns = [
    path("", views.signup, name="signup"),
    path("merci/", views.done, name="done"),
    path("lien/", views.resend_link, name="resend"),
    path("participants/", views.public_list, name="public-list"),
    path("donnees-personnelles/", views.privacy, name="privacy"),
    path(
        "annulee/",
        views.farewell,
        {"template_name": "registrations/cancelled.html"},
        name="cancelled",
    ),
    path(
        "donnees-supprimees/",
        views.farewell,
        {"template_name": "registrations/deleted.html"},
        name="deleted",
    ),
    # The token is the only key to a registration; 43 URL-safe characters (see new_token).
    path("<slug:token>/", views.manage, name="manage"),
    path("<slug:token>/modifier/", views.change, name="change"),
    path("<slug:token>/corriger/", views.correct, name="correct"),
    path("<slug:token>/intention/", intention.edit, name="intention"),
    path("<slug:token>/agenda/", views.personal_programme, name="personal-programme"),
    path("<slug:token>/agenda.ics", views.personal_calendar, name="personal-calendar"),
    path("<slug:token>/annuler/", views.cancel, name="cancel"),
    path("<slug:token>/supprimer/", views.delete, name="delete"),
    path("<slug:token>/emargement/", self_sign.self_sign, name="self-sign"),
    path("<slug:token>/attestation/", certificates.certificate, name="certificate"),
]
