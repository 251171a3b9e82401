"""Text as people type it, without the control characters nobody types.

A control character (C0, DEL, C1) is invisible and comes from a copy and paste — out of a PDF,
a spreadsheet, a word processor — rather than from a keyboard. Kept, it breaks what the site
later makes of the text: an XLSX file cannot hold one (XML 1.0 forbids them, and openpyxl
raises IllegalCharacterError), nor can the frab XML, and it garbles an email header.

The forms strip them rather than refuse them: an error about a character the person cannot see
would be hard to act on, and nothing they meant to type is lost. Tab, line feed and carriage
return stay in multi-line fields (a Textarea), where they are the person's layout; in a
single-line field they, and the other line or page breaks, become a space, since a pasted
line break stood between two words. Lone surrogates and U+FFFE/U+FFFF, which XML cannot hold
either, go too.
"""

import re

from django import forms

# Unicode category Cc (C0 and C1 controls, DEL), then what XML 1.0 cannot hold besides.
_OUTSIDE_XML = "\ud800-\udfff\ufffe\uffff"
_BREAKS = "\t\n\x0b\x0c\r\x1c-\x1f\x85"
_MULTI_LINE_UNSAFE = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f{_OUTSIDE_XML}]")
_SINGLE_LINE_BREAKS = re.compile(f"[{_BREAKS}]")


def without_control_characters(text, *, multi_line=True):
    """`text` without control characters; in a single line, its breaks become spaces."""
    if not multi_line:
        text = _SINGLE_LINE_BREAKS.sub(" ", text)
    return _MULTI_LINE_UNSAFE.sub("", text)


class PlainTextMixin:
    """For a form: what is typed in its text fields loses its control characters before any
    validation, so what is checked, shown again and saved is what the person sees."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.is_bound:
            self.data = self._plain_data()

    def _plain_data(self):
        data = self.data.copy()  # A QueryDict is immutable; its copy is not.
        for name, field in self.fields.items():
            if not isinstance(field, forms.CharField):
                continue
            key = self.add_prefix(name)
            multi_line = isinstance(field.widget, forms.Textarea)
            if key not in data:
                continue
            if hasattr(data, "setlist"):  # Every value of a repeated key, not just the last.
                data.setlist(key, [_plain(v, multi_line) for v in data.getlist(key)])
            else:
                data[key] = _plain(data[key], multi_line)
        return data


def _plain(value, multi_line):
    if not isinstance(value, str):
        return value
    return without_control_characters(value, multi_line=multi_line)
