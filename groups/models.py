"""Inspection groups of a round, their people with their round roles, and the units they inspect."""

from django.conf import settings
from django.db import models
from django.db.models.lookups import GreaterThanOrEqual
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from rounds.models import chinese_ordinal
from xunchar.access import policy

from .standards import (
    DEFAULT_DUTIES,
    PLEDGE_TEXTS,
    SELF_REPORT_MIN_PERCENT,
    count_characters,
    share_display,
    share_passes,
)


class InspectionGroupQuerySet(models.QuerySet):
    def visible_to(self, user):
        return policy.groups_visible_to(self, user)


class InspectionGroup(models.Model):
    round = models.ForeignKey("rounds.Round", verbose_name=_("round"), on_delete=models.PROTECT, related_name="groups")
    number = models.PositiveSmallIntegerField(_("group number"))
    entered_on = models.DateField(_("entered the units on"), null=True, blank=True)
    withdrawn_on = models.DateField(_("withdrew on"), null=True, blank=True)
    # The deputy the leader names to convene and minute group meetings in the leader's place (S03.1).
    # A pointer, not a record: it lapses (SET_NULL) when that person leaves the group.
    meetings_deputy = models.ForeignKey(
        "GroupMembership", verbose_name=_("deputy who convenes group meetings"), on_delete=models.SET_NULL,
        null=True, blank=True, related_name="+",
    )
    history = HistoricalRecords()

    objects = InspectionGroupQuerySet.as_manager()

    class Meta:
        verbose_name = _("inspection group")
        verbose_name_plural = _("inspection groups")
        ordering = ["round", "number"]
        constraints = [
            models.UniqueConstraint(fields=["round", "number"], name="%(app_label)s_%(class)s_unique_number"),
            models.CheckConstraint(
                condition=models.Q(withdrawn_on__isnull=True)
                | models.Q(entered_on__isnull=False, withdrawn_on__gte=models.F("entered_on")),
                name="%(app_label)s_%(class)s_withdrawal_after_entry",
                violation_error_message=_("A group withdraws after it entered."),
            ),
        ]

    def __str__(self):
        return f"第{chinese_ordinal(self.number)}巡察组"

    def get_absolute_url(self):
        return reverse("groups:detail", args=[self.pk])

    @property
    def full_name(self):
        return f"{self.round} {self}"


class GroupMembershipQuerySet(models.QuerySet):
    def in_role_order(self):
        """Leader, deputy, liaison, then members — the order a group lists its people in."""
        order = models.Case(
            *[models.When(role=role, then=models.Value(i)) for i, role in enumerate(GroupMembership.RoundRole.values)],
            output_field=models.IntegerField(),
        )
        return self.alias(role_order=order).order_by("group", "role_order", "id")


class GroupMembership(models.Model):
    class RoundRole(models.TextChoices):
        LEADER = "leader", _("Group leader")
        DEPUTY = "deputy", _("Deputy leader")
        LIAISON = "liaison", _("Liaison")
        MEMBER = "member", _("Member")

    group = models.ForeignKey(
        InspectionGroup, verbose_name=_("group"), on_delete=models.CASCADE, related_name="memberships"
    )
    cadre = models.ForeignKey(
        "registry.Cadre", verbose_name=_("cadre"), on_delete=models.PROTECT, related_name="group_memberships"
    )
    role = models.CharField(_("role in the round"), max_length=10, choices=RoundRole.choices)
    # 组内分工 (S05.3): empty means the default text for the role (groups.standards.DEFAULT_DUTIES).
    duties = models.TextField(_("duties in the group"), blank=True)
    history = HistoricalRecords()

    objects = GroupMembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("group member")
        verbose_name_plural = _("group members")
        ordering = ["group", "role", "id"]
        constraints = [
            models.UniqueConstraint(fields=["group", "cadre"], name="%(app_label)s_%(class)s_unique_person"),
            models.UniqueConstraint(
                fields=["group"],
                condition=models.Q(role="leader"),
                name="%(app_label)s_%(class)s_one_leader",
                violation_error_message=_("A group has one leader."),
            ),
        ]

    def __str__(self):
        return f"{self.group} · {self.get_role_display()} · {self.cadre}"

    @property
    def default_duties(self) -> str:
        return DEFAULT_DUTIES.get(self.role, "")

    @property
    def duties_or_default(self) -> str:
        return self.duties or self.default_duties


