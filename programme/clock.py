"""The site's one clock. Tests fix it by patching `programme.clock.now`.

Call it as `clock.now()` (module attribute), never `from programme.clock import now`: a name
imported early keeps the real clock when a test patches this module.
"""

from django.utils import timezone


def now():
    return timezone.now()


def today():
    """Today's date in Cluny (the site's time zone), by the same clock."""
    return timezone.localdate(now())
