from django.apps import AppConfig
from django.conf import settings
from django.utils.translation import gettext_lazy as _


class SimulatorsConfig(AppConfig):
    name = "simulators"
    verbose_name = _("Simulators (registry, PayPal)")

    def ready(self):
        # Production runs the simulators as processes of their own and names their URLs (scripts/production.py).
        if not settings.SIMULATORS_EMBEDDED:
            return
        from core.service_urls import PAYPAL, REGISTRY, service_fallback_register
        from registry.signals import demo_registry_wanted

        from .paypal.server import embedded_simulator_url as paypal_url
        from .registry.demo import embedded_registry_demo_seed
        from .registry.embedded import embedded_simulator_url as registry_url

        # Each starts its server on first use only: `migrate` or a test that never calls out starts none.
        service_fallback_register(REGISTRY, registry_url)
        service_fallback_register(PAYPAL, paypal_url)
        demo_registry_wanted.connect(embedded_registry_demo_seed, dispatch_uid="simulators-registry-demo")
