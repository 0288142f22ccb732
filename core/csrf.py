"""Cached HTML shared by many visitors must never carry one visitor's CSRF token: its forms hold a placeholder in
the cache and each visitor gets their own token (and, through get_token, the matching cookie) when it is served."""

from __future__ import annotations

import re

from django.middleware.csrf import get_token

# Rendering a template with {"csrf_token": CSRF_PLACEHOLDER} puts it where {% csrf_token %} puts the token.
CSRF_PLACEHOLDER = "__csrf_token_placeholder__"
_PLACEHOLDER = CSRF_PLACEHOLDER.encode()
# Django's {% csrf_token %} input.
_CSRF_INPUT = re.compile(rb'(<input type="hidden" name="csrfmiddlewaretoken" value=")[^"]*(")')


def csrf_token_strip(content: bytes) -> bytes:
    """The rendered HTML with every form's CSRF token replaced by the placeholder: safe to share from a cache."""
    return _CSRF_INPUT.sub(rb"\g<1>" + _PLACEHOLDER + rb"\g<2>", content)


def csrf_token_fill(content: str | bytes, request) -> str | bytes:
    """Cached HTML with this visitor's CSRF token in place of the placeholder (nothing to do without one)."""
    if isinstance(content, str):
        return content.replace(CSRF_PLACEHOLDER, get_token(request)) if CSRF_PLACEHOLDER in content else content
    return content.replace(_PLACEHOLDER, get_token(request).encode()) if _PLACEHOLDER in content else content


def csrf_token_refresh(content: bytes, request) -> bytes:
    """Every CSRF input of the page carries this visitor's token, whatever was rendered or cached into it (a page
    assembled from cached fragments)."""
    if b'name="csrfmiddlewaretoken"' not in content:
        return content
    return csrf_token_fill(csrf_token_strip(content), request)


def csrf_placeholder_in(content: str | bytes) -> bool:
    return (CSRF_PLACEHOLDER if isinstance(content, str) else _PLACEHOLDER) in content


__all__ = ["CSRF_PLACEHOLDER", "csrf_placeholder_in", "csrf_token_fill", "csrf_token_refresh", "csrf_token_strip"]
