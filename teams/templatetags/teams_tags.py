from django import template

from teams import services
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
    return {"memberships": memberships}


@register.inclusion_tag("teams/includes/challenge_team.html")
def challenge_team(challenge):
    """A challenge's team on its public page, once published (programme does not know teams)."""
    return {"team": published_team(challenge)}
