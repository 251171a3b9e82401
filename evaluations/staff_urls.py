from django.urls import path

from . import views

app_name = "evaluations-staff"
urlpatterns = [
    path("", views.results_page, name="results"),
    path("export.csv", views.results_csv, name="results-csv"),
]
