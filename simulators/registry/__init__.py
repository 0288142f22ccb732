"""A registry simulator: an HTTP service speaking the registry API and enforcing the registry's rules."""
