"""`make bench`: the production settings on loopback (plain HTTP), with their own collected static files."""

from .base import VAR_DIR
from .production import *  # noqa: F403

# collectstatic for the manifest storage writes here, not into the development var/static.
STATIC_ROOT = VAR_DIR / "bench" / "static"
