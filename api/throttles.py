"""Throttles: writes per person, log-in attempts per address. A throttled request gets 429 with Retry-After."""

from rest_framework.throttling import SimpleRateThrottle, UserRateThrottle

from cms.client_ip import client_ip


class WriteThrottle(UserRateThrottle):
    """Writes (POST, PUT, PATCH, DELETE) per signed-in person; reads are not limited here."""

    scope = "writes"

    def allow_request(self, request, view):
        if request.method in ("GET", "HEAD", "OPTIONS"):
            return True
        return super().allow_request(request, view)


class LoginThrottle(SimpleRateThrottle):
    """Log-in attempts per client address, so passwords cannot be guessed quickly.

    The address comes from the trusted proxies only: a client rotating X-Forwarded-For stays one client.
    """

    scope = "login"

    def get_ident(self, request):
        return client_ip(request)

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}
