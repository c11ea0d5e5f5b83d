"""The standing (non-round) roles. Round roles — leader, deputy, liaison, member — live on group memberships."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    SECRETARY = "secretary", _("County party secretary (head of the leading group)")
    # 常务副组长: reviews the task allocation plan and may approve in the head's place (S01).
    LG_EXECUTIVE_DEPUTY = "lg_executive_deputy", _("Executive deputy head of the leading group")
    LG_DEPUTY = "lg_deputy", _("Deputy head of the leading group")
    LG_MEMBER = "lg_member", _("Member of the leading group")
    OFFICE_DIRECTOR = "office_director", _("Office director")
    OFFICE_STAFF = "office_staff", _("Office staff")
    RECEIVER_DISCIPLINE = "receiver_discipline", _("Receiver at the discipline commission")
    RECEIVER_ORGANIZATION = "receiver_organization", _("Receiver at the organization department")
    UNIT_CONTACT = "unit_contact", _("Contact at an inspected unit")
    # Separation of administrators (三员分立): no person holds two of these, nor any other role.
    SYSTEM_ADMIN = "system_admin", _("System administrator")
    SECURITY_ADMIN = "security_admin", _("Security administrator")
    AUDIT_ADMIN = "audit_admin", _("Audit administrator")


LEADERSHIP_ROLES = frozenset({Role.SECRETARY, Role.LG_EXECUTIVE_DEPUTY, Role.LG_DEPUTY, Role.LG_MEMBER})
OFFICE_ROLES = frozenset({Role.OFFICE_DIRECTOR, Role.OFFICE_STAFF})
RECEIVER_ROLES = frozenset({Role.RECEIVER_DISCIPLINE, Role.RECEIVER_ORGANIZATION})
ADMIN_ROLES = frozenset({Role.SYSTEM_ADMIN, Role.SECURITY_ADMIN, Role.AUDIT_ADMIN})
