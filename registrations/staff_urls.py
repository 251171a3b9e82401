"""Staff-only pages for organisers on site (dashboard, sign-in sheets, attendance)."""

app_name = "registrations-staff"
urlpatterns = []
