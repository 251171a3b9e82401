"""The site's content version: one row that says when public pages last changed."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class ContentVersion(models.Model):
    """Numbered anew, once per committed transaction, whenever anything public pages show
    changes (programme/content.py). The page cache keys on `number`; exports, sitemaps and
    the offline copy's staleness notice read it too: one fact, in one place."""

    number = models.PositiveBigIntegerField(_("numéro"), default=0)
    changed_at = models.DateTimeField(_("modifié le"), null=True, blank=True)

    class Meta:
        verbose_name = _("version du contenu")
        verbose_name_plural = _("versions du contenu")
        constraints = [
            models.CheckConstraint(condition=Q(pk=1), name="one_content_version"),
        ]

    def __str__(self):
        return str(self.number)
