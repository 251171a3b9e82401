from django.urls import path

from . import views

app_name = "proposals"
urlpatterns = [
    path("", views.submit, name="submit"),
    path("merci/", views.done, name="done"),
    # The token is the only key to a proposal; 43 URL-safe characters (see new_token).
    path("<slug:token>/", views.manage, name="manage"),
    path("<slug:token>/modifier/", views.edit, name="edit"),
    path("<slug:token>/retirer/", views.withdraw, name="withdraw"),
]
