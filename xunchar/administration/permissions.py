"""Who may use the administrators' tools (三员分立): each tool belongs to exactly one role.

The case-material predicates in `xunchar.access.policy` look only at office, leadership, group,
receiver and unit-contact standing, so none of these roles opens any case material; and
`AdministratorScopeMiddleware` keeps an administrator to these tools. The superuser flag counts
for nothing here either.
"""

from xunchar.accounts.roles import ADMIN_ROLES, Role


def _holds(user, role: str) -> bool:
    return bool(user and user.is_authenticated and user.is_active and user.has_role(role))


def can_manage_accounts(user) -> bool:
    """System administrator: creates, edits, disables and enables accounts; ends their sessions."""
    return _holds(user, Role.SYSTEM_ADMIN)


def can_manage_roles(user) -> bool:
    """Security administrator: grants and revokes standing roles."""
    return _holds(user, Role.SECURITY_ADMIN)


def can_read_audit_log(user) -> bool:
    """Audit administrator: reads, searches and exports the audit log."""
    return _holds(user, Role.AUDIT_ADMIN)


def administrator_role(user) -> str | None:
    """The administrator role the user holds (a person holds at most one), or None."""
    if not (user and user.is_authenticated and user.is_active):
        return None
    held = user.roles & ADMIN_ROLES
    return Role(next(iter(held))).value if held else None