class InspectionQuerySet(models.QuerySet):
    def visible_to(self, user):
        return policy.inspections_visible_to(self, user)


class Inspection(models.Model):
    """A group inspecting a unit in a round (巡察对象)."""

    round = models.ForeignKey("rounds.Round", verbose_name=_("round"), on_delete=models.PROTECT, related_name="inspections")
    group = models.ForeignKey(
        InspectionGroup, verbose_name=_("group"), on_delete=models.PROTECT, related_name="inspections"
    )
    unit = models.ForeignKey("registry.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="inspections")
    history = HistoricalRecords()

    objects = InspectionQuerySet.as_manager()

    class Meta:
        verbose_name = _("inspection")
        verbose_name_plural = _("inspections")
        ordering = ["group", "unit__name"]
        constraints = [
            models.UniqueConstraint(fields=["round", "unit"], name="%(app_label)s_%(class)s_unique_unit_per_round"),
        ]

    def __str__(self):
        return f"{self.group} → {self.unit}"


def members_in_order():
    """A prefetch of a group's people in role order, with their cadre records."""
    return models.Prefetch("memberships", queryset=GroupMembership.objects.in_role_order().select_related("cadre"))


# --- Preparation: the group's own part (S03, S05, S07) --------------------------------------------------
#
# Everything below is group material: the office and leadership see all of it, a group's people their own
# group's, nobody else anything — except what is addressed to the inspected unit (the entry checklist and
# the unit's own self-report), which its contact sees too.


def _group_material(queryset, user, group_field):
    return policy.group_material_visible_to(queryset, user, group_field=group_field)


def _group_material_or_addressed_to_unit(queryset, user, inspection_field):
    """Group material, plus the rows of the inspections of the unit the user is the contact of."""
    visible = _group_material(queryset, user, f"{inspection_field}__group")
    unit_id = getattr(user, "contact_unit_id", None) if user.is_authenticated and user.is_active else None
    if unit_id is None:
        return visible
    return visible | queryset.filter(**{f"{inspection_field}__unit_id": unit_id})


def _user_fk(verbose_name, **kwargs):
    return models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=verbose_name, on_delete=models.PROTECT, related_name="+", **kwargs
    )


class GroupMeetingQuerySet(models.QuerySet):
    def visible_to(self, user):
        return _group_material(self, user, "group")


class GroupMeeting(models.Model):
    """One group affairs meeting (组务会) and its minutes, numbered per group (第N次)."""

    class ReportedTo(models.TextChoices):
        LEADING_GROUP = "leading_group", _("the leading group")
        OFFICE = "office", _("the inspection office")

    group = models.ForeignKey(InspectionGroup, verbose_name=_("group"), on_delete=models.PROTECT, related_name="meetings")
    number = models.PositiveSmallIntegerField(_("meeting number"))
    held_on = models.DateField(_("held on"))
    attendees = models.ManyToManyField(GroupMembership, verbose_name=_("attendees"), related_name="meetings_attended")
    minute_taker = models.ForeignKey(
        GroupMembership, verbose_name=_("minute-taker"), on_delete=models.PROTECT, related_name="minutes_taken"
    )
    decisions = models.TextField(_("decisions"))
    dissent = models.TextField(_("differing opinions"), blank=True)
    major_disagreement = models.BooleanField(_("major disagreement"), default=False)
    reported_to = models.CharField(
        _("disagreement reported to"), max_length=20, choices=ReportedTo.choices, blank=True
    )
    reported_on = models.DateField(_("disagreement reported on"), null=True, blank=True)
    report_manner = models.CharField(_("how it was reported"), max_length=200, blank=True)
    recorded_by = _user_fk(_("recorded by"))
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now, editable=False)
    history = HistoricalRecords()

    objects = GroupMeetingQuerySet.as_manager()

    class Meta:
        verbose_name = _("group meeting")
        verbose_name_plural = _("group meetings")
        ordering = ["group", "number"]
        constraints = [
            models.UniqueConstraint(fields=["group", "number"], name="%(app_label)s_%(class)s_unique_number"),
            models.CheckConstraint(
                condition=models.Q(reported_to="", reported_on__isnull=True)
                | (~models.Q(reported_to="") & models.Q(reported_on__isnull=False, major_disagreement=True)),
                name="%(app_label)s_%(class)s_report_of_major_disagreement",
                violation_error_message=_("Only a major disagreement is reported, and then with its date."),
            ),
        ]

    def __str__(self):
        return f"{self.group} 第{self.number}次组务会"

    def get_absolute_url(self):
        return reverse("groups:meeting_detail", args=[self.pk])


