"""Thin receivers: each calls one service."""

from shop.services import offer_eligibility_follow, offer_holding_reduce


def block_holding_reduced_receiver(sender, block=None, **kwargs):
    if block is None and isinstance(kwargs.get("instance"), object):
        block = kwargs.get("instance")
    if block is not None:
        offer_holding_reduce(block=block)


def block_eligibility_changed_receiver(sender, block=None, **kwargs):
    if block is not None:
        offer_eligibility_follow(block=block)
