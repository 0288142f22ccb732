"""Provider workspace: refreshing holdings from the registry, provider settings, and staff resolution of failed lines."""