class GroupMeetingItem(models.Model):
    """One agenda item of a group meeting, of a kind S03.1 lists."""

    class Kind(models.TextChoices):
        WORK_ARRANGEMENTS = "work_arrangements", _("Important work arrangements")
        CLUES_TO_EXAMINE = "clues_to_examine", _("Clues to look into further")
        MATTERS_TO_REPORT = "matters_to_report", _("Major matters to report to the leading group")
        DOCUMENTS = "documents", _("Drafting and revising important documents")
        CLUE_HANDLING = "clue_handling", _("Proposed handling of clues by category")
        PERSONNEL = "personnel", _("Management of the group's people")
        OTHER = "other", _("Other matters")

    meeting = models.ForeignKey(GroupMeeting, verbose_name=_("group meeting"), on_delete=models.CASCADE, related_name="items")
    position = models.PositiveSmallIntegerField(_("position"))
    kind = models.CharField(_("kind of item"), max_length=20, choices=Kind.choices)
    text = models.TextField(_("item"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["meeting", "position"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "position"], name="%(app_label)s_%(class)s_unique_position"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}：{self.text[:30]}"


class TemporaryBranchQuerySet(models.QuerySet):
    def visible_to(self, user):
        return _group_material(self, user, "group")


class TemporaryBranch(models.Model):
    """The group's temporary party branch (临时党支部); its secretary is the group leader (S01.3, S03.2)."""

    group = models.OneToOneField(InspectionGroup, verbose_name=_("group"), on_delete=models.PROTECT, related_name="branch")
    founded_on = models.DateField(_("founded on"))
    party_members = models.ManyToManyField(
        GroupMembership, verbose_name=_("party members"), related_name="branches", blank=True
    )
    work_plan = models.TextField(_("branch work plan"), blank=True)
    updated_by = _user_fk(_("updated by"))
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now)
    history = HistoricalRecords()

    objects = TemporaryBranchQuerySet.as_manager()

    class Meta:
        verbose_name = _("temporary party branch")
        verbose_name_plural = _("temporary party branches")

    def __str__(self):
        return f"{self.group}临时党支部"


class ConfidentialityPledgeQuerySet(models.QuerySet):
    def visible_to(self, user):
        return _group_material(self, user, "group")


class ConfidentialityPledge(models.Model):
    """A member's signed confidentiality pledge (保密承诺书). Written once, by the person, never changed."""

    group = models.ForeignKey(InspectionGroup, verbose_name=_("group"), on_delete=models.PROTECT, related_name="pledges")
    # The person, not the membership: the signature stays when a seat is reshuffled.
    cadre = models.ForeignKey("registry.Cadre", verbose_name=_("signed by"), on_delete=models.PROTECT, related_name="pledges")
    text_version = models.CharField(_("wording signed"), max_length=20)
    signed_at = models.DateTimeField(_("signed at"), default=timezone.now, editable=False)
    history = HistoricalRecords()

    objects = ConfidentialityPledgeQuerySet.as_manager()

    class Meta:
        verbose_name = _("confidentiality pledge")
        verbose_name_plural = _("confidentiality pledges")
        ordering = ["group", "signed_at"]
        constraints = [
            models.UniqueConstraint(fields=["group", "cadre"], name="%(app_label)s_%(class)s_one_per_person"),
        ]

    def __str__(self):
        return f"{self.group} · {self.cadre} · 保密承诺书"

    @property
    def text(self) -> str:
        return PLEDGE_TEXTS.get(self.text_version, "")


