"""Stand-ins for the outside services, for development, tests and benchmarks: never part of the product.

- `simulators.registry`: the carbon registry's HTTP API (DESIGN.md section 6) with the registry's rules.
- `simulators.paypal`: PayPal's Orders v2 REST API, its approval page and signed webhooks.

The product reaches them only over HTTP, through REGISTRY_URL and the PayPal base URL. They run as their own
processes (`manage.py run_registry_simulator`, `run_paypal_simulator`), on threads the tests start, or embedded
in a development process on first use (simulators/apps.py). No module of the product imports this package
(tests/unit/test_simulators_apart.py).
"""
