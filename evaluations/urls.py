from django.urls import path

from . import views

app_name = "evaluations"
urlpatterns = [
    # Behind the personal link, like the other personal pages (registrations/urls.py).
    path("inscription/<slug:token>/evaluation/", views.evaluate, name="evaluate"),
]
