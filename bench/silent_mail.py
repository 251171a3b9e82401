"""Sign-ups while the mail server is silent: it accepts connections and never answers.

The site runs under the production settings with Django's SMTP backend pointed at that server
(EMAIL_TIMEOUT 10 s), and its email worker runs beside gunicorn, stuck on the server too: a
sign-up that waited for the mail server would take 10 s. Sign-ups are posted one after the
other (each with a form loaded beforehand), each timed from its post to its answer.
"""

import json
import math
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from tests.servers import (
    ROOT,
    SilentMailServer,
    form_token,
    free_port,
    open_registration,
    post_form,
    shell,
    signup_fields,
)

SIGNUPS = int(os.environ.get("BENCH_SILENT_MAIL_SIGNUPS", "60"))
P99_TARGET_MS = 1000

COUNT = """
import json
from post_office.models import Email
print(json.dumps({"emails": Email.objects.count(),
 "sent": Email.objects.filter(status=0).count()}))
"""


def percentile(values, share):
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def sign_ups(url, ids, count):
    """Post `count` sign-ups in turn: (latencies in ms, HTTP statuses)."""
    tokens = [form_token(url, "/inscription/") for _ in range(count)]
    latencies, statuses = [], []
    for number, token in enumerate(tokens):
        fields = signup_fields(f"silence{number}", ids)
        started = time.perf_counter()
        statuses.append(post_form(url, "/inscription/", fields, token))
        latencies.append((time.perf_counter() - started) * 1000)
    return latencies, statuses


def remove_lock(env):
    """The killed worker's lock file (a link to a file named after its pid), left in /tmp."""
    code = "from django.conf import settings; print(settings.MAIL_QUEUE_LOCK_FILE)"
    lock = Path(shell(env, code).splitlines()[-1] + ".lock")
    if lock.is_symlink():
        Path(os.readlink(lock)).unlink(missing_ok=True)
    lock.unlink(missing_ok=True)


def run_silent_mail(count=SIGNUPS):
    from bench.run import PYTHON, base_env, forget, prepare, served

    workdir = Path(tempfile.mkdtemp(prefix="bench-silent-mail-"))
    port = free_port()
    env = base_env(workdir, "silent-mail", f"sqlite:///{workdir / 'db.sqlite3'}")
    env.update(
        DJANGO_EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        DJANGO_EMAIL_HOST="127.0.0.1",
        DJANGO_EMAIL_PORT=str(port),
    )
    worker_command = [PYTHON, "manage.py", "send_queued_mail_worker", "--interval", "1"]
    try:
        prepare(env, 1)
        ids = open_registration(env, capacity=count)
        with (
            SilentMailServer(port),
            served(env) as server,
            subprocess.Popen(worker_command, cwd=ROOT, env=env) as worker,
        ):
            try:
                latencies, statuses = sign_ups(server.url, ids, count)
                worker_ran = worker.poll() is None
            finally:
                # Killed, not stopped: a clean stop would first wait out the pass stuck on the
                # silent server (EMAIL_TIMEOUT for each message).
                worker.kill()
        remove_lock(env)
        counts = json.loads(shell(env, COUNT).splitlines()[-1])
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
        forget(env)
    return summary(latencies, statuses, counts, worker_ran)


def summary(latencies, statuses, counts, worker):
    p99 = round(percentile(latencies, 0.99))
    return {
        "signups": len(latencies),
        "p50_ms": round(percentile(latencies, 0.5)),
        "p99_ms": p99,
        "max_ms": round(max(latencies)),
        "statuses": {str(code): statuses.count(code) for code in sorted(set(statuses))},
        # The worker was up all along, stuck on the silent server like the requests would be.
        "worker_running": worker,
        **counts,
    }
