"""Signals other apps connect to.

block_holding_reduced(sender=UnitBlock, block=<UnitBlock>, units_held=<int>, units_before=<int>)
    Sent by registry_sync, inside the account's database transaction, after a block's
    units_held went down (units left the account by another channel, or the block vanished
    from the holdings: units_held=0). The shop reduces any offer above units_held and tells staff.
"""

from django.dispatch import Signal

block_holding_reduced = Signal()
