import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def run_manage(*args, **env_overrides):
    env = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DJANGO_SETTINGS_MODULE", "ALLOWED_HOSTS"}}
    env.update(env_overrides)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def test_production_settings_refuse_to_start_without_secret_key():
    result = run_manage("check", DJANGO_SETTINGS_MODULE="config.settings.production", ALLOWED_HOSTS="example.org")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_settings_pass_check_deploy():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY="k2#Lq9vR!xW4zT7pN0sB6mF3hJ8cD5gY1aE-uV_oI@eQ%rZ+tests-only-8Hs2Kd",
        ALLOWED_HOSTS="offset.example.org",
        # Production refuses the PayPal simulator (issue 15): a real mode and credentials are required.
        PAYPAL_MODE="live",
        PAYPAL_CLIENT_ID="live-client",
        PAYPAL_CLIENT_SECRET="live-secret",
        PAYPAL_WEBHOOK_ID="WH-LIVE-1",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.django_db
def test_load_demo_data_is_refused_by_production_like_settings(settings):
    from django.core.management import CommandError, call_command

    settings.DEMO_DATA_ALLOWED = False
    with pytest.raises(CommandError):
        call_command("load_demo_data", verbosity=0)


def test_development_mail_is_written_under_var_mail():
    """Where the README tells developers to read the certificate emails, whatever the current directory."""
    code = "from django.conf import settings; print(settings.EMAIL_BACKEND); print(settings.EMAIL_FILE_PATH)"
    env = {k: v for k, v in os.environ.items() if k not in {"DJANGO_SETTINGS_MODULE", "EMAIL_URL"}}
    env["DJANGO_SETTINGS_MODULE"] = "config.settings.dev"
    result = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=ROOT / "templates",
        env={**env, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    backend, path = result.stdout.split()
    assert backend == "django.core.mail.backends.filebased.EmailBackend"
    assert path == str(ROOT / "var" / "mail")
