"""The demo holdings (registry/demo.py) issued into a simulated registry: `run_registry_simulator --demo`,
and the embedded simulator when `load_demo_data` asks for them."""

from registry.demo import DEMO_ACCOUNT_HOLDERS, DEMO_ACCOUNT_KINDS, DEMO_BLOCKS, DEMO_PROJECTS, demo_serials


def demo_registry_seed(registry) -> None:
    """Open the demo accounts, register the projects and issue the blocks (idempotent)."""
    for account, kind in DEMO_ACCOUNT_KINDS.items():
        registry.account_open(number=account, kind=kind, holder=DEMO_ACCOUNT_HOLDERS[account])
    projects = {}
    for reference, mechanism, title, party, scopes, methodology, number in DEMO_PROJECTS:
        registry.project_register(
            reference=reference,
            mechanism=mechanism,
            title=title,
            host_country=party,
            sectoral_scopes=scopes,
            methodology=methodology,
        )
        projects[reference] = (party, number)
    for block_id, account, reference, first, units, original, applicable, vintage, sop_paid in DEMO_BLOCKS:
        party, number = projects[reference]
        start, end = demo_serials(
            project_number=number,
            party=party,
            first=first,
            units=units,
            periods=(original, applicable),
            vintage=vintage,
        )
        registry.block_issue(
            block_id=block_id,
            account=account,
            project=reference,
            serial_start=start,
            serial_end=end,
            vintage=vintage,
            share_of_proceeds_paid=sop_paid,
        )


def embedded_registry_demo_seed(sender=None, **kwargs) -> None:
    """Receiver of registry.signals.demo_registry_wanted: seed the embedded simulator's state (its file, if any)."""
    from .embedded import embedded_simulator_allowed, embedded_store
    from .registry import SimulatedRegistry

    if embedded_simulator_allowed():
        demo_registry_seed(SimulatedRegistry(embedded_store()))
