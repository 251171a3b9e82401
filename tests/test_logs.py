"""Personal links are masked in the site's log lines and in gunicorn's access log."""

import datetime
import logging
from types import SimpleNamespace

import pytest

from clunyevent.logs import MaskTokens

TOKEN = "Zx9_yOAgbG9siN9qgOE8B_WXDTeCSHjjXNVy9jl1_1M"


def test_django_request_lines_are_masked(client, db):
    handler = next(
        h for h in logging.getLogger().handlers if any(isinstance(f, MaskTokens) for f in h.filters)
    )
    record = logging.LogRecord(
        "django.request",
        logging.WARNING,
        __file__,
        1,
        "Not Found: %s",
        (f"/inscription/{TOKEN}/",),
        None,
    )
    assert handler.filter(record)
    assert TOKEN not in record.getMessage()
    assert record.getMessage() == "Not Found: /inscription/[lien-personnel]/"


def test_gunicorn_access_log_masks_links():
    pytest.importorskip("gunicorn")
    from clunyevent.access_log import AccessLogger

    logger = AccessLogger(
        SimpleNamespace(
            **{
                "errorlog": "-",
                "loglevel": "info",
                "accesslog": None,
                "syslog": False,
                "capture_output": False,
                "logconfig": None,
                "logconfig_dict": {},
                "logconfig_json": None,
                "access_log_format": '%(h)s "%(r)s" %(s)s',
                "disable_redirect_access_to_syslog": False,
                "user": 0,
                "group": 0,
                "umask": 0,
            }
        )
    )
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": f"/appel-a-propositions/{TOKEN}/",
        "PATH_INFO": f"/appel-a-propositions/{TOKEN}/",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_REFERER": f"https://site.example/inscription/{TOKEN}/",
    }
    atoms = logger.atoms(
        SimpleNamespace(status="200 OK", sent=10, headers=[]),
        [("Referer", environ["HTTP_REFERER"])],
        environ,
        datetime.timedelta(0),
    )
    assert not any(TOKEN in str(value) for value in atoms.values())
    assert atoms["U"] == "/appel-a-propositions/[lien-personnel]/"
