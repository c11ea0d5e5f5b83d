"""Registering chains: a badly declared chain stops start-up instead of misbehaving later."""

import dataclasses

import pytest
from django.core.exceptions import ImproperlyConfigured

from tests.approvals.chains import ROUND_PLAN
from xunchar.approvals.chains import chain_for, chains_for_model, register, unregister


def test_the_test_chains_are_registered():
    assert chain_for("tests.round_plan") is ROUND_PLAN
    assert ROUND_PLAN in chains_for_model("rounds.round")


def test_an_unknown_chain_is_a_lookup_error():
    with pytest.raises(LookupError):
        chain_for("nowhere.nothing")


@pytest.mark.parametrize(
    "change",
    [
        {"steps": ()},
        {"steps": (ROUND_PLAN.steps[0], ROUND_PLAN.steps[0])},
        {"steps": (dataclasses.replace(ROUND_PLAN.steps[0], outcome="returned"),)},
        {"steps": (dataclasses.replace(ROUND_PLAN.steps[0], outcome="submitted"),)},
        {"steps": (dataclasses.replace(ROUND_PLAN.steps[0], outcome="ok"),)},
    ],
)
def test_a_badly_declared_chain_is_refused(change):
    chain = dataclasses.replace(ROUND_PLAN, code="tests.bad", **change)
    with pytest.raises(ImproperlyConfigured):
        register(chain)
    with pytest.raises(LookupError):
        chain_for("tests.bad")


def test_a_code_is_registered_once():
    with pytest.raises(ImproperlyConfigured):
        register(dataclasses.replace(ROUND_PLAN, label="另一个"))
    assert register(ROUND_PLAN) is ROUND_PLAN  # the same chain again is harmless
    chain = register(dataclasses.replace(ROUND_PLAN, code="tests.extra"))
    unregister(chain.code)
    with pytest.raises(LookupError):
        chain_for("tests.extra")
