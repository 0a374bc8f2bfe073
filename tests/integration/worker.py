"""Start and stop the real Celery worker that CI's second run uses (``.ci/run`` and the tests share this).

    python -m tests.integration.worker start DATABASE_URL
    python -m tests.integration.worker stop

The worker runs in its own process group, so a test can kill it, children and all, with SIGKILL.
"""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[2]
PIDFILE = Path(os.environ.get("COCAREER_WORKER_PIDFILE", "/tmp/cocareer-ci-worker.pid"))
LOGFILE = Path(os.environ.get("COCAREER_WORKER_LOGFILE", "/tmp/cocareer-ci-worker.log"))


def start(database_url: str) -> int:
    env = dict(os.environ, DATABASE_URL=database_url, DJANGO_SETTINGS_MODULE="cms.settings.test", CONN_MAX_AGE="0")
    log = LOGFILE.open("a")
    process = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "cms", "worker", "--loglevel=WARNING", "--concurrency=2",
         "-Q", "urgent,notifications,email,maintenance,celery", "--without-gossip", "--without-mingle"],
        cwd=BASE_DIR,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    PIDFILE.write_text(str(process.pid))
    return process.pid


def _alive(pid: int) -> bool:
    try:
        os.killpg(pid, 0)
    except ProcessLookupError:
        return False
    return True


def stop(sig: int = signal.SIGTERM, timeout: float = 30) -> None:
    if not PIDFILE.exists():
        return
    pid = int(PIDFILE.read_text())
    if _alive(pid):
        os.killpg(pid, sig)
        deadline = time.monotonic() + timeout
        while _alive(pid) and time.monotonic() < deadline:
            time.sleep(0.2)
        if _alive(pid):
            os.killpg(pid, signal.SIGKILL)
    PIDFILE.unlink(missing_ok=True)


def wait_until_ready(timeout: float = 60) -> None:
    """Block until a worker answers a ping on the broker."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.test")
    from cms.celery import app

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if app.control.ping(timeout=1.0):
            return
    raise TimeoutError(f"No Celery worker answered within {timeout} s; see {LOGFILE}")


if __name__ == "__main__":
    command = sys.argv[1]
    if command == "start":
        start(sys.argv[2])
        wait_until_ready()
        print(f"Celery worker started (process group {PIDFILE.read_text()}), log: {LOGFILE}")
    elif command == "stop":
        stop()
        print("Celery worker stopped")
    else:
        raise SystemExit("usage: python -m tests.integration.worker start DATABASE_URL | stop")
