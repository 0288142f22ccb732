"""Mounted at /api/v1/ outside the language prefixes; every URL gets CORS and HEAD/OPTIONS handling."""

from django.urls import path, re_path

from api.api import api
from api.views import api_docs, api_http, api_not_found

_ninja_patterns, _app_name, _namespace = api.urls
app_name = "api"
for _pattern in _ninja_patterns:
    _pattern.callback = api_http(_pattern.callback)

urlpatterns = [
    *_ninja_patterns,
    path("docs/", api_http(api_docs), name="docs"),
    re_path(r"^.*$", api_http(api_not_found)),
]
