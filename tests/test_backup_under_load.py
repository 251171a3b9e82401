"""A backup taken while people sign up is one consistent snapshot: it restores into an empty
database, every registration with its seat and its choices, and keeps the waiting list's
order to the microsecond."""

import json
import threading
import time

import pytest
from django.core.management import call_command
from django.db import connection, connections

from registrations.models import Seat
from tests import factories
from tests.servers import (
    Gunicorn,
    manage,
    open_registration,
    post_form,
    shell,
    signup_fields,
    site_env,
    throwaway_site,
)

pytest.importorskip("gunicorn")
COUNT = """
import json
from registrations.models import ChallengePreference, Registration, Seat
print(json.dumps({
    "registrations": Registration.objects.count(),
    "seats": Seat.objects.count(),
    "choices": ChallengePreference.objects.count(),
    "orphans": Registration.objects.filter(seat__isnull=True).count()
    + Registration.objects.filter(challenge_preferences__isnull=True).count(),
}))
"""


def counts(env):
    return json.loads(shell(env, COUNT).splitlines()[-1])


def sign_up_until(stop, server, ids, statuses, writer):
    number = 0
    while not stop.is_set():
        fields = signup_fields(f"{writer}-{number}", ids)
        statuses.append(post_form(server.url, "/inscription/", fields))
        number += 1


def test_a_backup_taken_during_sign_ups_restores_whole(tmp_path):
    backup = tmp_path / "pendant.json.gz"
    with throwaway_site(DJANGO_REGISTRATION_RATE_LIMIT="100000") as env:
        ids = open_registration(env, capacity=5)
        statuses, stop = [], threading.Event()
        with Gunicorn(env, workers=3) as server:
            writers = [
                threading.Thread(target=sign_up_until, args=(stop, server, ids, statuses, n))
                for n in range(4)
            ]
            for writer in writers:
                writer.start()
            time.sleep(1.5)
            manage(env, "backup_data", "--output", str(backup))
            time.sleep(0.5)
            stop.set()
            for writer in writers:
                writer.join()
    assert statuses and set(statuses) == {302}

    restored = site_env(tmp_path)
    manage(restored, "migrate", "--noinput")
    manage(restored, "restore_data", str(backup))
    after = counts(restored)
    assert after["registrations"] > 0, "some sign-ups were in the backup"
    assert after["seats"] == after["registrations"]
    assert after["choices"] == 3 * after["registrations"]
    assert after["orphans"] == 0


@pytest.mark.django_db(transaction=True)
def test_the_waiting_list_keeps_its_order_to_the_microsecond(tmp_path):
    mini_conference = factories.MiniConferenceFactory(capacity=1)
    first = factories.SeatFactory(mini_conference=mini_conference, status="waiting")
    moment = first.joined_at.replace(microsecond=123456)
    Seat.objects.filter(pk=first.pk).update(joined_at=moment)
    backup = tmp_path / "ordre.json.gz"

    call_command("backup_data", output=str(backup), verbosity=0)
    call_command("flush", interactive=False, verbosity=0)
    call_command("restore_data", str(backup), verbosity=0)

    assert Seat.objects.get().joined_at == moment


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL's snapshot (SQLite's: the test above)"
)
@pytest.mark.django_db(transaction=True)
def test_on_postgresql_the_backup_reads_one_moment():
    """A registration committed by another connection during the dump is not in it."""
    from programme.management.commands.backup_data import snapshot
    from registrations.models import Registration

    factories.RegistrationFactory()

    def sign_up_elsewhere():
        factories.RegistrationFactory()
        connections.close_all()

    with snapshot():
        assert Registration.objects.count() == 1
        writer = threading.Thread(target=sign_up_elsewhere)
        writer.start()
        writer.join()
        assert Registration.objects.count() == 1  # the dump goes on seeing its moment
    assert Registration.objects.count() == 2