class OpinionNoteQuerySet(models.QuerySet):
    def visible_to(self, user):
        return _group_material(self, user, "inspection__group")


class OpinionNote(models.Model):
    """Public opinion about the unit, gathered from the media and the internet (舆情信息, S05.1)."""

    inspection = models.ForeignKey(
        Inspection, verbose_name=_("inspection"), on_delete=models.PROTECT, related_name="opinion_notes"
    )
    source = models.CharField(_("source"), max_length=100)
    noted_on = models.DateField(_("date"))
    summary = models.TextField(_("summary"))
    link = models.URLField(_("link"), max_length=500, blank=True)
    recorded_by = _user_fk(_("recorded by"))
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now, editable=False)
    history = HistoricalRecords()

    objects = OpinionNoteQuerySet.as_manager()

    class Meta:
        verbose_name = _("public-opinion note")
        verbose_name_plural = _("public-opinion notes")
        ordering = ["inspection", "-noted_on", "-id"]

    def __str__(self):
        return f"{self.source} {self.noted_on:%Y-%m-%d}"


class FocusItemQuerySet(models.QuerySet):
    def visible_to(self, user):
        return _group_material(self, user, "inspection__group")


class FocusItem(models.Model):
    """One line of the inspection's focus list with its integrity risk points (监督重点清单, S05.2)."""

    class Source(models.TextChoices):
        BRIEFING = "briefing", _("Briefing by a department")
        OPINION = "opinion", _("Public-opinion note")
        OTHER = "other", _("Other")

    class Priority(models.TextChoices):
        HIGH = "high", _("High")
        MEDIUM = "medium", _("Medium")
        LOW = "low", _("Low")

    inspection = models.ForeignKey(
        Inspection, verbose_name=_("inspection"), on_delete=models.PROTECT, related_name="focus_items"
    )
    position = models.PositiveIntegerField(_("position"))
    area = models.CharField(_("area"), max_length=100)
    description = models.TextField(_("what to look at"))
    risk_points = models.TextField(_("integrity risk points"))
    source = models.CharField(_("source"), max_length=10, choices=Source.choices)
    opinion_note = models.ForeignKey(
        OpinionNote, verbose_name=_("public-opinion note"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="focus_items",
    )
    priority = models.CharField(_("priority"), max_length=10, choices=Priority.choices, default=Priority.MEDIUM)
    created_by = _user_fk(_("entered by"))
    created_at = models.DateTimeField(_("entered at"), default=timezone.now, editable=False)
    history = HistoricalRecords()

    objects = FocusItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("focus item")
        verbose_name_plural = _("focus list")
        ordering = ["inspection", "position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(opinion_note__isnull=True) | models.Q(source="opinion"),
                name="%(app_label)s_%(class)s_note_only_for_opinion_source",
                violation_error_message=_("Only an item drawn from public opinion names an opinion note."),
            ),
        ]

    def __str__(self):
        return self.area


class GroupWorkPlanQuerySet(models.QuerySet):
    def visible_to(self, user):
        return _group_material(self, user, "group")


