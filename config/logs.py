"""Structured logs: one line per request with its request id, carried on to the Celery tasks the request queues.

nginx sets X-Request-ID (deploy/nginx/cnn_proxy_params); without it (runserver, tests) the site makes one up.
The id is kept in a context variable for the request's thread, added to every log record by RequestIdFilter,
sent with each task as a message header, and set again around the task in the worker.
"""

from __future__ import annotations

import contextvars
import json
import logging
import re
import time
import uuid

request_id_var: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="-")
# What a client may send as its id: no spaces, quotes or newlines that would break a log line.
REQUEST_ID = re.compile(r"^[A-Za-z0-9._:-]{1,64}$")
TASK_HEADER = "request_id"

request_logger = logging.getLogger("cnn.request")
task_logger = logging.getLogger("cnn.task")


class RequestIdFilter(logging.Filter):
    """Adds record.request_id (the current request's or task's id, "-" outside either)."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_id_var.get()
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, request id, message, and the record's `extra` fields."""

    STANDARD = set(logging.LogRecord("", 0, "", 0, "", None, None).__dict__) | {"message", "asctime", "request_id"}

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S"),
            "level": record.levelname,
            "logger": record.name,
            "request_id": getattr(record, "request_id", request_id_var.get()),
            "message": record.getMessage(),
        }
        entry.update({key: value for key, value in record.__dict__.items() if key not in self.STANDARD})
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, default=str)


class RequestLogMiddleware:
    """First middleware: takes the request id, answers with it, and logs one line per request when done."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        supplied = request.META.get("HTTP_X_REQUEST_ID", "")
        request_id = supplied if REQUEST_ID.match(supplied) else uuid.uuid4().hex
        token = request_id_var.set(request_id)
        request.request_id = request_id
        started = time.monotonic()
        try:
            response = self.get_response(request)
            response["X-Request-ID"] = request_id
            user = getattr(request, "user", None)
            request_logger.info(
                "%s %s %s",
                request.method,
                request.path,
                response.status_code,
                extra={
                    "method": request.method,
                    "path": request.path,
                    "status": response.status_code,
                    "duration_ms": round((time.monotonic() - started) * 1000, 1),
                    "user_id": user.pk if user is not None and user.is_authenticated else None,
                },
            )
            return response
        finally:
            request_id_var.reset(token)


def task_headers_add(headers=None, **kwargs) -> None:
    """before_task_publish: a task queued while answering a request carries that request's id."""
    request_id = request_id_var.get()
    if headers is not None and request_id != "-":
        headers.setdefault(TASK_HEADER, request_id)


def task_request_id_set(task=None, task_id=None, **kwargs) -> None:
    """task_prerun: the worker logs the task's lines under the request id that queued it (else the task id)."""
    request_id = getattr(task.request, TASK_HEADER, None) if task is not None else None
    request_id_var.set(request_id or task_id or "-")
    task_logger.info("task %s started", getattr(task, "name", "?"), extra={"task": getattr(task, "name", "")})


def task_request_id_clear(task=None, state=None, **kwargs) -> None:
    """task_postrun: log the outcome, then forget the id so the next task does not inherit it."""
    task_logger.info(
        "task %s %s", getattr(task, "name", "?"), state or "done", extra={"task": getattr(task, "name", "")}
    )
    request_id_var.set("-")


def celery_handlers_format(logger=None, **kwargs) -> None:
    """after_setup_logger / after_setup_task_logger: Celery's own handlers add the request id too."""
    from django.conf import settings

    json_format = getattr(settings, "LOG_FORMAT", "text") == "json"
    for handler in getattr(logger, "handlers", []):
        handler.addFilter(RequestIdFilter())
        if json_format:
            handler.setFormatter(JsonFormatter())
