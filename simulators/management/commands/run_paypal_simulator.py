from django.core.management.base import BaseCommand

from simulators.paypal.server import serve_forever


class Command(BaseCommand):
    help = "Serve the PayPal Orders v2 simulator (set PAYPAL_SIMULATOR_URL to its URL in the site's environment)."

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8765)

    def handle(self, *args, host, port, **options):
        self.stdout.write(f"PayPal simulator on http://{host}:{port}/ (controls at /_simulator/)")
        serve_forever(host=host, port=port)
