"""The signature printed on the attestations: uploaded in the edition's admin page, kept in
the database, only PNG or JPEG of a printable size."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from programme.models import Edition
from tests import factories
from tests.programme.admin_forms import change_url, field_errors, submit

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 64


@pytest.fixture
def edition(db):
    return factories.edition_with_half_days()


def upload(admin_client, edition, content, name="signature.png"):
    changes = {
        "signatory_name": "Camille Martin",
        "signatory_title": "Directrice",
        "signature_file": SimpleUploadedFile(name, content, content_type="image/png"),
    }
    return submit(admin_client, change_url(edition), changes)


@pytest.mark.parametrize("content", [PNG, JPEG], ids=["png", "jpeg"])
def test_organisers_upload_the_signature_in_the_admin(admin_client, edition, content):
    response = upload(admin_client, edition, content)

    assert response.status_code == 302
    edition.refresh_from_db()
    assert (edition.signatory_name, bytes(edition.signature)) == ("Camille Martin", content)
    assert edition.signature_data_uri.startswith("data:image/")
    page = admin_client.get(change_url(edition)).content.decode()
    assert f'<img src="{edition.signature_data_uri}" alt="" height="80">' in page


@pytest.mark.parametrize(
    ("content", "error"),
    [
        (b"<svg onload='alert(1)'></svg>", "Choisissez une image PNG ou JPEG."),
        (PNG + b"\x00" * 400_000, "L’image dépasse 300 ko\xa0: réduisez-la."),
    ],
    ids=["not-an-image", "too-large"],
)
def test_a_wrong_signature_file_is_refused_at_the_field(admin_client, edition, content, error):
    response = upload(admin_client, edition, content)

    assert response.status_code == 200
    assert field_errors(response) == {"signature_file": [error]}
    assert bytes(Edition.objects.get(pk=edition.pk).signature) == b""


def test_the_signature_can_be_removed(admin_client, edition):
    edition.signature = PNG
    edition.save()

    response = submit(admin_client, change_url(edition), {"remove_signature": "on"})

    assert response.status_code == 302
    assert bytes(Edition.objects.get(pk=edition.pk).signature) == b""


def test_an_edition_saved_without_a_new_file_keeps_its_signature(admin_client, edition):
    edition.signature = PNG
    edition.save()

    assert submit(admin_client, change_url(edition), {"town": "Mâcon"}).status_code == 302
    assert bytes(Edition.objects.get(pk=edition.pk).signature) == PNG
