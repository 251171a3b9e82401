"""Who may open an organiser page, and who may act from it.

Being on the team (is_staff) only opens the door: every page and every action also names the
permissions it needs, which the « Organisateur·rice » group holds (programme.organisers). A
staff account given nothing else can log into the admin and see nothing.
"""

from dataclasses import dataclass
from functools import wraps

from django.contrib.admin.views.decorators import staff_member_required
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied

# Requests that only read: anything else (POST, and any method a view never expects) acts.
READING = ("GET", "HEAD", "OPTIONS")


@dataclass(frozen=True)
class Needs:
    read: tuple[str, ...]
    act: tuple[str, ...]


def for_organisers(*, read, act=()):
    """Anonymous and non-staff visitors go to the admin login page (staff_member_required);
    a staff account without every permission of `read` (any request) and of `act` (a request
    that changes something) gets the site's 403 page, before the view reads or changes data.

    The view keeps what it needs in `organiser_needs`: the permission tests and the README's
    table are checked against it."""

    def decorate(view):
        @wraps(view)
        def acting(request, *args, **kwargs):
            if request.method not in READING and not request.user.has_perms(act):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        checked = staff_member_required(permission_required(read, raise_exception=True)(acting))
        checked.organiser_needs = Needs(read=tuple(read), act=tuple(act))
        return checked

    return decorate
