from django.contrib.admin.apps import AdminConfig


class SiteAdminConfig(AdminConfig):
    """Django's admin, on the site's own AdminSite (clunyevent/adminsite.py)."""

    default_site = "clunyevent.adminsite.AdminSite"
