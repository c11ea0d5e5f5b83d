"""No admin: the on-site records change through their services only (like the other phase apps)."""
