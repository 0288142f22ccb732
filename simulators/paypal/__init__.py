"""The PayPal REST simulator the real SDK talks to in PAYPAL_MODE=simulator (dev, tests, CI)."""
