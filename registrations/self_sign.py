"""« Signer ma présence »: the participant types the half-day's code, shown in the room, on a
small page of their own (/inscription/<lien>/emargement/), also offered on the personal page.

Wrong codes are counted per registration and half-day, not per address: the whole abbey
shares one Wi-Fi address, and a neighbour's typos must not lock anybody out.
"""

from django import forms
from django.conf import settings
from django.core.cache import cache
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from clunyevent.text import PlainTextMixin

from . import presence, presence_codes
from .models import Attendance
from .views import personal_link

# Long enough to cover any half-day's window; the key names the half-day anyway.
WRONG_CODES_SECONDS = 12 * 3600


class SelfSignForm(PlainTextMixin, forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Code affiché dans la salle"),
        max_length=20,
        error_messages={"required": gettext_lazy("Saisissez le code affiché dans la salle.")},
        widget=forms.TextInput(
            attrs={
                "class": "form-control sign-code-input",
                "autocomplete": "off",
                "autocapitalize": "characters",
                "spellcheck": "false",
            }
        ),
    )


def wrong_codes_key(registration, half_day):
    return f"registrations:self-sign-wrong:{registration.pk}:{half_day.day.pk}:{half_day.period}"


def too_many_wrong(registration, half_day):
    return cache.get(wrong_codes_key(registration, half_day), 0) >= settings.SELF_SIGN_WRONG_CODES


def count_wrong(registration, half_day):
    key = wrong_codes_key(registration, half_day)
    cache.add(key, 0, timeout=WRONG_CODES_SECONDS)
    try:
        cache.incr(key)
    except ValueError:  # Expired between add() and incr().
        cache.set(key, 1, timeout=WRONG_CODES_SECONDS)


def refusal(refused):
    if refused.kind == "expired":
        return _(
            "Ce code était celui de la demi-journée du %(half_day)s : il n’est plus valable. "
            "Saisissez le code affiché aujourd’hui dans la salle."
        ) % {"half_day": str(refused.half_day)}
    return _("Ce code n’est pas le bon : vérifiez-le sur l’écran ou l’affiche de la salle.")


def sign(registration, half_day, form):
    """Check the code and record; None when recorded (the caller redirects), else an error."""
    try:
        presence_codes.check(registration.edition, form.cleaned_data["code"])
    except presence_codes.CodeRefused as refused:
        count_wrong(registration, half_day)
        return refusal(refused)
    try:
        presence.record_presence(
            registration=registration, half_day=half_day, method=Attendance.Method.SELF
        )
    except presence.ListClosed:
        return _("La liste de cette demi-journée est close : adressez-vous à l’équipe.")
    return None


def answer_post(registration, half_day, record, form):
    """The status after a POST: 302 once recorded (a repeated POST, too), 429 after too many
    wrong codes, 200 (the page again, saying why) for a refused code or outside the window."""
    if half_day is None:
        return 200
    if record is not None:
        return 302
    if too_many_wrong(registration, half_day):
        return 429
    if not form.is_valid():
        return 200
    error = sign(registration, half_day, form)
    if error is None:
        return 302
    form.add_error("code", error)
    return 200


@never_cache
@require_http_methods(["GET", "POST"])
@personal_link
def self_sign(request, registration):
    half_day = presence.current_half_day(registration.edition)
    record = presence.attendance_at(registration, half_day)
    posted = request.method == "POST"
    form = SelfSignForm(request.POST if posted else None)
    status = answer_post(registration, half_day, record, form) if posted else 200
    if status == 302:
        return redirect("registrations:self-sign", registration.token)
    context = {
        "registration": registration,
        "edition": registration.edition,
        "half_day": half_day,
        "attendance": record,
        "form": form,
        "posted_outside": posted and half_day is None,
        "blocked": status == 429,
    }
    return render(request, "registrations/self_sign.html", context, status=status)
