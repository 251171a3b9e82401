from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from clunyevent.health import healthz
from programme.language import set_language
from programme.offline import manifest, offline_page, service_worker
from programme.pagecache import cacheable
from programme.sitemaps import sitemaps
from programme.views import robots_txt

admin.site.site_header = _("Administration de l'université d'été")
admin.site.site_title = _("Administration")
admin.site.index_title = _("Programme et inscriptions")

urlpatterns = [
    path("robots.txt", cacheable(robots_txt), name="robots"),
    path("sitemap.xml", cacheable(sitemap), {"sitemaps": sitemaps}, name="sitemap"),
    path("healthz", healthz, name="healthz"),
    path("sw.js", service_worker, name="service-worker"),
    path("hors-ligne/", offline_page, name="offline-page"),
    path("manifest.webmanifest", cacheable(manifest), name="manifest"),
    path("langue/<str:language>/", set_language, name="set-language"),
    path("admin/", admin.site.urls),
    path("inscription/", include("registrations.urls")),
    path("organisation/equipes/", include("teams.urls")),
    path("organisation/evaluations/", include("evaluations.staff_urls")),
    path("organisation/", include("registrations.staff_urls")),
    path("appel-a-propositions/", include("proposals.urls")),
    path("intervenants/", include("proposals.speaker_urls")),
    path("", include("evaluations.urls")),
    path("", include("programme.urls")),
]

handler400 = "clunyevent.errors.bad_request"
handler404 = "clunyevent.errors.page_not_found"
handler500 = "clunyevent.errors.server_error"
