# Read by gunicorn from the project's folder (its default configuration file): the access log,
# when turned on (--access-logfile), never shows a personal link in clear.
logger_class = "clunyevent.access_log.AccessLogger"
