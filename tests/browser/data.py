"""The data a browser journey needs, built with the demo loaders on a small slice of the demo registry.

The whole demo (load_demo_data) takes about a minute here; a journey needs one or two projects.
Transactional tests commit for real, so wagtail-localize's publish-on-commit happens by itself.
"""

from registry.demo import DEMO_ACCOUNT_HOLDERS, DEMO_ACCOUNT_KINDS, DEMO_BLOCKS, DEMO_PROJECTS, demo_serials

# The demo blocks journeys use: a wind farm in a focal point's pending account, cookstoves in a PHA (provider A).
WIND_BLOCK = "CN-1234-2014-A"
COOKSTOVES_BLOCK = "KE-7890-2019-A"


def registry_seed(registry, *, block_ids: list[str]) -> None:
    """Open the demo accounts in the simulator and issue only these demo blocks (with their projects)."""
    blocks = [block for block in DEMO_BLOCKS if block[0] in block_ids]
    references = {block[2] for block in blocks}
    for account, kind in DEMO_ACCOUNT_KINDS.items():
        registry.account_open(number=account, kind=kind, holder=DEMO_ACCOUNT_HOLDERS[account])
    projects = {}
    for reference, mechanism, title, party, scopes, methodology, number in DEMO_PROJECTS:
        if reference in references:
            registry.project_register(
                reference=reference,
                mechanism=mechanism,
                title=title,
                host_country=party,
                sectoral_scopes=scopes,
                methodology=methodology,
            )
            projects[reference] = (party, number)
    for block_id, account, reference, first, units, original, applicable, vintage, sop_paid in blocks:
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


def registry_mirror() -> None:
    """What registry_sync does every 15 minutes: the demo accounts' holdings into UnitBlock."""
    from registry.demo import demo_accounts
    from registry.services import registry_sync

    report = registry_sync(accounts=demo_accounts())
    assert report.ok, report.errors


def site_with_offers_load(registry_simulator, *, block_ids: list[str]) -> None:
    """Demo users, the EN/FR/ES site, these blocks mirrored and on offer, and one project page for each project."""
    from cms_pages.demo import demo_projects_load, demo_site_load, demo_users_load
    from shop.demo import demo_shop_load

    demo_users_load()
    demo_site_load()
    registry_seed(registry_simulator.registry, block_ids=block_ids)
    registry_mirror()
    demo_shop_load()
    demo_projects_load()


def site_with_holdings_load(registry_simulator, *, block_ids: list[str]) -> None:
    """Demo users, the site and the providers, with these blocks held in the registry but not yet mirrored nor offered."""
    from cms_pages.demo import demo_site_load, demo_users_load
    from shop.demo import demo_shop_load

    demo_users_load()
    demo_site_load()
    registry_seed(registry_simulator.registry, block_ids=block_ids)
    # Providers mapped to their registry accounts; no block is mirrored yet, so none is offered.
    demo_shop_load()


def outbox_to(address: str) -> list:
    """Emails sent to this address (the live server runs in this process: the locmem outbox is shared)."""
    from django.core import mail

    return [message for message in mail.outbox if address in message.to]


def html_body(message) -> str:
    """The HTML alternative of an email."""
    return next(content for content, mimetype in message.alternatives if mimetype == "text/html")
