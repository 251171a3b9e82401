"""The signature image printed on the attestations de présence: uploaded in the edition's
admin page, kept in the database (Edition.signature), shown as a data: URI.

Only PNG and JPEG are taken, told by their first bytes (not by the name or the type the
browser sends): an <img> shows them, and neither can carry a script.
"""

import base64

from django import forms
from django.utils.translation import gettext_lazy as _

MAX_BYTES = 300 * 1024
SIGNATURES = {b"\x89PNG\r\n\x1a\n": "image/png", b"\xff\xd8\xff": "image/jpeg"}


def media_type(data):
    """« image/png », « image/jpeg », or None for anything else."""
    data = bytes(data or b"")
    return next((kind for magic, kind in SIGNATURES.items() if data.startswith(magic)), None)


def data_uri(data):
    kind = media_type(data)
    if kind is None:
        return ""
    return f"data:{kind};base64,{base64.b64encode(bytes(data)).decode('ascii')}"


class SignatureFormMixin(forms.Form):
    """Fields of the edition's admin form: a new image, or removing the current one."""

    signature_file = forms.FileField(
        label=_("Nouvelle image de la signature"),
        required=False,
        help_text=_("PNG ou JPEG, 300 ko au plus ; de préférence sur fond blanc ou transparent."),
    )
    remove_signature = forms.BooleanField(label=_("Retirer la signature"), required=False)

    def clean_signature_file(self):
        upload = self.cleaned_data.get("signature_file")
        if not upload:
            return None
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(_("L'image dépasse 300 ko : réduisez-la."))
        data = upload.read()
        if media_type(data) is None:
            raise forms.ValidationError(_("Choisissez une image PNG ou JPEG."))
        return data

    def apply_signature(self, instance):
        if self.cleaned_data.get("signature_file"):
            instance.signature = self.cleaned_data["signature_file"]
        elif self.cleaned_data.get("remove_signature"):
            instance.signature = b""