class GroupWorkPlan(models.Model):
    """The group's work plan (巡察组工作方案, S05.4) as it is being written. Filing it with the office
    freezes a copy (a revision); while filed it cannot be changed, only reopened for a new revision."""

    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        FILED = "filed", _("Filed with the office")

    group = models.OneToOneField(InspectionGroup, verbose_name=_("group"), on_delete=models.PROTECT, related_name="work_plan")
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.DRAFT)
    tasks = models.TextField(_("tasks"), blank=True)
    methods = models.TextField(_("methods and steps"), blank=True)
    schedule = models.TextField(_("schedule"), blank=True)
    staffing = models.TextField(_("people and division of work"), blank=True)
    discipline = models.TextField(_("discipline"), blank=True)
    emergency_plan = models.TextField(_("emergency plan"), blank=True)
    commission_matters = models.TextField(
        _("matters the discipline commission and organization department asked to look into"), blank=True
    )
    latest_revision = models.ForeignKey(
        "GroupWorkPlanRevision", verbose_name=_("latest filing"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="+",
    )
    updated_by = _user_fk(_("updated by"))
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now)
    history = HistoricalRecords()

    objects = GroupWorkPlanQuerySet.as_manager()

    class Meta:
        verbose_name = _("group work plan")
        verbose_name_plural = _("group work plans")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(state="draft") | models.Q(latest_revision__isnull=False),
                name="%(app_label)s_%(class)s_filed_has_a_revision",
            ),
        ]

    def __str__(self):
        return f"{self.group}工作方案"

    def get_absolute_url(self):
        return reverse("groups:work_plan", args=[self.group_id])

    @property
    def next_revision_number(self) -> int:
        return self.latest_revision.number + (0 if self.state == self.State.FILED else 1) if self.latest_revision else 1


# The plan's sections in the order the plan prints them (S05.4); each a field of the plan and its revisions.
WORK_PLAN_SECTIONS = ("tasks", "methods", "schedule", "staffing", "discipline", "emergency_plan", "commission_matters")
WORK_PLAN_REQUIRED = ("tasks", "methods", "schedule", "staffing", "discipline")


class GroupWorkPlanRevisionQuerySet(models.QuerySet):
    def visible_to(self, user):
        return _group_material(self, user, "plan__group")


class GroupWorkPlanRevision(models.Model):
    """A filed copy of the work plan, with the branch plan and the division of work as they were filed."""

    plan = models.ForeignKey(GroupWorkPlan, verbose_name=_("work plan"), on_delete=models.PROTECT, related_name="revisions")
    number = models.PositiveSmallIntegerField(_("revision"))
    tasks = models.TextField(_("tasks"))
    methods = models.TextField(_("methods and steps"))
    schedule = models.TextField(_("schedule"))
    staffing = models.TextField(_("people and division of work"))
    discipline = models.TextField(_("discipline"))
    emergency_plan = models.TextField(_("emergency plan"), blank=True)
    commission_matters = models.TextField(
        _("matters the discipline commission and organization department asked to look into"), blank=True
    )
    branch_plan = models.TextField(_("temporary party branch work plan"), blank=True)
    # [{"role": "组长", "name": "…", "duties": "…"}, …] in role order, as filed.
    division = models.JSONField(_("division of work"), default=list)
    filed_at = models.DateTimeField(_("filed at"), default=timezone.now, editable=False)
    filed_by = _user_fk(_("filed by"))
    received_at = models.DateTimeField(_("receipt acknowledged at"), null=True, blank=True)
    received_by = _user_fk(_("receipt acknowledged by"), null=True, blank=True)
    history = HistoricalRecords()

    objects = GroupWorkPlanRevisionQuerySet.as_manager()

    class Meta:
        verbose_name = _("filed work plan")
        verbose_name_plural = _("filed work plans")
        ordering = ["plan", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="%(app_label)s_%(class)s_unique_number"),
            models.CheckConstraint(
                condition=models.Q(received_at__isnull=True, received_by__isnull=True)
                | models.Q(received_at__isnull=False, received_by__isnull=False),
                name="%(app_label)s_%(class)s_receipt_with_who",
            ),
        ]

    def __str__(self):
        return f"{self.plan}（第{self.number}版）"

    def get_absolute_url(self):
        return reverse("groups:work_plan_revision", args=[self.pk])


class EntryChecklistMarkQuerySet(models.QuerySet):
    def visible_to(self, user):
        return _group_material_or_addressed_to_unit(self, user, "inspection")


