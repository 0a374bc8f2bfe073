"""Authentication backends."""

from axes.backends import AxesStandaloneBackend


class LoginLimitBackend(AxesStandaloneBackend):
    """django-axes' lockout check for every log-in that comes from a client.

    Every log-in form and the API pass the request; a call without one (the
    shell, the test client's ``login``) comes from no client address and is
    left to the next backend instead of failing.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
