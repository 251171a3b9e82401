"""Staff pages for the teams, mounted under /organisation/equipes/."""

from django.urls import path

from . import views

app_name = "teams"
urlpatterns = [
    path("", views.index, name="index"),
    path("calcul/<slug:kind>/", views.run, name="run"),
    path("<int:pk>/", views.allocation_detail, name="allocation-detail"),
    path("<int:pk>/publier/", views.publication, {"action": "publish"}, name="publish"),
    path("<int:pk>/retirer/", views.publication, {"action": "unpublish"}, name="unpublish"),
    path("<int:pk>/listes/", views.team_lists, name="team-lists"),
    path("badges/", views.badges, name="badges"),
]
