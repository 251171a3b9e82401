"""gunicorn's logger, with personal links masked in every field of the access log (named in
gunicorn.conf.py; apart from clunyevent/logs.py so that the site never imports gunicorn)."""

from gunicorn.glogging import Logger

from .logs import mask


class AccessLogger(Logger):
    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        return {
            key: mask(value) if isinstance(value, str) else value for key, value in atoms.items()
        }
