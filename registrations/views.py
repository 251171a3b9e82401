"""The participant's pages: sign-up, personal page reached by its link, privacy, public list."""

from functools import partial, wraps

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from programme.current import current_edition_or_404

from . import double_taps, link_requests, services
from .corrections import CorrectionForm
from .exceptions import (
    DuplicateRegistration,
    EditionFull,
    MiniConferenceFull,
    RegistrationCancelled,
    RegistrationClosed,
    RegistrationGone,
)
from .forms import HONEYPOT, ChoicesForm, ResendLinkForm, SignupForm
from .models import Registration, Seat
from .next_step import next_step
from .personal_programme import by_day, ics_calendar, notes_for, personal_items
from .ratelimit import limit_posts
from .seats import waiting_position

# The address the browser just signed up with, for the thanks page: only what it typed itself.
SESSION_KEY = "registrations:signup_email"
# The mini-conference whose waiting list the browser just asked for, for the same page.
WAITING_KEY = "registrations:signup_waiting_for"


def signup_blocker(edition):
    """Why the form is not offered ("not-yet-open", "closed", "full"), or None."""
    window = services.registration_window(edition)
    if window != services.OPEN:
        return window
    return "full" if services.edition_is_full(edition) else None


def render_unavailable(request, edition, reason):
    # A POST that arrives when registration is not possible is refused, not just redisplayed.
    status = 403 if request.method == "POST" else 200
    context = {"edition": edition, "reason": reason}
    return render(request, "registrations/unavailable.html", context, status=status)


@require_http_methods(["GET", "POST"])
@limit_posts("signup")
def signup(request):
    edition = current_edition_or_404(request)
    reason = signup_blocker(edition)
    if reason is not None:
        return render_unavailable(request, edition, reason)
    if request.method == "POST" and request.POST.get(HONEYPOT):
        return redirect("registrations:done")  # A robot: silently discarded.
    form = SignupForm(request.POST if request.method == "POST" else None, edition=edition)
    if form.is_bound and form.is_valid():
        return submit_signup(request, form, edition)
    return render(request, "registrations/signup.html", {"form": form, "edition": edition})


def submit_signup(request, form, edition):
    """A double tap or a resubmission is a duplicate of the registration the first one made:
    it gets the same redirect and page, and exactly one registration exists."""
    email = form.cleaned_data["email"]
    mini_conference = form.cleaned_data.get("mini_conference")
    try:
        registration = form.save(request=request)
    except MiniConferenceFull as error:
        form.add_error("mini_conference", str(error.message))
        return render(request, "registrations/signup.html", {"form": form, "edition": edition})
    except DuplicateRegistration as duplicate:
        # The answer of a new sign-up: whether an address is registered stays unknown.
        data = form.registration_data()
        services.tell_already_registered(edition=edition, email=email, data=data, request=request)
        return thanks(request, email, mini_conference, duplicate.seat_status)
    except (RegistrationClosed, EditionFull):
        return render_unavailable(request, edition, signup_blocker(edition) or "full")
    seat = Seat.objects.filter(registration=registration).first()
    return thanks(request, email, mini_conference, seat and seat.status)


def thanks(request, email, mini_conference=None, seat_status=None):
    """The same redirect and page for a new sign-up and for an address already registered:
    neither the personal link nor anything of a registration, only what the person asked for.

    After a waiting-list sign-up the page says so, but not the position: a duplicate address
    has no position of its own, and a page that showed one only to new registrations would
    tell who is registered. The position is in the confirmation email and on the personal
    page, behind the personal link. Whether the mini-conference is full is public anyway."""
    request.session[SESSION_KEY] = email
    waiting = mini_conference is not None and seat_status == Seat.Status.WAITING
    request.session[WAITING_KEY] = str(mini_conference) if waiting else None
    return redirect("registrations:done")


@never_cache
def done(request):
    context = {
        "email": request.session.get(SESSION_KEY),
        "waiting_for": request.session.get(WAITING_KEY),
    }
    return render(request, "registrations/done.html", context)


@require_http_methods(["GET", "POST"])
@limit_posts("resend")
def resend_link(request):
    """The same answer, in the same time, so that nobody learns whether an address is
    registered: the request is only recorded, and the mail worker answers it."""
    edition = current_edition_or_404(request)
    form = ResendLinkForm(request.POST if request.method == "POST" else None)
    sent = form.is_bound and form.is_valid()
    if sent:
        link_requests.request_link(
            edition=edition, email=form.cleaned_data["email"], language=request.LANGUAGE_CODE
        )
    context = {"form": form, "sent": sent, "edition": edition}
    return render(request, "registrations/resend.html", context)


class UnknownLink(RegistrationGone):
    # Whether it ever led somewhere cannot be told: a deleted registration leaves no trace.
    message = gettext_lazy("Ce lien n'est pas ou plus valable")


def registration_for_link(token):
    """The registration a personal link leads to; a wrong, cancelled, anonymised or deleted
    link raises RegistrationGone, and never shows someone else's data."""
    registration = Registration.objects.select_related("edition").filter(token=token).first()
    if registration is None:
        raise UnknownLink
    if registration.anonymised_at is not None:
        raise RegistrationGone
    if registration.status == Registration.Status.CANCELLED:
        raise RegistrationCancelled
    return registration


