# The project package is `config`, not `site`: the standard library owns `site`.
from .celery import app as celery_app

__all__ = ("celery_app",)
