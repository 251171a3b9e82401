from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from . import content
from .models import Challenge, Day, Edition, MiniConference, Session, Venue


def current():
    return Edition.objects.current()


class StaticPagesSitemap(Sitemap):
    changefreq = "daily"
    priority = 0.8

    def items(self):
        return [
            "programme:home",
            "programme:agenda",
            "programme:miniconference-list",
            "programme:challenge-list",
            "programme:venue-list",
            "programme:changes",
            "speakers:list",
        ]

    def location(self, name):
        return reverse(name)


class ProgrammeSitemap(Sitemap):
    """Days, sessions, venues, mini-conferences and challenges of the edition the site shows."""

    changefreq = "daily"
    priority = 0.6

    def items(self):
        edition = current()
        self.changed_at = content.current().changed_at
        if edition is None:
            return []
        return [
            *Day.objects.filter(edition=edition),
            *Session.objects.of_edition(edition).select_related("day"),
            *Venue.objects.all(),
            *MiniConference.objects.of_edition(edition),
            *Challenge.objects.of_edition(edition),
        ]

    def lastmod(self, item):
        return self.changed_at


sitemaps = {"pages": StaticPagesSitemap, "programme": ProgrammeSitemap}
