from django.conf import settings
from django.core.management.base import BaseCommand

from cms_pages.demo import DEMO_USERS
from shop.demo import DEMO_PROVIDER2_LOGIN


class Command(BaseCommand):
    help = "Print the demo users and their passwords (development settings only)."

    def handle(self, *args, **options):
        if not settings.DEMO_DATA_ALLOWED:
            return
        site = settings.SITE_URL
        self.stdout.write(self.style.SUCCESS(f"\nClimate Neutral Now is served at {site}/en/ (also /fr/ and /es/)."))
        self.stdout.write(f"CMS: {site}/cms/   Shop dashboard: {site}/en/shop/dashboard/\nDemo logins:")
        for username, email, password, role, *_ in DEMO_USERS:
            self.stdout.write(f"  {role:<24} {username:<12} {email:<28} password: {password}")
        username, email, password = DEMO_PROVIDER2_LOGIN
        self.stdout.write(f"  {'second provider':<24} {username:<12} {email:<28} password: {password}")
        self.stdout.write("")
