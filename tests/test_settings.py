"""Settings come from the environment; production refuses to start unsafe."""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent

PRINT_SETTINGS = (
    "import django, json; django.setup(); from django.conf import settings; "
    "db = settings.DATABASES['default']; "
    "print(json.dumps({'engine': db['ENGINE'], 'name': str(db['NAME']), 'host': db.get('HOST', ''), "
    "'user': db.get('USER', ''), 'eager': settings.CELERY_TASK_ALWAYS_EAGER, "
    "'broker': settings.CELERY_BROKER_URL, 'debug': settings.DEBUG, "
    "'email': settings.EMAIL_BACKEND}))"
)


def run_python(code_or_args, *, settings_module="cms.settings.dev", **env_overrides):
    env = {
        key: value
        for key, value in os.environ.items()
        if key
        not in {"DATABASE_URL", "CELERY_BROKER_URL", "CACHE_URL", "TRUSTED_PROXY_COUNT", "SECRET_KEY", "DEBUG", "ALLOWED_HOSTS", "EMAIL_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    env["DJANGO_SETTINGS_MODULE"] = settings_module
    env.update(env_overrides)
    args = ["-c", code_or_args] if isinstance(code_or_args, str) else code_or_args
    return subprocess.run(
        [sys.executable, *args], cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=120
    )


def settings_for(**env) -> dict:
    result = run_python(PRINT_SETTINGS, **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_default_is_an_sqlite_file_in_the_data_folder_with_eager_tasks(tmp_path):
    seen = settings_for(DATA_DIR=str(tmp_path))
    assert seen["engine"] == "django.db.backends.sqlite3"
    assert seen["name"] == str(tmp_path / "db.sqlite3")
    assert seen["eager"] is True
    assert seen["broker"] == "memory://localhost/"
    assert seen["email"] == "django.core.mail.backends.console.EmailBackend"


def test_database_url_selects_postgresql():
    seen = settings_for(DATABASE_URL="postgres://postgres@127.0.0.1:5432/community")
    assert seen["engine"] == "django.db.backends.postgresql"
    assert (seen["name"], seen["host"], seen["user"]) == ("community", "127.0.0.1", "postgres")


def test_a_broker_url_turns_off_eager_tasks():
    seen = settings_for(CELERY_BROKER_URL="redis://127.0.0.1:6379/0")
    assert seen["eager"] is False
    assert seen["broker"] == "redis://127.0.0.1:6379/0"


def test_email_url_selects_smtp():
    seen = settings_for(EMAIL_URL="smtp+tls://mailer:secret@smtp.example.org:587")
    assert seen["email"] == "django.core.mail.backends.smtp.EmailBackend"


def test_development_runs_without_a_secret_key_only_while_debugging():
    assert settings_for()["debug"] is True
    result = run_python(PRINT_SETTINGS, DEBUG="false")
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def production_env(**overrides):
    env = {
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "community.example.org",
        "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/community",
        "CELERY_BROKER_URL": "redis://127.0.0.1:6379/0",
        "CACHE_URL": "redis://127.0.0.1:6379/1",
    }
    env.update(overrides)
    return env


def test_production_refuses_to_start_without_a_secret_key():
    env = production_env()
    del env["SECRET_KEY"]
    result = run_python(PRINT_SETTINGS, settings_module="cms.settings.production", **env)
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    env = production_env()
    del env["ALLOWED_HOSTS"]
    result = run_python(PRINT_SETTINGS, settings_module="cms.settings.production", **env)
    assert result.returncode != 0
    assert "ALLOWED_HOSTS is not set" in result.stderr


def test_production_settings_pass_check_deploy_without_warnings():
    result = run_python(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        settings_module="cms.settings.production",
        **production_env(),
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout
    assert settings_for_production_debug() is False


def settings_for_production_debug() -> bool:
    result = run_python(PRINT_SETTINGS, settings_module="cms.settings.production", **production_env(DEBUG="true"))
    assert result.returncode == 0, result.stderr
    # DEBUG in the environment never turns debugging on in production.
    return json.loads(result.stdout.strip().splitlines()[-1])["debug"]
