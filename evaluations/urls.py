from django.urls import path

from . import summary, views

app_name = "evaluations"
urlpatterns = [
    # Behind the personal link, like the other personal pages (registrations/urls.py).
    path("inscription/<slug:token>/evaluation/", views.evaluate, name="evaluate"),
    path("inscription/<slug:token>/evaluation/a-froid/", views.follow_up, name="follow-up"),
    path("inscription/<slug:token>/prochains-pas/", views.next_steps, name="next-steps"),
    # The results of one speaker's or challenge owner's sessions, behind a signed link.
    path("evaluations/resume/<str:signed>/", summary.summary_page, name="summary"),
]
