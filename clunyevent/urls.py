from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

admin.site.site_header = _("Administration de l'université d'été")
admin.site.site_title = _("Administration")
admin.site.index_title = _("Programme et inscriptions")

urlpatterns = [
    path("admin/", admin.site.urls),
    path("inscription/", include("registrations.urls")),
    path("organisation/", include("registrations.staff_urls")),
    path("", include("programme.urls")),
]

handler404 = "programme.views.page_not_found"
