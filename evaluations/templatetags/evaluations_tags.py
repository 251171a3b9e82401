from django import template

from evaluations import follow_up, services
from evaluations.forms import NextStepsForm

register = template.Library()


@register.inclusion_tag("evaluations/includes/personal_evaluations.html")
def personal_evaluations(registration):
    """For the personal page: how many sessions are open to evaluate, how many are done."""
    edition = registration.edition
    return {
        "registration": registration,
        **services.overview(registration),
        "follow_up_open": follow_up.follow_up_open(edition),
        "follow_up_done": follow_up.entry(registration).done,
    }


@register.inclusion_tag("evaluations/includes/personal_next_steps.html")
def personal_next_steps(registration):
    """For the personal page: the « prochains pas » form on the last day, what was written."""
    is_open = follow_up.next_steps_open(registration.edition)
    return {
        "registration": registration,
        "is_open": is_open,
        "form": NextStepsForm(instance=registration) if is_open else None,
        "sent_at": follow_up.sent_at(registration.edition),
    }
