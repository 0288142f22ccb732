"""gunicorn settings for production and `make bench`: `gunicorn -c config/gunicorn.conf.py config.wsgi`."""

import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
# Threads let a worker keep connections alive and overlap database and cache round trips.
worker_class = os.environ.get("GUNICORN_WORKER_CLASS", "gthread")
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", "5"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
accesslog = os.environ.get("GUNICORN_ACCESSLOG") or None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOGLEVEL", "warning")


def post_worker_init(worker):
    """Move the loaded application (modules, settings, URL patterns, templates) out of the garbage collector's
    view: its full collections then scan only per-request objects, which shortens their pauses."""
    import gc

    gc.collect()
    gc.freeze()
