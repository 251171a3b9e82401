"""The agenda while sign-ups arrive: a steady stream of sign-up posts in the background, and
the agenda's throughput from the page cache during it, against its idle throughput."""

import threading
import time

from tests.servers import form_token, open_registration, post_form, signup_fields


class SignupStream:
    """Sign-ups posted at a steady rate, in the background until stopped. Each post uses a
    form loaded beforehand: the form is a page view (not cached: it holds a CSRF token), the
    sign-up is the post."""

    def __init__(self, server, ids, rate, seconds):
        self.server, self.ids, self.interval = server, ids, 1 / rate
        self.statuses, self.threads, self.stop = [], [], threading.Event()
        self.tokens = [
            form_token(server.url, "/inscription/") for _ in range(int(rate * seconds) + 5)
        ]

    def post(self, number):
        fields = signup_fields(f"flux{number}", self.ids)
        token = self.tokens[number % len(self.tokens)]
        self.statuses.append(post_form(self.server.url, "/inscription/", fields, token))

    def run(self):
        started, number = time.monotonic(), 0
        while not self.stop.is_set():
            thread = threading.Thread(target=self.post, args=(number,))
            thread.start()
            self.threads.append(thread)
            number += 1
            self.stop.wait(max(0, started + number * self.interval - time.monotonic()))

    def __enter__(self):
        self.started = time.monotonic()
        self.runner = threading.Thread(target=self.run)
        self.runner.start()
        return self

    def __exit__(self, *exc):
        self.stop.set()
        self.runner.join()
        for thread in self.threads:
            thread.join()
        self.seconds = time.monotonic() - self.started


def agenda_under_signups(env, server, load, combined, *, rate, seconds):
    """The agenda's cached throughput while sign-ups arrive at `rate` per second, against its
    idle throughput just before and just after. `load(path, duration)` runs wrk."""
    ids = open_registration(env, capacity=25)
    stream = SignupStream(server, ids, rate, seconds)
    duration = f"{seconds}s"
    load("/programme/", "1s")
    before = load("/programme/", duration)
    with stream:
        busy = load("/programme/", duration, drain=False)
    idle = combined([before, load("/programme/", duration)])
    statuses = stream.statuses
    return {
        "idle": idle,
        "during_signups": busy,
        "ratio": round(busy["rps"] / idle["rps"], 2) if idle["rps"] else 0,
        "signups": len(statuses),
        "signups_per_second": round(len(statuses) / stream.seconds, 1),
        "statuses": {str(code): statuses.count(code) for code in sorted(set(statuses))},
    }
