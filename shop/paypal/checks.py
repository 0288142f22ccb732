"""Deploy checks of the PayPal settings: a production site must talk to PayPal, not to the built-in simulator."""

from django.conf import settings
from django.core.checks import Error, Tags, register

REAL_MODES = ("sandbox", "live")
CREDENTIALS = ("PAYPAL_CLIENT_ID", "PAYPAL_CLIENT_SECRET", "PAYPAL_WEBHOOK_ID")


def paypal_settings_problems(values: dict) -> list[str]:
    """What is wrong with these PayPal settings for a deployed site (empty: nothing)."""
    problems = []
    if values.get("PAYPAL_MODE") not in REAL_MODES:
        problems.append(
            f"PAYPAL_MODE is {values.get('PAYPAL_MODE')!r}: a deployed site must use 'sandbox' or 'live', "
            "never the built-in simulator (its secret is public)."
        )
    for name in CREDENTIALS:
        value = values.get(name) or ""
        if not value or value.startswith("simulator-"):
            problems.append(f"{name} must be set to your PayPal app's value.")
    return problems


@register(Tags.security, deploy=True)
def paypal_deploy_check(app_configs, **kwargs):
    values = {name: getattr(settings, name, "") for name in ("PAYPAL_MODE", *CREDENTIALS)}
    return [
        Error(problem, hint="Set it in the environment (see .env.example).", id="paypal.E001")
        for problem in paypal_settings_problems(values)
    ]
