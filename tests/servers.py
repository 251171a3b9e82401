"""Real components for the tests that need them: a throwaway site served by gunicorn, Redis,
and mail servers on 127.0.0.1 (a real SMTP one, and one that accepts and never answers).

Redis: the one at 127.0.0.1:6379, or, if none answers, a redis-server started for the test
session. Without either, the tests that need it are skipped with a message, except under CI
(CI=true), where they fail: CI must not hide them.
"""

import contextlib
import email
import email.policy
import json
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller

ROOT = Path(__file__).resolve().parent.parent
LOCAL_REDIS = ("127.0.0.1", 6379)
MISSING_REDIS = (
    "Redis est introuvable : aucun serveur sur 127.0.0.1:6379 et pas de redis-server à lancer "
    "(« apt-get install redis-server »). Les tests du cache des pages sont ignorés."
)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def answers(host, port):
    try:
        socket.create_connection((host, port), timeout=0.5).close()
    except OSError:
        return False
    return True


def wait_until(check, seconds, what):
    deadline = time.monotonic() + seconds
    while not check():
        if time.monotonic() > deadline:
            raise RuntimeError(f"{what} did not start in {seconds} s")
        time.sleep(0.1)


@contextlib.contextmanager
def redis_server():
    """The URL of a Redis server (database 15) for the tests, whichever way one is found."""
    if answers(*LOCAL_REDIS):
        yield "redis://127.0.0.1:6379/15"
        return
    binary = shutil.which("redis-server")
    if binary is None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(MISSING_REDIS, pytrace=False)
        pytest.skip(MISSING_REDIS)
    port = free_port()
    command = [binary, "--bind", "127.0.0.1", "--port", str(port), "--save", "", "--appendonly"]
    process = subprocess.Popen([*command, "no"], stdout=subprocess.DEVNULL)
    try:
        wait_until(lambda: answers("127.0.0.1", port), 10, "redis-server")
        yield f"redis://127.0.0.1:{port}/15"
    finally:
        process.terminate()
        process.wait(timeout=10)


class MailServer:
    """A real SMTP server (aiosmtpd) on 127.0.0.1 until the block ends; `messages` holds what
    it received, as email.message.EmailMessage."""

    def __init__(self, port=None):
        self.port, self.messages = port or free_port(), []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(
            email.message_from_bytes(envelope.content, policy=email.policy.default)
        )
        return "250 Message accepted for delivery"

    def __enter__(self):
        self.controller = Controller(self, hostname="127.0.0.1", port=self.port)
        self.controller.start()
        return self

    def __exit__(self, *exc):
        self.controller.stop()


class SilentMailServer:
    """A mail server that accepts connections and never says a word, not even the greeting:
    a client waits for its timeout. The kernel completes the connections of the listening
    socket (up to its backlog); nothing ever reads or writes them."""

    def __init__(self, port=None):
        self.port = port or free_port()

    def __enter__(self):
        self.socket = socket.socket()
        self.socket.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.socket.bind(("127.0.0.1", self.port))
        self.socket.listen(128)
        return self

    def __exit__(self, *exc):
        self.socket.close()


