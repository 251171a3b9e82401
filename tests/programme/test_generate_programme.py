from django.core.management import call_command
from django.urls import reverse

from programme.models import Edition, MiniConference, Session
from tests.queries import count_queries


def test_synthetic_programme_is_n_times_larger_and_shown_instead(client, programme):
    base_sessions = Session.objects.of_edition(programme).count()
    base_mcs = MiniConference.objects.of_edition(programme).count()
    queries = count_queries(client, reverse("programme:agenda"))

    call_command("generate_programme", scale=3, verbosity=0)

    synthetic = Edition.objects.current()
    assert synthetic.slug == f"{programme.slug}-x3"
    assert Session.objects.of_edition(synthetic).count() == 3 * base_sessions
    assert MiniConference.objects.of_edition(synthetic).count() == 3 * base_mcs
    assert Session.objects.of_edition(programme).count() == base_sessions
    assert count_queries(client, reverse("programme:agenda")) == queries


def test_synthetic_programme_follows_the_admin_rules(programme):
    call_command("generate_programme", scale=3, verbosity=0)

    # The copies of a plenary are at one time: they must be parallel by design to stay valid.
    for session in Session.objects.of_edition(Edition.objects.current()):
        session.full_clean()
