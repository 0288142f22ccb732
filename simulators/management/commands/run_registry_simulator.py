from django.conf import settings
from django.core.management.base import BaseCommand

from simulators.registry.server import RegistrySimulator
from simulators.registry.state import FileStateStore, MemoryStateStore


class Command(BaseCommand):
    help = (
        "Serve the registry simulator (the registry HTTP API, with the registry's rules) until interrupted. "
        "Point the site at it with REGISTRY_URL=http://HOST:PORT."
    )

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8001)
        parser.add_argument(
            "--state",
            default=None,
            help="State file (default: settings.REGISTRY_SIMULATOR_STATE; an empty string keeps it in memory).",
        )
        parser.add_argument("--token", default=None, help="Bearer token to require (default: settings.REGISTRY_TOKEN).")
        parser.add_argument("--demo", action="store_true", help="Seed the demo accounts, projects and blocks first.")

    def handle(self, *args, host, port, state, token, demo, **options):
        path = settings.REGISTRY_SIMULATOR_STATE if state is None else state
        store = FileStateStore(path) if path else MemoryStateStore()
        simulator = RegistrySimulator(store=store, token=token or settings.REGISTRY_TOKEN, host=host, port=port)
        self.simulator = simulator  # tests stop it with self.simulator.httpd.shutdown()
        if demo:
            from simulators.registry.demo import demo_registry_seed

            demo_registry_seed(simulator.registry)
        self.stdout.write(f"Registry simulator on {simulator.url} (state: {path or 'memory'}). Ctrl-C to stop.")
        try:
            simulator.serve_forever()
        except KeyboardInterrupt:
            pass
        finally:
            simulator.httpd.server_close()
