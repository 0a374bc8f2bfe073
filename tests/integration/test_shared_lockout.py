"""Log-in failures counted by two separate processes add up: the counters live in Redis, not in a process.

Runs in CI's second run (PostgreSQL and Redis); each process is a fresh Python with CACHE_URL on Redis.
"""

import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.db import connection

from tests.factories import TEST_PASSWORD, UserFactory

pytestmark = [
    pytest.mark.skipif(not os.environ.get("COCAREER_WORKER_TESTS"), reason="needs the Redis and PostgreSQL of .ci/run"),
    pytest.mark.django_db(transaction=True),
]

BASE_DIR = Path(__file__).resolve().parents[2]
LOG_IN = """
import json, sys
import django
django.setup()
from django.test import Client
from django.test.utils import setup_test_environment
setup_test_environment()
username, password, times = sys.argv[1], sys.argv[2], int(sys.argv[3])
codes = [
    Client(REMOTE_ADDR=f"198.51.100.{n}").post(
        "/api/v1/auth/token/", {"username": username, "password": password}, content_type="application/json"
    ).status_code
    for n in range(times)
]
print(json.dumps(codes))
"""


def in_another_process(username: str, password: str, times: int) -> list[int]:
    settings = connection.settings_dict
    env = dict(
        os.environ,
        DJANGO_SETTINGS_MODULE="cms.settings.test",
        DATABASE_URL=f"postgres://{settings['USER']}@{settings['HOST']}:{settings['PORT']}/{settings['NAME']}",
        CACHE_URL=os.environ["CELERY_BROKER_URL"],  # CI's Redis, flushed at the start of the run
    )
    result = subprocess.run(
        [sys.executable, "-c", LOG_IN, username, password, str(times)],
        cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return [int(code) for code in result.stdout.strip().splitlines()[-1].strip("[]").split(",")]


def test_failures_in_two_processes_add_up_to_one_lockout():
    member = UserFactory(username=f"shared-lockout-{uuid.uuid4().hex[:8]}")
    assert in_another_process(member.username, "wrong", 6) == [400] * 6
    # The other process's six count here: the tenth failure in all locks the account...
    assert in_another_process(member.username, "wrong", 4) == [400, 400, 400, 429]
    # ...for a third process too, right password or not.
    assert in_another_process(member.username, TEST_PASSWORD, 1) == [429]
