from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from post_office import apps as post_office_apps


class MailQueueConfig(AppConfig):
    """The site's side of the email queue: its backend, the worker, the admin in French."""

    name = "mailqueue"


class PostOfficeConfig(post_office_apps.PostOfficeConfig):
    """django-post-office as INSTALLED_APPS names it: Django's documented way to rename a
    third-party app. Its label and tables stay post_office's; organisers read this name."""

    default = False  # Not the config of the mailqueue app itself.
    verbose_name = _("Envoi des courriels")
