"""Signals other apps connect to.

block_holding_reduced(sender=UnitBlock, block=<UnitBlock>, units_held=<int>, units_before=<int>)
    Sent by registry_sync, inside the account's database transaction, after a block's
    units_held went down (units left the account by another channel, or the block vanished
    from the holdings: units_held=0). The shop reduces any offer above units_held and tells staff.

block_eligibility_changed(sender=UnitBlock, block=<UnitBlock>, eligible=<bool>)
    Sent by registry_sync, inside the account's database transaction, after a block became
    ineligible for sale (not issued, share of proceeds unpaid, moved out of the pending or
    permanent holding account) or eligible again. The shop suspends or restores its offer.

demo_registry_wanted(sender=None)
    Sent by load_demo_data (registry.demo.demo_registry_load) when REGISTRY_URL is empty, before syncing
    the demo accounts. The embedded registry simulator (the simulators app, development and tests only)
    opens the demo accounts and issues the demo blocks.
"""

from django.dispatch import Signal

block_holding_reduced = Signal()
block_eligibility_changed = Signal()
demo_registry_wanted = Signal()