def site_env(folder, **settings):
    """The environment of a throwaway site under the production settings, on SQLite."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "REDIS_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="clunyevent.settings.prod",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(60),
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        DJANGO_SECURE_SSL_REDIRECT="0",
        DJANGO_STATIC_ROOT=str(Path(folder) / "static"),
        DATABASE_URL=f"sqlite:///{Path(folder) / 'db.sqlite3'}",
        DJANGO_EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend",
    )
    env.update(settings)
    return env


def manage(env, *args, timeout=120):
    """Run a management command of that site; returns what it printed."""
    done = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if done.returncode:
        raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{done.stderr}")
    return done.stdout


def shell(env, code):
    return manage(env, "shell", "--no-imports", "-c", code)


class Gunicorn:
    """gunicorn serving that site on 127.0.0.1, with `workers` processes, until the block ends."""

    def __init__(self, env, workers=2):
        self.env, self.workers, self.port = env, workers, free_port()
        self.url = f"http://127.0.0.1:{self.port}"

    def __enter__(self):
        command = [sys.executable, "-m", "gunicorn", "clunyevent.wsgi"]
        options = ["--workers", str(self.workers), "--bind", f"127.0.0.1:{self.port}"]
        self.process = subprocess.Popen(
            [*command, *options, "--log-level", "warning"], cwd=ROOT, env=self.env
        )
        try:
            wait_until(self.healthy, 30, "gunicorn")
        except RuntimeError:
            self.__exit__()
            raise
        return self

    def healthy(self):
        try:
            with urllib.request.urlopen(f"{self.url}/healthz", timeout=2) as response:
                return response.status == 200
        except OSError:
            return False

    def __exit__(self, *exc):
        self.process.terminate()
        self.process.wait(timeout=20)


@contextlib.contextmanager
def throwaway_site(**settings):
    """A migrated site with the programme loaded, in a temporary folder: its environment."""
    folder = tempfile.mkdtemp(prefix="clunyevent-site-")
    try:
        env = site_env(folder, **settings)
        manage(env, "migrate", "--noinput")
        manage(env, "load_programme")
        manage(env, "collectstatic", "--noinput")
        yield env
    finally:
        shutil.rmtree(folder, ignore_errors=True)


OPEN_REGISTRATION = """
import json, datetime
from django.utils import timezone
from programme.models import Edition, MiniConference
edition = Edition.objects.current()
edition.registration_opens_at = timezone.now() - datetime.timedelta(days=1)
edition.registration_closes_at = timezone.now() + datetime.timedelta(days=1)
edition.capacity = None
edition.save()
mc = MiniConference.objects.of_edition(edition).order_by("number").first()
mc.capacity = {capacity}
mc.save()
challenges = list(edition.challenges.values_list("pk", flat=True)[:3])
print(json.dumps({{"mc": mc.pk, "challenges": challenges}}))
"""


def open_registration(env, capacity=20):
    """Open the current edition's registration now; the ids a sign-up form needs."""
    return json.loads(shell(env, OPEN_REGISTRATION.format(capacity=capacity)).splitlines()[-1])


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def form_token(base_url, path):
    """Load a form: its CSRF cookie and token, (cookie, token)."""
    with urllib.request.urlopen(f"{base_url}{path}", timeout=60) as form:
        cookie = re.search(r"csrftoken=([^;]+)", form.headers.get("Set-Cookie", "")).group(1)
        page = form.read().decode()
    return cookie, re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)


def post_form(base_url, path, fields, token=None):
    """Post a form (loaded first for its CSRF token, unless `token` comes from form_token):
    the HTTP status of the answer. A redirect is not followed: 302 is what a successful form
    answers.

    Production cookies are Secure, which a client over plain HTTP would not send back: the
    CSRF cookie is carried by hand, on loopback only."""
    cookie, token = token or form_token(base_url, path)
    request = urllib.request.Request(
        f"{base_url}{path}",
        data=urllib.parse.urlencode({"csrfmiddlewaretoken": token, **fields}).encode(),
        headers={"Referer": f"{base_url}{path}", "Cookie": f"csrftoken={cookie}"},
    )
    try:
        with urllib.request.build_opener(NoRedirect).open(request, timeout=120) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def signup_fields(number, ids):
    return {
        "first_name": f"Prénom{number}",
        "last_name": "Banc",
        "email": f"banc{number}@example.org",
        "country": "France",
        "employer": "Banc d'essai",
        "category": "trainee",
        "mini_conference": ids["mc"],
        "join_waiting_list": "on",
        "consent": "on",
        **{f"challenge_{rank}": pk for rank, pk in enumerate(ids["challenges"], start=1)},
    }
