"""Demo registry data: what the built-in simulator holds after `load_demo_data` (simulators/registry/demo.py).

Account numbers follow the CDM registry's "CDM-<account type>-<number>" form:
type 250 is a pending account (holdings the focal point for scope (a) manages),
type 300 a permanent holding account (PHA) of a project participant.
The shop maps its demo providers to these accounts.
"""

DEMO_PROVIDER_ACCOUNTS: dict[str, list[str]] = {
    # Provider A: focal point with CERs in the pending account, plus its own PHA.
    "provider-a": ["CDM-250-1001", "CDM-300-2001"],
    # Provider B: another project participant, also pending + PHA.
    "provider-b": ["CDM-250-1002", "CDM-300-2002"],
}

# The account each demo account number is, as the registry reports it.
DEMO_ACCOUNT_KINDS: dict[str, str] = {
    "CDM-250-1001": "pending",
    "CDM-300-2001": "permanent_holding",
    "CDM-250-1002": "pending",
    "CDM-300-2002": "permanent_holding",
}

# (reference, mechanism, title, host Party, sectoral scopes, methodology, project number for the DES serials)
DEMO_PROJECTS = [
    ("0008", "CDM", "Salvador da Bahia landfill gas management", "BR", [13], "ACM0001", 8),
    ("1234", "CDM", "Gansu Yumen 49.5 MW wind farm", "CN", [1], "ACM0002", 1234),
    ("2456", "CDM", "Kutch 50 MW solar photovoltaic power plant", "IN", [1], "ACM0002", 2456),
    ("0377", "CDM", "Methane capture at swine farms in Sonora and Jalisco", "MX", [13, 15], "AMS-III.D", 377),
    ("4567", "CDM", "Song Bung 6 hydropower project", "VN", [1], "ACM0002", 4567),
    ("7890", "CDM", "Efficient cookstoves for households in western Kenya", "KE", [3], "AMS-II.G", 7890),
    ("3012", "CDM", "Rice husk biomass cogeneration plant in Treinta y Tres", "UY", [1], "ACM0006", 3012),
    ("4120", "CDM", "Bethlehem small hydroelectric scheme", "ZA", [1], "AMS-I.D", 4120),
    ("5050", "CDM", "Biogas from cassava starch wastewater in Nakhon Ratchasima", "TH", [1, 13], "AMS-III.H", 5050),
    ("0672", "CDM", "TransMilenio bus rapid transit, Bogotá", "CO", [7], "ACM0016", 672),
    ("0410", "CDM", "Zafarana 80 MW wind power plant", "EG", [1], "ACM0002", 410),
    ("1100", "CDM", "Energy efficiency in artisanal brick kilns", "PE", [3, 4], "AMS-II.D", 1100),
    (
        "A6.4-0012",
        "A6.4",
        "Clean cookstoves for rural households in Ghana (transitioned from the CDM)",
        "GH",
        [3],
        "AMS-II.G",
        12,
    ),
]

# (block id, account, project reference, first unit, units, original CP, applicable CP, vintage, SoP paid)
DEMO_BLOCKS = [
    ("BR-0008-2011-A", "CDM-250-1001", "0008", 85316059, 132487, 1, 1, 2011, True),
    ("BR-0008-2012-A", "CDM-300-2001", "0008", 86100000, 45000, 1, 2, 2012, True),
    ("CN-1234-2014-A", "CDM-250-1001", "1234", 712000001, 98000, 2, 2, 2014, True),
    ("IN-2456-2016-A", "CDM-300-2001", "2456", 41500001, 60000, 2, 2, 2016, True),
    ("MX-0377-2010-A", "CDM-250-1001", "0377", 3100001, 25000, 1, 1, 2010, True),
    ("VN-4567-2015-A", "CDM-250-1001", "4567", 9800001, 70000, 2, 2, 2015, False),
    ("KE-7890-2019-A", "CDM-300-2001", "7890", 1200001, 15000, 2, 2, 2019, True),
    ("UY-3012-2013-A", "CDM-250-1002", "3012", 2200001, 40000, 2, 2, 2013, True),
    ("ZA-4120-2012-A", "CDM-250-1002", "4120", 600001, 12000, 1, 1, 2012, True),
    ("TH-5050-2017-A", "CDM-250-1002", "5050", 5400001, 33000, 2, 2, 2017, False),
    ("CO-0672-2012-A", "CDM-300-2002", "0672", 1750001, 80000, 1, 2, 2012, True),
    ("EG-0410-2012-A", "CDM-300-2002", "0410", 2900001, 55000, 1, 1, 2012, True),
    ("PE-1100-2018-A", "CDM-300-2002", "1100", 310001, 9000, 2, 2, 2018, True),
    ("CN-1234-2015-B", "CDM-300-2002", "1234", 712098001, 20000, 2, 2, 2015, False),
    ("GH-A64-0012-2024-A", "CDM-300-2002", "A6.4-0012", 1, 10000, 0, 0, 2024, True),
]

DEMO_ACCOUNT_HOLDERS = {
    "CDM-250-1001": "Focal point for scope (a): Ecosur Carbon Partners",
    "CDM-300-2001": "Ecosur Carbon Partners",
    "CDM-250-1002": "Focal point for scope (a): Andes Clean Energy Ltd.",
    "CDM-300-2002": "Andes Clean Energy Ltd.",
}


def demo_serials(*, project_number: int, party: str, first: int, units: int, periods: tuple[int, int], vintage: int):
    """The first and last serial of a demo block (A6.4ER form when the periods are 0)."""
    if periods == (0, 0):
        prefix = f"A6.4ER-{party}-{project_number}-{vintage}"
        return f"{prefix}-{first}", f"{prefix}-{first + units - 1}"
    tail = f"{periods[0]}-{periods[1]}-0-{project_number}"
    return f"{party}-5-{first}-{tail}", f"{party}-5-{first + units - 1}-{tail}"


def demo_accounts() -> list[str]:
    return [account for accounts in DEMO_PROVIDER_ACCOUNTS.values() for account in accounts]


def demo_registry_load():
    """load_demo_data step: ask the built-in registry for the demo holdings, then mirror them with registry_sync.

    With REGISTRY_URL set, the registry there is not seeded (start `run_registry_simulator --demo`
    for a separate simulator with these holdings); the demo accounts are synced from it.
    """
    from django.conf import settings

    from registry.services import registry_sync
    from registry.signals import demo_registry_wanted

    if not settings.REGISTRY_URL:
        # The embedded simulator (simulators app, development only) seeds itself; the product does not know it.
        demo_registry_wanted.send(sender=None)
    report = registry_sync(accounts=demo_accounts())
    if report.errors:
        import logging

        logging.getLogger(__name__).warning("demo registry sync: %s", report.errors)
    return report
