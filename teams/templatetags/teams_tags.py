from django import template

from teams import services
from teams.models import Membership
from teams.public import published_team

register = template.Library()


@register.inclusion_tag("teams/includes/personal_teams.html")
def personal_teams(registration):
    """The participant's published teams, each with the sessions where it meets."""
    memberships = list(services.published_memberships(registration))
    sessions = services.published_team_sessions(registration).select_related("day", "venue")
    for membership in memberships:
        kind = services.SESSION_KINDS[membership.allocation.kind]
        membership.sessions = [session for session in sessions if session.kind == kind]
        membership.teammates = teammates(membership)
    return {"memberships": memberships}


@register.inclusion_tag("teams/includes/challenge_team.html")
def challenge_team(challenge):
    """A challenge's team on its public page, once published (programme does not know teams)."""
    return {"team": published_team(challenge)}


def teammates(membership):
    """« Prénom Nom » of the other members of the participant's team, by last name."""
    others = (
        Membership.objects.filter(team_id=membership.team_id)
        .exclude(registration_id=membership.registration_id)
        .select_related("registration")
        .order_by("registration__last_name", "registration__first_name", "pk")
    )
    return [f"{m.registration.first_name} {m.registration.last_name}" for m in others]
