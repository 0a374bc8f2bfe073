"""Security headers: Content-Security-Policy (django-csp) and Permissions-Policy.

The site runs no inline script: its policy allows scripts from its own origin
and, where a template needs one, an inline script carrying the request's nonce
(``<script nonce="{{ request.csp_nonce }}">``). Wagtail's admin and the API's
documentation pages (Swagger UI, Redoc) inject inline styles and some inline
scripts of their own, so their paths get a policy that allows those inline,
still from the site's own origin only.
"""

from csp.constants import SELF, UNSAFE_INLINE
from csp.middleware import CSPMiddleware

# Paths whose third-party pages need inline scripts and styles.
RELAXED_PREFIXES = ("/admin/", "/api/v1/docs/", "/api/v1/redoc/")
RELAXED = {
    "script-src": [SELF, UNSAFE_INLINE],
    "style-src": [SELF, UNSAFE_INLINE],
    "img-src": [SELF, "data:", "blob:"],
    "worker-src": [SELF, "blob:"],
}

PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in ("camera", "microphone", "geolocation", "payment", "usb", "browsing-topics", "interest-cohort")
)


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if request.path_info.startswith(RELAXED_PREFIXES):
            parts.replace = {**RELAXED, **(parts.replace or {})}
        return parts


class PermissionsPolicyMiddleware:
    """Nothing on the site needs a camera, microphone, location or payments: say so to the browser."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response
