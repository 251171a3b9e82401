"""Every form of the site's apps strips control characters from what is typed in it."""

import importlib

import pytest
from django import forms

from clunyevent.text import PlainTextMixin, without_control_characters

APPS = ["registrations", "proposals", "teams"]
# Where the apps declare their forms: importing them registers every Form subclass.
FORM_MODULES = ["forms", "staff_views", "reviewing", "admin"]


def subclasses(cls):
    for subclass in cls.__subclasses__():
        yield subclass
        yield from subclasses(subclass)


def forms_with_text_fields():
    for app in APPS:
        for module in FORM_MODULES:
            try:
                importlib.import_module(f"{app}.{module}")
            except ModuleNotFoundError:
                continue
    return [
        form
        for form in subclasses(forms.BaseForm)
        if form.__module__.split(".")[0] in APPS
        and any(isinstance(field, forms.CharField) for field in form.base_fields.values())
    ]


def test_every_form_with_a_text_field_strips_control_characters():
    found = forms_with_text_fields()

    without = [f"{f.__module__}.{f.__qualname__}" for f in found if PlainTextMixin not in f.mro()]
    assert without == []
    # Sign-up, resend, proposal (submit, edit), speaker, review at least: the walk finds them.
    assert len({f.__qualname__ for f in found}) >= 6


@pytest.mark.parametrize(
    ("typed", "multi_line", "kept"),
    [
        ("Du\x0cpont", False, "Du pont"),
        ("Du\x0cpont", True, "Dupont"),
        ("Ligne 1\r\n\tLigne 2", True, "Ligne 1\r\n\tLigne 2"),
        ("Ligne 1\r\n\tLigne 2", False, "Ligne 1   Ligne 2"),
        ("\x00\x1b\x7f\x80\x9f\ufffe\uffff\ud800", True, ""),
        ("Élise « Ça » — 東京 🎉\u00a0!", False, "Élise « Ça » — 東京 🎉\u00a0!"),
    ],
    ids=["form-feed-line", "form-feed-text", "layout-kept", "breaks-spaced", "controls", "text"],
)
def test_without_control_characters(typed, multi_line, kept):
    assert without_control_characters(typed, multi_line=multi_line) == kept
