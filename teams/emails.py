"""The email each member gets when a run of teams is published: plain text, in their language.

It names the team, its members with their employers (what the printed team lists show), and
where and when it meets: the programme's sessions of that kind of team (services.SESSION_KINDS).
"""

from itertools import groupby

from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from registrations.emails import absolute_url, one_line
from registrations.models import Registration


def team_messages(allocation, *, sessions, request=None):
    """One message per member of the run's teams whose registration is still active (someone
    may have cancelled since the run); `sessions` are where these teams meet."""
    memberships = (
        allocation.memberships.filter(registration__in=Registration.objects.active())
        .select_related("registration__edition", "team__challenge")
        .order_by("team__number", "registration__last_name", "registration__first_name", "pk")
    )
    messages = []
    for _team, group in groupby(memberships, key=lambda membership: membership.team_id):
        group = list(group)
        members = [membership.registration for membership in group]
        messages += [team_message(m, members, sessions, request) for m in group]
    return messages


def team_message(membership, members, sessions, request):
    registration, edition = membership.registration, membership.registration.edition
    programme = reverse("registrations:personal-programme", args=[registration.token])
    context = {
        "registration": registration,
        "edition": edition,
        "team": membership.team,
        "members": members,
        "sessions": sessions,
        "programme_url": absolute_url(programme, request),
    }
    # In the member's language, whoever publishes.
    with translation.override(registration.language):
        subject = render_to_string("teams/emails/published_subject.txt", context)
        body = render_to_string("teams/emails/published.txt", context)
    return EmailMessage(
        subject=one_line(subject),
        body=body,
        to=[registration.email],
        reply_to=[edition.contact_email] if edition.contact_email else None,
    )
