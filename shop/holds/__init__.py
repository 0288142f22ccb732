"""Payment holds: a placed order reserves its CERs while the buyer pays by PayPal or card, for a limited time."""
