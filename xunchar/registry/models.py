"""Registries the whole procedure draws on: the county's units and its cadre pool."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from xunchar.access import policy


class UnitQuerySet(models.QuerySet):
    def visible_to(self, user):
        return policy.units_visible_to(self, user)


class CadreQuerySet(models.QuerySet):
    def visible_to(self, user):
        return policy.cadres_visible_to(self, user)


class Unit(models.Model):
    """A party organization the county may inspect (被巡察单位)."""

    class Kind(models.TextChoices):
        DEPARTMENT = "department", _("County department")
        TOWNSHIP = "township", _("Township")
        SCHOOL = "school", _("School")
        HOSPITAL = "hospital", _("Hospital")
        ENTERPRISE = "enterprise", _("State-owned enterprise")
        INSTITUTION = "institution", _("Public institution")
        VILLAGE = "village", _("Village or community")
        OTHER = "other", _("Other")

    class Function(models.TextChoices):
        """What a unit does for the inspection work: who seconds staff (S01), who briefs the
        groups (S04), whose cadres' petitions go sealed to the leading group (S13)."""

        NONE = "", _("—")
        DISCIPLINE_COMMISSION = "discipline_commission", _("Discipline commission")
        ORGANIZATION_DEPARTMENT = "organization_department", _("Organization department")
        INSPECTION_OFFICE = "inspection_office", _("Inspection office")
        AUDIT = "audit", _("Audit bureau")
        PETITION = "petition", _("Petition bureau")
        PROPAGANDA = "propaganda", _("Propaganda department")
        EDUCATION = "education", _("Education bureau")
        DEVELOPMENT_REFORM = "development_reform", _("Development and reform bureau")
        FINANCE = "finance", _("Finance bureau")
        # The county's four leadership bodies, the court and the procuratorate: their leaders' items
        # are direct-delivery items (径送件, S13.2).
        PARTY_COMMITTEE = "party_committee", _("County party committee")
        PEOPLES_CONGRESS = "peoples_congress", _("County people's congress")
        GOVERNMENT = "government", _("County government")
        CPPCC = "cppcc", _("County CPPCC")
        COURT = "court", _("County court")
        PROCURATORATE = "procuratorate", _("County procuratorate")

    name = models.CharField(_("name"), max_length=100, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    function = models.CharField(_("role in the inspection work"), max_length=30, choices=Function.choices, default="", blank=True)
    supervising_department = models.ForeignKey(
        "self",
        verbose_name=_("supervising department"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="supervised_units",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    is_active = models.BooleanField(_("active"), default=True)
    history = HistoricalRecords()

    objects = UnitQuerySet.as_manager()

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Cadre(models.Model):
    """A person in the cadre pool (干部/人才库)."""

    class Gender(models.TextChoices):
        MALE = "M", _("male")
        FEMALE = "F", _("female")

    class Rank(models.TextChoices):
        COUNTY_PRINCIPAL = "county_principal", _("County level, principal")
        COUNTY_DEPUTY = "county_deputy", _("County level, deputy")
        SECTION_PRINCIPAL = "section_principal", _("Section level, principal")
        SECTION_DEPUTY = "section_deputy", _("Section level, deputy")
        CLERK_PRINCIPAL = "clerk_principal", _("Principal clerk")
        CLERK_DEPUTY = "clerk_deputy", _("Deputy principal clerk")
        STAFF = "staff", _("Staff")
        OTHER = "other", _("Other")

    name = models.CharField(_("full name"), max_length=50)
    gender = models.CharField(_("gender"), max_length=1, choices=Gender.choices)
    birth_date = models.DateField(_("date of birth"), null=True, blank=True)
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("current unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cadres",
    )
    post = models.CharField(_("current post"), max_length=100, blank=True)
    rank = models.CharField(_("rank"), max_length=20, choices=Rank.choices)
    is_county_managed = models.BooleanField(_("county-managed cadre"), default=False)
    is_retired = models.BooleanField(_("retired"), default=False)
    history = HistoricalRecords()

    objects = CadreQuerySet.as_manager()

    class Meta:
        verbose_name = _("cadre")
        verbose_name_plural = _("cadres")
        ordering = ["name", "id"]
        indexes = [models.Index(fields=["name"], name="registry_cadre_name_idx")]

    def __str__(self):
        return self.name


class CadrePost(models.Model):
    """A post a cadre held, with its dates (current posts included)."""

    cadre = models.ForeignKey(Cadre, verbose_name=_("cadre"), on_delete=models.CASCADE, related_name="posts")
    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("post"), max_length=100)
    start_date = models.DateField(_("from"))
    end_date = models.DateField(_("until"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("post held")
        verbose_name_plural = _("posts held")
        ordering = ["cadre", "-start_date"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True) | models.Q(end_date__gte=models.F("start_date")),
                name="%(app_label)s_%(class)s_end_after_start",
                violation_error_message=_("The end date cannot be before the start date."),
            ),
        ]

    def __str__(self):
        return f"{self.cadre} · {self.unit} · {self.title}"


class CadreRelative(models.Model):
    """A close relative of a cadre, kept for recusal checks."""

    class Relation(models.TextChoices):
        SPOUSE = "spouse", _("spouse")
        CHILD = "child", _("child")
        PARENT = "parent", _("parent")
        SIBLING = "sibling", _("sibling")
        CHILD_IN_LAW = "child_in_law", _("child-in-law")
        PARENT_IN_LAW = "parent_in_law", _("parent-in-law")
        OTHER = "other", _("other close relative")

    cadre = models.ForeignKey(Cadre, verbose_name=_("cadre"), on_delete=models.CASCADE, related_name="relatives")
    relation = models.CharField(_("relation"), max_length=20, choices=Relation.choices)
    name = models.CharField(_("full name"), max_length=50)
    workplace_unit = models.ForeignKey(
        Unit,
        verbose_name=_("works at (unit)"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    workplace = models.CharField(_("workplace and post"), max_length=150, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("relative")
        verbose_name_plural = _("relatives")
        ordering = ["cadre", "id"]

    def __str__(self):
        return f"{self.cadre} · {self.get_relation_display()} {self.name}"
