from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.module_loading import import_string
from tqdm import tqdm

# Each step is idempotent: running the command twice leaves the same data.
DEMO_STEPS = [
    "cms_pages.demo.demo_users_load",
    "cms_pages.demo.demo_site_load",
    "registry.demo.demo_registry_load",
    "shop.demo.demo_shop_load",
    "cms_pages.demo.demo_content_load",
    # After the registry step: one project page per RegistryProject.
    "cms_pages.demo.demo_projects_load",
    # After the shop step: a few paid orders fulfilled, so the public cancellation history has rows.
    "shop.fulfilment.demo.demo_fulfilment_load",
    # Last: orders on both providers' offers in every state (awaiting, bank transfer, expired, failed).
    "shop.demo.demo_provider_orders_load",
]


class Command(BaseCommand):
    help = "Load the demo content, users and registry data (idempotent; never in production)."

    def handle(self, *args, **options):
        if not settings.DEMO_DATA_ALLOWED:
            raise CommandError("Demo data is disabled in these settings (DEMO_DATA_ALLOWED is False).")
        with tqdm(
            DEMO_STEPS, desc="demo data", unit="step", file=self.stderr._out, disable=options["verbosity"] == 0
        ) as steps:
            for path in steps:
                steps.set_postfix_str(path.rsplit(".", 1)[-1])
                import_string(path)()
        self.stdout.write(self.style.SUCCESS("Demo data loaded."))
