"""« Mon intention d’apprentissage »: the person's own texts, written at sign-up or later, and
read back at the sessions of the programme that revisit them (Session.revisits_intention).

Private: only the person reads them, behind their personal link. Their changes are dated in
the history without their words (corrections.values).
"""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from .corrections import PrivateTextsForm
from .views import personal_link


@never_cache
@require_http_methods(["GET", "POST"])
@personal_link
def edit(request, registration):
    form = PrivateTextsForm(
        request.POST if request.method == "POST" else None, instance=registration
    )
    if form.is_bound and form.is_valid():
        form.save()
        messages.success(request, _("Votre intention d’apprentissage est enregistrée."))
        return redirect(registration.get_absolute_url() + "#intention")
    context = {"form": form, "registration": registration, "edition": registration.edition}
    return render(request, "registrations/intention.html", context)
