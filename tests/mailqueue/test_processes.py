"""The worker and the site as separate processes, as in production: a sign-up answers at once
whatever the mail server does, and the worker stops cleanly when asked to."""

import signal
import subprocess
import sys
import tempfile
import time

import pytest

from tests.servers import (
    ROOT,
    Gunicorn,
    MailServer,
    SilentMailServer,
    form_token,
    free_port,
    manage,
    open_registration,
    post_form,
    shell,
    signup_fields,
    site_env,
    throwaway_site,
)

COUNT_QUEUED = "from post_office.models import Email; print(Email.objects.filter(status=2).count())"


def test_sign_up_answers_at_once_while_the_mail_server_is_silent_and_is_mailed_later():
    port = free_port()
    smtp = {
        "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "DJANGO_EMAIL_HOST": "127.0.0.1",
        "DJANGO_EMAIL_PORT": str(port),
    }
    with throwaway_site(**smtp) as env, Gunicorn(env, workers=1) as site:
        ids = open_registration(env)
        with SilentMailServer(port):
            # The form is loaded first (its rendering is a page view, not the sign-up's wait),
            # so that what is timed is the sign-up's answer alone.
            token = form_token(site.url, "/inscription/")
            started = time.perf_counter()
            status = post_form(site.url, "/inscription/", signup_fields(1, ids), token=token)
            seconds = time.perf_counter() - started
        queued = shell(env, COUNT_QUEUED).split()[-1]
        with MailServer(port) as server:
            manage(env, "send_queued_mail_worker", "--once")

    # EMAIL_TIMEOUT is 10 s: a request that waited for the mail server would take that long.
    assert (status, queued) == (302, "1")
    assert seconds < 1
    (message,) = server.messages
    assert message["To"] == "banc1@example.org"
    assert "/inscription/" in message.get_content()


@pytest.fixture(scope="module")
def migrated_env():
    with tempfile.TemporaryDirectory(prefix="clunyevent-worker-") as folder:
        env = site_env(folder, PYTHONUNBUFFERED="1")
        manage(env, "migrate", "--noinput")
        yield env


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT], ids=["sigterm", "sigint"])
def test_worker_stops_cleanly_when_asked(migrated_env, signum):
    command = [sys.executable, "manage.py", "send_queued_mail_worker", "--interval", "60"]
    with subprocess.Popen(
        command,
        cwd=ROOT,
        env=migrated_env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    ) as worker:
        try:
            first_line = worker.stdout.readline()
            time.sleep(0.5)  # Into its sleep of 60 s.
            started = time.perf_counter()
            worker.send_signal(signum)
            _out, errors = worker.communicate(timeout=10)
        finally:
            worker.kill()

    assert first_line == "File d'envoi : un passage toutes les 60 s.\n"
    assert (worker.returncode, errors) == (0, "")
    assert time.perf_counter() - started < 5
