"""factory-boy factories for the domain models."""

import datetime

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone

from groups.models import GroupMembership, Inspection, InspectionGroup
from rounds.models import Round
from xunchar.accounts.models import RoleGrant
from xunchar.registry.models import Cadre, CadrePost, CadreRelative, Unit

DEMO_PASSWORD = "Demo#2026"


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit

    name = factory.Sequence(lambda n: f"示例单位{n}")
    kind = Unit.Kind.DEPARTMENT


class CadreFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Cadre

    name = factory.Sequence(lambda n: f"干部{n}")
    gender = Cadre.Gender.MALE
    unit = factory.SubFactory(UnitFactory)
    post = "科员"
    rank = Cadre.Rank.STAFF


class CadrePostFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CadrePost

    cadre = factory.SubFactory(CadreFactory)
    unit = factory.SubFactory(UnitFactory)
    title = "科员"
    start_date = datetime.date(2018, 1, 1)


class CadreRelativeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CadreRelative

    cadre = factory.SubFactory(CadreFactory)
    relation = CadreRelative.Relation.SPOUSE
    name = factory.Sequence(lambda n: f"亲属{n}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    full_name = factory.LazyAttribute(lambda u: u.username)
    password = factory.django.Password(DEMO_PASSWORD)
    # The personas have changed their password already: tests of the forced change clear this.
    password_changed_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        for role in extracted or ():
            RoleGrant.objects.get_or_create(user=self, role=role)


class RoundFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Round

    year = 2026
    number = factory.Sequence(lambda n: n + 1)
    phase = Round.Phase.ON_SITE
    mobilization_date = datetime.date(2026, 10, 12)
    entry_date = datetime.date(2026, 10, 14)


class InspectionGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InspectionGroup

    round = factory.SubFactory(RoundFactory)
    number = factory.Sequence(lambda n: n + 1)
    entered_on = datetime.date(2026, 10, 14)


class GroupMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GroupMembership

    group = factory.SubFactory(InspectionGroupFactory)
    cadre = factory.SubFactory(CadreFactory)
    role = GroupMembership.RoundRole.MEMBER


class InspectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Inspection

    group = factory.SubFactory(InspectionGroupFactory)
    round = factory.SelfAttribute("group.round")
    unit = factory.SubFactory(UnitFactory)
