"""Shared fixtures: a small county with the demo personas, built with factories.

`county` gives the same people as the demo county's accounts (office, leader1, member2 …) in one
round with two groups, so that tests read like the procedure.
"""

import datetime
import os
from types import SimpleNamespace

import pytest

from groups.models import GroupMembership
from xunchar.accounts.roles import Role

from .factories import (
    CadreFactory,
    GroupMembershipFactory,
    InspectionFactory,
    InspectionGroupFactory,
    RoundFactory,
    UnitFactory,
    UserFactory,
)

REQUIRE_SERVICES = os.environ.get("REQUIRE_SERVICES") == "1"


@pytest.fixture(autouse=True, scope="session")
def _fast_password_hashing():
    """Hashing every persona's password with the production hasher costs seconds per test."""
    from django.conf import settings

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _audit_log_emptied_after_transactional_tests(request):
    """Every sign-in writes to the audit log. Between transactional tests the runner empties the
    tables with DELETE on SQLite, which the append-only trigger refuses (PostgreSQL's TRUNCATE is
    not a row delete): lift the guard for that one clean-up and put it back."""
    marker = request.node.get_closest_marker("django_db")
    transactional = bool(marker and marker.kwargs.get("transaction")) or "transactional_db" in request.fixturenames
    if not transactional:
        yield
        return
    request.getfixturevalue("transactional_db")  # set up first, so torn down after the clean-up below
    yield
    from importlib import import_module

    from django.db import connection

    if connection.vendor == "sqlite":
        append_only = import_module("xunchar.audit.migrations.0002_append_only")
        with connection.cursor() as cursor:
            for statement in append_only.SQLITE_REVERSE:
                cursor.execute(statement)
            cursor.execute("DELETE FROM audit_auditevent")
            for statement in append_only.SQLITE:
                cursor.execute(statement)
            # Approval versions and decisions are immutable in the same way.
            immutable = import_module("xunchar.approvals.migrations.0002_immutable_versions_and_decisions")
            for statement in immutable.SQLITE_REVERSE:
                cursor.execute(statement)
            cursor.execute("DELETE FROM approvals_approvaldecision")
            cursor.execute("DELETE FROM approvals_approvalversion")
            for statement in immutable.SQLITE:
                cursor.execute(statement)


@pytest.fixture(autouse=True, scope="session")
def _approval_test_chains():
    """Two approval chains over today's models (tests/approvals/chains.py), registered for the session."""
    from xunchar.approvals.chains import register, unregister

    from .approvals.chains import TEST_CHAINS

    for chain in TEST_CHAINS:
        register(chain)
    yield
    for chain in TEST_CHAINS:
        unregister(chain.code)


def skip_or_fail(reason: str):
    """Skip a test whose service is missing — or fail it when CI says the services must be there."""
    if REQUIRE_SERVICES:
        pytest.fail(f"REQUIRE_SERVICES=1 but {reason}")
    pytest.skip(reason)


STANDING = {
    "secretary": [Role.SECRETARY],
    "deputy": [Role.LG_EXECUTIVE_DEPUTY],
    "director": [Role.OFFICE_DIRECTOR],
    "office": [Role.OFFICE_STAFF],
    "jiwei": [Role.RECEIVER_DISCIPLINE],
    "zuzhibu": [Role.RECEIVER_ORGANIZATION],
}
ROUND_PEOPLE = {
    "leader1": (1, GroupMembership.RoundRole.LEADER),
    "deputy1": (1, GroupMembership.RoundRole.DEPUTY),
    "liaison1": (1, GroupMembership.RoundRole.LIAISON),
    "member1": (1, GroupMembership.RoundRole.MEMBER),
    "leader2": (2, GroupMembership.RoundRole.LEADER),
    "liaison2": (2, GroupMembership.RoundRole.LIAISON),
    "member2": (2, GroupMembership.RoundRole.MEMBER),
}
# Separation of administrators (三员分立): one role each, no cadre, no unit, nothing else.
ADMINISTRATORS = {
    "sysadmin": Role.SYSTEM_ADMIN,
    "secadmin": Role.SECURITY_ADMIN,
    "auditor": Role.AUDIT_ADMIN,
}
PERSONAS = [*STANDING, *ROUND_PEOPLE, "unit1", *ADMINISTRATORS]


@pytest.fixture
def county(db):
    """A round on site: group 1 inspects unit A, group 2 (withdrawn) inspects unit B."""
    return make_county()


def make_county():
    """The `county` fixture's body, for module-scoped worlds built once (tests/access)."""
    round_ = RoundFactory(year=2026, number=2)
    group1 = InspectionGroupFactory(round=round_, number=1, entered_on=datetime.date(2026, 10, 14))
    group2 = InspectionGroupFactory(
        round=round_, number=2, entered_on=datetime.date(2026, 10, 14), withdrawn_on=datetime.date(2026, 11, 20)
    )
    unit_a = UnitFactory(name="示例县财政局")
    unit_b = UnitFactory(name="示例县教育局")
    inspection1 = InspectionFactory(group=group1, unit=unit_a)
    inspection2 = InspectionFactory(group=group2, unit=unit_b)
    users = {}
    for username, roles in STANDING.items():
        users[username] = UserFactory(username=username, roles=roles, cadre=CadreFactory())
    for username, (number, role) in ROUND_PEOPLE.items():
        cadre = CadreFactory()
        GroupMembershipFactory(group=group1 if number == 1 else group2, cadre=cadre, role=role)
        users[username] = UserFactory(username=username, cadre=cadre)
    users["unit1"] = UserFactory(username="unit1", roles=[Role.UNIT_CONTACT], contact_unit=unit_a)
    for username, role in ADMINISTRATORS.items():
        users[username] = UserFactory(username=username, roles=[role])
    # Preparation records (rounds/prep_models.py): meeting, notices, training, briefings, speeches.
    from tests.rounds.records import preparation_records

    prep = preparation_records(round_, group1, group2, inspection1, inspection2, users)
    county = SimpleNamespace(
        round=round_, group1=group1, group2=group2, unit_a=unit_a, unit_b=unit_b,
        inspection1=inspection1, inspection2=inspection2, users=users, **users, **prep,
    )
    from tests.groups.records import add_group1_preparation

    add_group1_preparation(county)  # a meeting, a filed work plan, a note, a focus item, a self-report
    return county
