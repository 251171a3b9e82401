"""The organisers' page of the change notices: what is waiting to go, to how many people,
and when; send it now, hold it, or let it go. Reading needs the « view » permission of the
rounds, acting needs « send_notices » (both in the « Organisateur·rice » group)."""

from django.conf import settings
from django.contrib import messages
from django.db.models import Count
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from programme.access import for_organisers
from programme.current import current_edition_or_404

from . import notices
from .models import NoticeRound


@for_organisers(read=["registrations.view_noticeround"])
def notice_rounds(request):
    edition = current_edition_or_404(request)
    changes = list(notices.pending_changes(edition))
    digests = notices.digests(edition, changes) if changes else {}
    concerned = {change.pk: 0 for change in changes}
    for theirs in digests.values():
        for change in theirs:
            concerned[change.pk] += 1
    context = {
        "edition": edition,
        "round": notices.open_round(edition) if changes else None,
        "changes": [(change, concerned[change.pk]) for change in changes],
        "people": len(digests),
        "due_at": notices.due_at(edition),
        "sent": NoticeRound.objects.filter(edition=edition, sent_at__isnull=False).annotate(
            change_count=Count("changes")
        )[:20],
        "can_send": request.user.has_perm("registrations.send_notices"),
        "settings_quiet": settings.NOTICE_QUIET_MINUTES,
    }
    return render(request, "registrations/staff/notices.html", context)


@for_organisers(read=["registrations.view_noticeround"], act=["registrations.send_notices"])
@require_POST
def notice_round_action(request):
    edition = current_edition_or_404(request)
    action = request.POST.get("action")
    notice_round = notices.open_round(edition)
    if action == "send":
        sent = notices.send_round(notice_round)
        messages.success(
            request,
            ngettext(
                "Avis envoyé à %(count)d personne.", "Avis envoyés à %(count)d personnes.", sent
            )
            % {"count": sent},
        )
    elif action in ("hold", "resume"):
        notice_round.held = action == "hold"
        notice_round.save(update_fields=["held"])
        messages.success(
            request,
            _("Envoi suspendu : rien ne part sans vous.")
            if notice_round.held
            else _("Envoi repris : les avis partiront à l'heure prévue."),
        )
    else:
        messages.error(request, _("Action inconnue : rien n'a été fait."))
    return redirect("registrations-staff:notices")
