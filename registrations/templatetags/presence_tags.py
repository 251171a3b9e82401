"""The personal code (QR) and « Signer ma présence », for the personal page and the badges."""

from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from registrations import presence, presence_codes
from registrations.self_sign import SelfSignForm

register = template.Library()


@register.simple_tag(takes_context=True)
def presence_qr(context, registration):
    """The QR of the registration's scan address: segno's SVG, built from our own URL only."""
    url = presence_codes.scan_url(context["request"], registration)
    label = _("Code personnel de %(name)s, à présenter à l’équipe pour émarger") % {
        "name": f"{registration.first_name} {registration.last_name}"
    }
    return mark_safe(
        presence_codes.qr_svg(url, label)
    )  # segno writes the markup; the label is escaped.


@register.inclusion_tag("registrations/includes/presence.html", takes_context=True)
def personal_presence(context, registration):
    half_day = presence.current_half_day(registration.edition)
    return {
        "request": context["request"],
        "registration": registration,
        "half_day": half_day,
        "attendance": presence.attendance_at(registration, half_day),
        "form": SelfSignForm(),
    }
