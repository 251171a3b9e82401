"""Personal links never written in clear to a log: the token after /inscription/ or
/appel-a-propositions/ is the only key to someone's data.

`MaskTokens` filters the site's own log records (Django's « Not Found: /inscription/… »
lines, errors); clunyevent/access_log.py does the same for gunicorn's access log.
"""

import logging
import re

TOKEN = re.compile(r"(/(?:inscription|appel-a-propositions)/)[A-Za-z0-9_-]{20,}")
MASK = r"\1[lien-personnel]"


def mask(text):
    return TOKEN.sub(MASK, text)


class MaskTokens(logging.Filter):
    def filter(self, record):
        message = record.getMessage()
        if TOKEN.search(message):
            record.msg, record.args = mask(message), ()
        return True
