import pytest
from django.core.management import CommandError, call_command


@pytest.mark.django_db
def test_run_periodic_jobs_runs_every_job_of_the_beat_schedule_once(settings, capsys):
    call_command("run_periodic_jobs")
    output = capsys.readouterr().out
    for name, entry in settings.CELERY_BEAT_SCHEDULE.items():
        assert f"{name}: {entry['task']} SUCCESS" in output


@pytest.mark.django_db
def test_run_periodic_jobs_reports_a_failed_job_and_still_runs_the_others(settings, capsys):
    settings.CELERY_BEAT_SCHEDULE = {
        "broken": {"task": "shop.fulfilment.tasks.fulfilment_requeue_task", "schedule": 60, "args": ("unexpected",)},
        "expiry": {"task": "shop.banktransfer.tasks.bank_transfer_expire_overdue_task", "schedule": 60},
    }
    with pytest.raises(CommandError, match="broken"):
        call_command("run_periodic_jobs")
    assert "expiry: shop.banktransfer.tasks.bank_transfer_expire_overdue_task SUCCESS" in capsys.readouterr().out


def test_run_periodic_jobs_refuses_an_unknown_job():
    with pytest.raises(CommandError, match="nope"):
        call_command("run_periodic_jobs", only=["nope"])
