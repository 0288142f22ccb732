"""PayPal Orders v2 integration: gateway (SDK only), facade (business functions), models (log), simulator."""
