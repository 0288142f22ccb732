"""Demo registry data: what the built-in simulator holds after `load_demo_data`.

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
