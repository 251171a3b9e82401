"""Submit an admin form as a browser would: what the page shows, with only the named changes.

Reading the rendered form keeps the tests honest about inlines and their management forms, and
spares each test a hand-written copy of every field.
"""

from html.parser import HTMLParser

from django.urls import reverse

SKIPPED_INPUTS = {"submit", "button", "image", "reset", "file"}


class FormReader(HTMLParser):
    """Collects the successful controls of the admin's main form (id ending in « _form »)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.data = {}
        self.in_form = False
        self.select = None
        self.textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.in_form = (attrs.get("id") or "").endswith("_form")
        name = attrs.get("name") or ""
        if not self.in_form or "__prefix__" in name:
            return
        if tag == "input" and name:
            self.read_input(name, attrs)
        elif tag == "select" and name:
            self.select = {"name": name, "multiple": "multiple" in attrs, "options": []}
        elif tag == "option" and self.select is not None:
            self.select["options"].append((attrs.get("value", ""), "selected" in attrs))
        elif tag == "textarea" and name:
            self.textarea = name
            self.data[name] = ""

    def read_input(self, name, attrs):
        kind = attrs.get("type", "text")
        if kind in SKIPPED_INPUTS:
            return
        if kind in ("checkbox", "radio") and "checked" not in attrs:
            return
        self.data[name] = attrs.get("value", "on" if kind == "checkbox" else "")

    def handle_data(self, data):
        if self.textarea:
            self.data[self.textarea] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.in_form = False
        elif tag == "textarea":
            self.textarea = None
        elif tag == "select" and self.select is not None:
            self.close_select()

    def close_select(self):
        name, options = self.select["name"], self.select["options"]
        chosen = [value for value, selected in options if selected]
        if self.select["multiple"]:
            self.data[name] = chosen
        elif chosen or options:
            # A browser sends the first option when none is marked selected.
            self.data[name] = chosen[-1] if chosen else options[0][0]
        self.select = None


def form_data(response):
    reader = FormReader()
    reader.feed(response.content.decode())
    return reader.data


def change_url(obj):
    opts = obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])


def add_url(model):
    opts = model._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_add")


def submit(client, url, changes):
    """GET the admin form at url, apply changes (None removes a field), POST it back."""
    page = client.get(url)
    assert page.status_code == 200
    data = form_data(page)
    for name, value in changes.items():
        if value is None:
            data.pop(name, None)
        else:
            data[name] = value
    return client.post(url, data)


def field_errors(response):
    """The main form's errors, field by field, as plain messages."""
    return {
        field: list(messages)
        for field, messages in response.context["adminform"].form.errors.items()
    }


def inline_errors(response, prefix):
    """The errors of each row of the inline whose formset has this prefix."""
    for inline in response.context["inline_admin_formsets"]:
        if inline.formset.prefix == prefix:
            return [
                {field: list(messages) for field, messages in errors.items()}
                for errors in inline.formset.errors
            ]
    raise AssertionError(f"no inline {prefix!r} on the page")
