"""The French catalogue: the interface strings as typed in the sources, typeset.

The site's strings are written in French in the sources, with the keyboard's apostrophe and
ordinary spaces: a no-break space typed in a template is invisible in review and lost by the
first editor that normalises whitespace. `locale/fr/` holds each of them in French typography
(’, no-break spaces before « : ; ! ? » and inside « »), produced by `typeset_message` and never
edited by hand: `manage.py typeset_messages` (run by `make messages`) rewrites it from the
sources, and a test checks that it is current.
"""

import ast
import re

from .typography import typeset_message

FIELD = re.compile(r"^(msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?) (\".*\")$")


# makemessages' template header marks the entry fuzzy, and msgfmt skips a fuzzy header: the
# catalogue would lose its Plural-Forms (« 0 personne », singular in French).
HEADER = (
    "# French typography of the site's strings. Written by `manage.py typeset_messages`:\n"
    "# do not edit (see programme/catalogue.py).\n"
    'msgid ""\nmsgstr ""'
)


def parse_block(block):
    """A .po entry's fields (msgid, msgstr[0]…), its comment lines and its flags."""
    fields, comments, flags, key = {}, [], [], None
    for line in block.splitlines():
        match = FIELD.match(line)
        if match:
            key = match.group(1)
            fields[key] = ast.literal_eval(match.group(2))
        elif line.startswith('"') and key:
            fields[key] += ast.literal_eval(line)
        elif line.startswith("#,"):
            flags = [flag.strip() for flag in line[2:].split(",")]
        elif not line.startswith("#|"):  # the previous msgid of a fuzzy entry: not kept
            comments.append(line)
    return fields, comments, flags


def quoted(text):
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return '"' + escaped.replace("\t", "\\t") + '"'


def typeset_block(block):
    """The entry with its French translation set to its typeset msgid (plural: each form)."""
    fields, comments, flags = parse_block(block)
    if not fields.get("msgid"):
        metadata = block.split('msgstr ""', 1)[1]
        return HEADER + metadata.replace('"Language: \\n"', '"Language: fr\\n"')
    lines = list(comments)
    flags = [flag for flag in flags if flag != "fuzzy"]
    if flags:
        lines.append("#, " + ", ".join(flags))
    for key in ("msgctxt", "msgid", "msgid_plural"):
        if key in fields:
            lines.append(f"{key} {quoted(fields[key])}")
    if "msgid_plural" in fields:
        forms = (fields["msgid"], fields["msgid_plural"])
        lines += [f"msgstr[{n}] {quoted(typeset_message(form))}" for n, form in enumerate(forms)]
    else:
        lines.append(f"msgstr {quoted(typeset_message(fields['msgid']))}")
    return "\n".join(lines)


def typeset_catalogue(text):
    blocks = text.strip("\n").split("\n\n")
    return "\n\n".join(typeset_block(block) for block in blocks) + "\n"
