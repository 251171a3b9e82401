"""The queue as production runs it: messages wait for the worker, which delivers over SMTP."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import timezone


@pytest.fixture
def smtp_on(settings, queued):
    """Deliver with Django's SMTP backend to 127.0.0.1:port, with a short timeout."""

    def configure(port, timeout=2):
        backend = "django.core.mail.backends.smtp.EmailBackend"
        settings.POST_OFFICE = {**settings.POST_OFFICE, "BACKENDS": {"default": backend}}
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
        settings.EMAIL_USE_TLS, settings.EMAIL_TIMEOUT = False, timeout

    return configure


@pytest.fixture
def worker_pass():
    """One pass of the worker, as cron would run it; what it printed."""

    def run():
        out = io.StringIO()
        call_command("send_queued_mail_worker", "--once", stdout=out)
        return out.getvalue()

    return run


@pytest.fixture
def later(monkeypatch):
    """Move post-office's clock (timezone.now, which it and the worker read) forward."""
    real_now, offset = timezone.now, [datetime.timedelta()]
    monkeypatch.setattr(timezone, "now", lambda: real_now() + offset[0])

    def move(delta):
        offset[0] += delta

    return move
