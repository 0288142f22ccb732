"""The API's URLs alone, as a root URLconf: what LocaleMiddleware sees for API requests (see views.api_http)."""

from django.urls import include, path

urlpatterns = [path("api/v1/", include("api.urls"))]
