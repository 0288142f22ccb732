from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from registry.selectors import accounts_to_sync
from registry.services import registry_sync


class Command(BaseCommand):
    help = (
        "Pull the holdings of registry accounts into the local mirror (UnitBlock) and report what changed. "
        "By default: every account already mirrored, plus settings.REGISTRY_SYNC_ACCOUNTS."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--account", action="append", dest="accounts", default=None, help="An account to sync (repeatable)."
        )

    def handle(self, *args, accounts, verbosity, **options):
        accounts = accounts or accounts_to_sync()
        if not accounts:
            self.stdout.write("No registry accounts to sync.")
            return
        with tqdm(
            total=len(accounts), desc="registry sync", unit="account", file=self.stderr._out, disable=verbosity == 0
        ) as bar:
            report = registry_sync(accounts=accounts, progress=lambda account: bar.update(1))
        for block_id in report.created:
            self.stdout.write(f"  new      {block_id}")
        for reduction in report.reduced:
            self.stdout.write(
                self.style.WARNING(
                    f"  reduced  {reduction.block_id} ({reduction.account}): "
                    f"{reduction.units_before} -> {reduction.units_held} units"
                )
            )
        for block_id in sorted(set(report.updated) - {r.block_id for r in report.reduced}):
            self.stdout.write(f"  updated  {block_id}")
        for account, error in report.errors.items():
            self.stderr.write(self.style.ERROR(f"  failed   {account}: {error}"))
        self.stdout.write(report.summary())
        if report.errors:
            raise CommandError(f"{len(report.errors)} account(s) could not be synced.")