class EntryChecklistMark(models.Model):
    """Where one item of the entry preparation checklist (进驻准备工作清单, S07.1) stands for a unit.
    No row: not yet sent to the unit."""

    class State(models.TextChoices):
        PENDING = "pending", _("Not yet sent")
        SENT = "sent", _("Sent to the unit")
        DONE = "done", _("Done")

    inspection = models.ForeignKey(
        Inspection, verbose_name=_("inspection"), on_delete=models.PROTECT, related_name="checklist_marks"
    )
    code = models.CharField(_("checklist item"), max_length=10)
    state = models.CharField(_("state"), max_length=10, choices=State.choices)
    note = models.CharField(_("note"), max_length=200, blank=True)
    marked_by = _user_fk(_("marked by"))
    marked_at = models.DateTimeField(_("marked at"), default=timezone.now)
    history = HistoricalRecords()

    objects = EntryChecklistMarkQuerySet.as_manager()

    class Meta:
        verbose_name = _("entry checklist item")
        verbose_name_plural = _("entry checklist")
        ordering = ["inspection", "code"]
        constraints = [
            models.UniqueConstraint(fields=["inspection", "code"], name="%(app_label)s_%(class)s_unique_item"),
        ]

    def __str__(self):
        return f"{self.code} {self.get_state_display()}"


class SelfReportQuerySet(models.QuerySet):
    def visible_to(self, user):
        return _group_material_or_addressed_to_unit(self, user, "inspection")


class SelfReport(models.Model):
    """The unit's report to the group (汇报材料, S07.2), with every version submitted; the state and the
    figures are those of the latest version."""

    class State(models.TextChoices):
        PENDING = "pending", _("Awaiting the group's review")
        RETURNED = "returned", _("Returned for revision")
        ACCEPTED = "accepted", _("Accepted")

    inspection = models.OneToOneField(
        Inspection, verbose_name=_("inspection"), on_delete=models.PROTECT, related_name="self_report"
    )
    state = models.CharField(_("state"), max_length=10, choices=State.choices)
    problems_causes_chars = models.PositiveIntegerField(_("characters on problems and causes"), default=0)
    total_chars = models.PositiveIntegerField(_("characters in all"), default=0)
    version_count = models.PositiveSmallIntegerField(_("versions"), default=0)
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now)
    history = HistoricalRecords()

    objects = SelfReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("self-report")
        verbose_name_plural = _("self-reports")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(state="accepted")
                | models.Q(GreaterThanOrEqual(
                    models.F("problems_causes_chars") * 100, models.F("total_chars") * SELF_REPORT_MIN_PERCENT
                ), total_chars__gt=0),
                name="%(app_label)s_%(class)s_accepted_meets_the_share",
                violation_error_message=_("Only a report whose problems and causes take sixty percent or more is accepted."),
            ),
        ]

    def __str__(self):
        return f"{self.inspection.unit} 汇报材料"

    def get_absolute_url(self):
        return reverse("groups:self_report", args=[self.inspection_id])

    @property
    def share_display(self) -> str:
        return share_display(self.problems_causes_chars, self.total_chars)


class SelfReportVersionQuerySet(models.QuerySet):
    def visible_to(self, user):
        return _group_material_or_addressed_to_unit(self, user, "report__inspection")