def link_gone(request, gone):
    """The page of a dead personal link: what happened, and how to get one's link again. 404
    for a link the site does not know, 410 for one that led to a registration since gone."""
    context = {"gone": gone, "cancelled": isinstance(gone, RegistrationCancelled)}
    status = 404 if isinstance(gone, UnknownLink) else 410
    return render(request, "registrations/link_gone.html", context, status=status)


def personal_link(view=None, *, repeated=None):
    """Call `view(request, registration, …)` with the registration of the link's token. A link
    dead on arrival, or dying during the request (another tab or a double click deleted or
    cancelled the registration in the meantime: the services raise RegistrationGone then),
    gets the page that says so, never a 500 — unless `repeated(request, token, gone)` gives the
    page a POST whose work is already done leads to (double_taps.py)."""
    if view is None:
        return partial(personal_link, repeated=repeated)

    @wraps(view)
    def wrapper(request, token, **kwargs):
        try:
            return view(request, registration_for_link(token), **kwargs)
        except RegistrationGone as gone:
            post = repeated is not None and request.method == "POST"
            answer = repeated(request, token, gone) if post else None
            return answer or link_gone(request, gone)

    return wrapper


def personal_context(registration):
    seat = Seat.objects.filter(registration=registration).select_related(
        "mini_conference__venue", "mini_conference__slot__day"
    )
    seat = seat.first()
    return {
        "registration": registration,
        "edition": registration.edition,
        "seat": seat,
        "position": waiting_position(seat) if seat else None,
        "preferences": registration.challenge_preferences.select_related("challenge"),
        "meals": registration.meals.select_related("day").order_by("start"),
        "can_change": services.registration_window(registration.edition) == services.OPEN,
    }


@never_cache
@personal_link
def manage(request, registration):
    items = items_for(registration)
    context = personal_context(registration)
    context.update(next_step=next_step(items), days=by_day(items))
    return render(request, "registrations/manage.html", context)


@never_cache
@require_http_methods(["GET", "POST"])
@personal_link
def correct(request, registration):
    """« Corriger mes informations »: a repeated identical POST changes nothing the second time
    and lands on the same page, with the same message."""
    form = CorrectionForm(request.POST if request.method == "POST" else None, instance=registration)
    if form.is_bound and form.is_valid():
        form.save()
        messages.success(request, _("Vos informations sont enregistrées."))
        return redirect(registration)
    context = {"form": form, "registration": registration, "edition": registration.edition}
    return render(request, "registrations/correct.html", context)


@never_cache
@require_http_methods(["GET", "POST"])
@personal_link
def change(request, registration):
    if services.registration_window(registration.edition) != services.OPEN:
        messages.error(request, _("Les inscriptions sont closes : vos choix ne changent plus."))
        return redirect(registration)
    form = ChoicesForm(
        request.POST if request.method == "POST" else None, registration=registration
    )
    if form.is_bound and form.is_valid():
        try:
            form.save(request=request)
        except MiniConferenceFull as error:
            form.add_error("mini_conference", str(error.message))
        else:
            messages.success(request, _("Vos choix sont enregistrés."))
            return redirect(registration)
    context = {"form": form, "registration": registration, "edition": registration.edition}
    return render(request, "registrations/change.html", context)


def items_for(registration):
    # With the notes other apps hand over (the teams): the page and the .ics show the same.
    return personal_items(registration, notes=notes_for(registration))


@never_cache
@personal_link
def personal_programme(request, registration):
    """The participant's printable programme (the public one is programme:agenda)."""
    context = {
        "registration": registration,
        "edition": registration.edition,
        "days": by_day(items_for(registration)),
    }
    return render(request, "registrations/personal_programme.html", context)


@never_cache
@personal_link
def personal_calendar(request, registration):
    base_url = request.build_absolute_uri("/").rstrip("/")
    body = ics_calendar(registration, items_for(registration), base_url=base_url)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="mon-programme.ics"'
    return response


@never_cache
@require_http_methods(["GET", "POST"])
@personal_link(repeated=double_taps.repeated_cancel)
def cancel(request, registration):
    if request.method == "POST":
        services.cancel_registration(registration=registration, request=request)
        return redirect("registrations:cancelled")
    return render(request, "registrations/cancel.html", personal_context(registration))


@never_cache
@require_http_methods(["GET", "POST"])
@personal_link(repeated=double_taps.repeated_delete)
def delete(request, registration):
    if request.method == "POST":
        services.delete_registration_data(registration=registration, request=request)
        double_taps.remember_deleted(request, registration.token)
        request.session.pop(SESSION_KEY, None)
        request.session.pop(WAITING_KEY, None)
        return redirect("registrations:deleted")
    return render(request, "registrations/delete.html", personal_context(registration))


def farewell(request, *, template_name):
    edition = current_edition_or_404(request)
    return render(request, template_name, {"edition": edition})


def privacy(request):
    edition = current_edition_or_404(request)
    context = {"edition": edition, "organisers": edition.partners_by_role("organiser")}
    return render(request, "registrations/privacy.html", context)


def public_list(request):
    edition = current_edition_or_404(request)
    participants = (
        Registration.objects.of_edition(edition)
        .listed()
        .only("first_name", "last_name", "employer")
        .order_by("last_name", "first_name", "pk")
    )
    context = {"edition": edition, "participants": participants}
    return render(request, "registrations/public_list.html", context)
