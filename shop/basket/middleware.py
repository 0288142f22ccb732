from django.conf import settings
from oscar.apps.basket.middleware import BasketMiddleware as OscarBasketMiddleware


class BasketMiddleware(OscarBasketMiddleware):
    """Oscar's basket middleware, with a SameSite attribute on the basket cookie (Oscar sets Secure and HttpOnly only)."""

    def process_response(self, request, response):
        response = super().process_response(request, response)
        cookie = response.cookies.get(self.get_cookie_key(request))
        if cookie is not None:
            cookie["samesite"] = settings.OSCAR_BASKET_COOKIE_SAMESITE
        return response
