import os

import pytest

from tests.integration import worker


@pytest.fixture(scope="session", autouse=True)
def stop_worker_before_the_test_database_goes(django_db_setup):
    """Stop CI's worker at the end of the session, before pytest-django drops the test database it uses."""
    yield
    if os.environ.get("COCAREER_WORKER_TESTS"):
        worker.stop()
