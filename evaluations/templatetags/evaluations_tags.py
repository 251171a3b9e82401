from django import template

from evaluations import services

register = template.Library()


@register.inclusion_tag("evaluations/includes/personal_evaluations.html")
def personal_evaluations(registration):
    """For the personal page: how many sessions are open to evaluate, how many are done."""
    return {"registration": registration, **services.overview(registration)}