class SelfReportVersion(models.Model):
    """One submission of the self-report, its sections, its figures and what became of it."""

    class Outcome(models.TextChoices):
        PENDING = "pending", _("Awaiting the group's review")
        RETURNED = "returned", _("Returned for revision")
        ACCEPTED = "accepted", _("Accepted")
        SUPERSEDED = "superseded", _("Replaced by a later version")

    report = models.ForeignKey(SelfReport, verbose_name=_("self-report"), on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField(_("version"))
    problems_chars = models.PositiveIntegerField(_("characters on problems"))
    causes_chars = models.PositiveIntegerField(_("characters on causes"))
    other_chars = models.PositiveIntegerField(_("other characters"))
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome.choices)
    submitted_by = _user_fk(_("submitted by"))
    submitted_at = models.DateTimeField(_("submitted at"), default=timezone.now, editable=False)
    # None with a "returned" outcome: returned by the 60% rule itself, at submission.
    decided_by = _user_fk(_("decided by"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_note = models.TextField(_("reason"), blank=True)
    history = HistoricalRecords()

    objects = SelfReportVersionQuerySet.as_manager()

    class Meta:
        verbose_name = _("self-report version")
        verbose_name_plural = _("self-report versions")
        ordering = ["report", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["report", "number"], name="%(app_label)s_%(class)s_unique_number"),
            models.CheckConstraint(
                condition=~models.Q(outcome="accepted")
                | models.Q(GreaterThanOrEqual(
                    (models.F("problems_chars") + models.F("causes_chars")) * 100,
                    (models.F("problems_chars") + models.F("causes_chars") + models.F("other_chars"))
                    * SELF_REPORT_MIN_PERCENT,
                ), decided_by__isnull=False),
                name="%(app_label)s_%(class)s_accepted_meets_the_share",
                violation_error_message=_("Only a report whose problems and causes take sixty percent or more is accepted."),
            ),
        ]

    def __str__(self):
        return f"{self.report} 第{self.number}稿"

    @property
    def problems_causes_chars(self) -> int:
        return self.problems_chars + self.causes_chars

    @property
    def total_chars(self) -> int:
        return self.problems_chars + self.causes_chars + self.other_chars

    @property
    def share_display(self) -> str:
        return share_display(self.problems_causes_chars, self.total_chars)

    @property
    def passes(self) -> bool:
        return share_passes(self.problems_causes_chars, self.total_chars)


class SelfReportSection(models.Model):
    class Kind(models.TextChoices):
        PROBLEMS = "problems", _("Problems")
        CAUSES = "causes", _("Causes")
        OTHER = "other", _("Other")

    version = models.ForeignKey(
        SelfReportVersion, verbose_name=_("self-report version"), on_delete=models.CASCADE, related_name="sections"
    )
    position = models.PositiveSmallIntegerField(_("position"))
    kind = models.CharField(_("kind of section"), max_length=10, choices=Kind.choices)
    text = models.TextField(_("text"))

    class Meta:
        verbose_name = _("self-report section")
        verbose_name_plural = _("self-report sections")
        ordering = ["version", "position"]
        constraints = [
            models.UniqueConstraint(fields=["version", "position"], name="%(app_label)s_%(class)s_unique_position"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.position}"

    @property
    def characters(self) -> int:
        return count_characters(self.text)


class EntryFacilitiesQuerySet(models.QuerySet):
    def visible_to(self, user):
        return _group_material(self, user, "inspection__group")


class EntryFacilities(models.Model):
    """Where the group works at the unit and how people reach it (S07.3)."""

    inspection = models.OneToOneField(
        Inspection, verbose_name=_("inspection"), on_delete=models.PROTECT, related_name="facilities"
    )
    office_space = models.CharField(_("office space"), max_length=200)
    suggestion_box = models.CharField(_("suggestion box location"), max_length=200)
    petition_phone = models.CharField(_("petition phone"), max_length=50)
    petition_address = models.CharField(_("postal address for letters"), max_length=200, blank=True)
    petition_email = models.EmailField(_("e-mail"), blank=True)
    petition_mailbox = models.CharField(_("mailbox"), max_length=100, blank=True)
    petition_hours = models.CharField(_("hours for visitors"), max_length=100)
    updated_by = _user_fk(_("updated by"))
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now)
    history = HistoricalRecords()

    objects = EntryFacilitiesQuerySet.as_manager()

    class Meta:
        verbose_name = _("office space and petition channels")
        verbose_name_plural = _("office space and petition channels")

    def __str__(self):
        return f"{self.inspection.unit} 驻地和信访渠道"


# Individual talks (S12, issue 5 §3) live in their own module.
from .talk_models import *  # noqa: E402, F401, F403
