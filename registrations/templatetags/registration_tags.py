from django import template

from registrations.seats import SeatState

register = template.Library()


@register.inclusion_tag("registrations/includes/seat_state.html")
def seat_state(mini_conference):
    """The seats left of a mini-conference annotated by MiniConference.objects.with_seats()."""
    return {"state": SeatState.of(mini_conference)}
