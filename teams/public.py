"""What the public pages show of a team: only once it is published, and only the names of
the members who agreed to the public list of participants; the others are counted."""

from typing import NamedTuple

from registrations.models import Registration

from .models import Team


class PublicTeam(NamedTuple):
    team: Team
    listed: list
    size: int


def published_team(challenge):
    team = Team.objects.published().filter(challenge=challenge).first()
    if team is None:
        return None
    # People who cancelled since the publication are no longer in the team.
    members = Registration.objects.confirmed().filter(team_memberships__team=team)
    listed = members.listed().only("first_name", "last_name", "employer")
    return PublicTeam(
        team=team,
        listed=list(listed.order_by("last_name", "first_name", "pk")),
        size=members.count(),
    )
