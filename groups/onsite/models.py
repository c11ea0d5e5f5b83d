"""The group's on-site records (issue 6 §1, §3, §6; PROCEDURE S08–S11, S17, S18, S20, S22, S24–S27).

- Entry, per inspection (group × unit): the meeting with the unit's principal leader and the unit's
  mobilization meeting (`EntryMeeting`), the entry news release and the public announcement
  (`Publicity`: the unit leader's risk check, then the group leader's and the office's approval), the
  unit's work report and thematic reports (`UnitReport`, files attached).
- What the group does on site: symposia (`Symposium`), the unit's meetings attended (`MeetingAttended`),
  field visits (`FieldVisit`), special checks (`SpecialCheck`).
- Immediate action: the mid-term report (`MidTermReport`), 立行立改 items (`ImmediateFix`), referrals of
  立查立处 clues and eight-rules clues to the discipline commission (`Referral`), major matters
  (`MajorMatter`). Referrals and major matters are read by the group's leader, deputy and liaison,
  the office and leadership only; the rest is group material.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from xunchar.access import policy


def _user_fk(verbose_name, **kwargs):
    return models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=verbose_name, on_delete=models.PROTECT, related_name="+", **kwargs)


def _member_fk(verbose_name, **kwargs):
    return models.ForeignKey("groups.GroupMembership", verbose_name=verbose_name, on_delete=models.PROTECT, related_name="+", **kwargs)


def _group_fk(related_name):
    return models.ForeignKey("groups.InspectionGroup", verbose_name=_("group"), on_delete=models.PROTECT, related_name=related_name)


def _inspection_fk(related_name, **kwargs):
    return models.ForeignKey("groups.Inspection", verbose_name=_("unit inspected"), on_delete=models.PROTECT, related_name=related_name, **kwargs)


class GroupMaterialQuerySet(models.QuerySet):
    group_field = "group"

    def visible_to(self, user):
        return policy.group_material_visible_to(self, user, group_field=self.group_field)


class InspectionMaterialQuerySet(GroupMaterialQuerySet):
    group_field = "inspection__group"


class KeepersQuerySet(models.QuerySet):
    """The group's leader, deputy leader and liaison, the office and leadership (the clue keepers'
    scope, policy.clues_visible_to); a receiver also sees what was handed to them."""

    def visible_to(self, user):
        visible = policy.clues_visible_to(self, user)
        if user.is_authenticated and user.is_active and user.is_receiver:
            visible = visible | self.filter(pk__in=policy.handed_pks(user, self.model))
        return visible


# --- Entry (S08–S11) -----------------------------------------------------------------------------------------


class EntryMeeting(models.Model):
    """S08 the meeting with the unit's principal leader; S09 the unit's mobilization meeting."""

    class Kind(models.TextChoices):
        PRINCIPAL = "principal", _("Meeting with the unit's principal leader")
        MOBILIZATION = "mobilization", _("Mobilization meeting of the unit")

    inspection = _inspection_fk("entry_meetings")
    kind = models.CharField(_("meeting"), max_length=20, choices=Kind.choices)
    held_on = models.DateField(_("held on"))
    place = models.CharField(_("place"), max_length=200)
    attendees = models.TextField(_("who attended"))
    retiree_count = models.PositiveIntegerField(_("retirees of the last three years attending"), null=True, blank=True)
    retirees = models.TextField(_("retirees attending"), blank=True, help_text=_("Names of the retired cadres of the last three years who attended."))
    agenda = models.TextField(_("agenda"), blank=True)
    speeches_circulated = models.BooleanField(_("speeches circulated in the unit"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    recorded_by = _user_fk(_("recorded by"))
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now)
    history = HistoricalRecords()

    objects = InspectionMaterialQuerySet.as_manager()

    class Meta:
        verbose_name = _("entry meeting")
        verbose_name_plural = _("entry meetings")
        ordering = ["inspection", "held_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["inspection", "kind"], name="%(app_label)s_%(class)s_once_per_inspection"),
        ]

    def __str__(self):
        return f"{self.inspection.unit}{self.get_kind_display()}"

    def get_absolute_url(self):
        return reverse("onsite:entry", args=[self.inspection_id])


class Publicity(models.Model):
    """S10: the entry news release (进驻新闻稿) or the public announcement (巡察公告), with the unit
    leader's risk check (recorded by the group: the unit leader has no account) before the group
    leader's and the office's approval."""

    class Kind(models.TextChoices):
        NEWS_RELEASE = "news_release", _("Entry news release")
        ANNOUNCEMENT = "announcement", _("Public announcement")

    inspection = _inspection_fk("publicities")
    kind = models.CharField(pgettext_lazy("onsite", "kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(pgettext_lazy("document", "title"), max_length=200)
    body = models.TextField(pgettext_lazy("publicity", "text"))
    contact_phone = models.CharField(_("contact phone"), max_length=100)
    address = models.CharField(pgettext_lazy("publicity", "address"), max_length=200)
    mailbox = models.CharField(_("e-mail or postbox"), max_length=200)
    accepts_from = models.DateField(_("accepting from"))
    accepts_until = models.DateField(_("accepting until"))
    hours = models.CharField(_("time"), max_length=100, help_text=_("When calls and visits are received, e.g. 工作日8:30—17:30."))
    risk_checked_by = models.CharField(_("risk check by (the unit's leader)"), max_length=100, blank=True)
    risk_checked_on = models.DateField(_("risk checked on"), null=True, blank=True)
    risk_note = models.TextField(_("risk check notes"), blank=True)
    risk_recorded_by = _user_fk(_("risk check recorded by"), null=True, blank=True)
    created_by = _user_fk(_("created by"))
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)
    history = HistoricalRecords()

    objects = InspectionMaterialQuerySet.as_manager()

    class Meta:
        verbose_name = _("entry publicity")
        verbose_name_plural = _("entry publicity")
        ordering = ["inspection", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["inspection", "kind"], name="%(app_label)s_%(class)s_once_per_inspection"),
            models.CheckConstraint(condition=models.Q(accepts_until__gte=models.F("accepts_from")), name="%(app_label)s_%(class)s_period_ordered"),
            models.CheckConstraint(
                condition=models.Q(risk_checked_on__isnull=True) | ~models.Q(risk_checked_by=""),
                name="%(app_label)s_%(class)s_risk_check_named",
            ),
        ]

    def __str__(self):
        return f"{self.inspection.unit}{self.get_kind_display()}"

    def get_absolute_url(self):
        return reverse("onsite:entry", args=[self.inspection_id])

    @property
    def group(self):
        return self.inspection.group

    @property
    def group_id(self):
        return self.inspection.group_id

    @property
    def risk_checked(self) -> bool:
        return self.risk_checked_on is not None


class UnitReport(models.Model):
    """S11: the unit's work report or a thematic report; the files attached (xunchar.files)."""

    class Kind(models.TextChoices):
        WORK = "work", _("Work report")
        THEMATIC = "thematic", _("Thematic report")

    inspection = _inspection_fk("unit_reports")
    kind = models.CharField(pgettext_lazy("onsite", "kind"), max_length=10, choices=Kind.choices)
    title = models.CharField(pgettext_lazy("document", "title"), max_length=200)
    received_on = models.DateField(_("received on"))
    created_by = _user_fk(_("recorded by"))
    created_at = models.DateTimeField(_("recorded at"), default=timezone.now, editable=False)
    history = HistoricalRecords()

    objects = InspectionMaterialQuerySet.as_manager()

    class Meta:
        verbose_name = _("unit's report")
        verbose_name_plural = _("unit's reports")
        ordering = ["inspection", "kind", "received_on", "id"]

    def __str__(self):
        return f"{self.inspection.unit}：{self.title}"

    def get_absolute_url(self):
        return reverse("onsite:entry", args=[self.inspection_id])


# --- Symposia, meetings, visits, special checks (S17, S18, S20, S22) ------------------------------------------


class Symposium(models.Model):
    """S17 座谈会: chaired by the group, a named minute-taker."""

    group = _group_fk("symposia")
    inspection = _inspection_fk("symposia", null=True, blank=True)
    topic = models.CharField(_("topic"), max_length=200)
    held_on = models.DateField(_("held on"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    participants = models.TextField(_("participants"))
    chair = _member_fk(_("chaired by"))
    minute_taker = _member_fk(_("minute-taker"))
    notes = models.TextField(_("notes"), blank=True)
    created_by = _user_fk(_("recorded by"))
    created_at = models.DateTimeField(_("recorded at"), default=timezone.now, editable=False)
    history = HistoricalRecords()

    objects = GroupMaterialQuerySet.as_manager()

    class Meta:
        verbose_name = _("symposium")
        verbose_name_plural = _("symposia")
        ordering = ["group", "held_on", "id"]

    def __str__(self):
        return f"{self.group}座谈会：{self.topic}"

    def get_absolute_url(self):
        return reverse("onsite:group", args=[self.group_id])


class MeetingAttended(models.Model):
    """S18 列席会议: the leader names who attends; they listen and do not speak."""

    group = _group_fk("meetings_attended")
    inspection = _inspection_fk("meetings_attended", null=True, blank=True)
    meeting = models.CharField(_("the unit's meeting"), max_length=200)
    held_on = models.DateField(_("held on"))
    attendees = models.ManyToManyField("groups.GroupMembership", verbose_name=_("attended by"), related_name="+")
    named_by = _user_fk(_("named by"))
    notes = models.TextField(_("notes"), blank=True)
    created_at = models.DateTimeField(_("recorded at"), default=timezone.now, editable=False)
    history = HistoricalRecords(m2m_fields=[attendees])

    objects = GroupMaterialQuerySet.as_manager()

    class Meta:
        verbose_name = _("meeting attended")
        verbose_name_plural = _("meetings attended")
        ordering = ["group", "held_on", "id"]

    def __str__(self):
        return f"{self.group}列席{self.meeting}"

    def get_absolute_url(self):
        return reverse("onsite:group", args=[self.group_id])


class FieldVisit(models.Model):
    """S20 实地走访: a plan (place, purpose, people, at least two staff) approved by the leader before
    the visit, then the record — or the visit is cancelled."""

    class State(models.TextChoices):
        PLANNED = "planned", _("Planned")
        APPROVED = "approved", _("Approved by the leader")
        HELD = "held", pgettext_lazy("field visit", "Held")
        CANCELLED = "cancelled", _("Cancelled")

    group = _group_fk("field_visits")
    inspection = _inspection_fk("field_visits", null=True, blank=True)
    place = models.CharField(_("place"), max_length=200)
    purpose = models.TextField(pgettext_lazy("field visit", "purpose"))
    people_to_see = models.TextField(_("people to see"), blank=True)
    planned_on = models.DateField(_("visit date"))
    staff = models.ManyToManyField("groups.GroupMembership", verbose_name=pgettext_lazy("field visit", "staff"), related_name="+")
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.PLANNED)
    approved_by = _user_fk(_("approved by"), null=True, blank=True)
    approved_on = models.DateField(_("approved on"), null=True, blank=True)
    held_on = models.DateField(pgettext_lazy("field visit", "held on"), null=True, blank=True)
    record = models.TextField(_("what was found"), blank=True)
    cancel_reason = models.TextField(_("why it was cancelled"), blank=True)
    closed_by = _user_fk(_("recorded by"), null=True, blank=True)
    created_by = _user_fk(_("planned by"))
    created_at = models.DateTimeField(_("planned at"), default=timezone.now, editable=False)
    history = HistoricalRecords(m2m_fields=[staff])

    objects = GroupMaterialQuerySet.as_manager()

    class Meta:
        verbose_name = _("field visit")
        verbose_name_plural = _("field visits")
        ordering = ["group", "planned_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(state__in=["planned", "cancelled"]) | models.Q(approved_on__isnull=False),
                name="%(app_label)s_%(class)s_approved_before_held",
            ),
            models.CheckConstraint(
                condition=~models.Q(state="held") | (models.Q(held_on__isnull=False) & ~models.Q(record="")),
                name="%(app_label)s_%(class)s_held_recorded",
            ),
        ]

    def __str__(self):
        return f"{self.group}实地走访：{self.place}"

    def get_absolute_url(self):
        return reverse("onsite:group", args=[self.group_id])


class SpecialCheck(models.Model):
    """S22 专项检查: under the leader, a report that goes into the main report."""

    class Kind(models.TextChoices):
        CADRE_SELECTION = "cadre_selection", _("Cadre selection and appointment")
        IDEOLOGY = "ideology", _("Ideology work responsibility system")
        OTHER = "other", pgettext_lazy("special check", "Other")

    group = _group_fk("special_checks")
    inspection = _inspection_fk("special_checks", null=True, blank=True)
    kind = models.CharField(pgettext_lazy("onsite", "kind"), max_length=20, choices=Kind.choices)
    other_kind = models.CharField(_("which check"), max_length=100, blank=True)
    checked_on = models.DateField(_("report dated"))
    report = models.TextField(_("report"))
    signed_off_by = _user_fk(_("signed off by"), null=True, blank=True)
    signed_off_at = models.DateTimeField(_("signed off at"), null=True, blank=True)
    created_by = _user_fk(_("written by"))
    created_at = models.DateTimeField(_("recorded at"), default=timezone.now, editable=False)
    history = HistoricalRecords()

    objects = GroupMaterialQuerySet.as_manager()

    class Meta:
        verbose_name = _("special check")
        verbose_name_plural = _("special checks")
        ordering = ["group", "checked_on", "id"]
        constraints = [
            models.CheckConstraint(condition=~models.Q(kind="other") | ~models.Q(other_kind=""), name="%(app_label)s_%(class)s_other_named"),
        ]

    def __str__(self):
        return f"{self.group}专项检查：{self.kind_label}"

    def get_absolute_url(self):
        return reverse("onsite:group", args=[self.group_id])

    @property
    def kind_label(self) -> str:
        return self.other_kind if self.kind == self.Kind.OTHER else str(self.get_kind_display())


# --- Mid-term report, immediate action, major matters (S24–S27) -----------------------------------------------


class MidTermReport(models.Model):
    """S24 中期汇报 to the leading group or the office: submitted by the leader, received by the office."""

    group = models.OneToOneField("groups.InspectionGroup", verbose_name=_("group"), on_delete=models.PROTECT, related_name="mid_term_report")
    main_problems = models.TextField(_("main problems found"))
    clues = models.TextField(_("clues"), blank=True)
    other = models.TextField(_("other matters"), blank=True)
    submitted_by = _user_fk(_("submitted by"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    received_by = _user_fk(_("received by"), null=True, blank=True)
    received_at = models.DateTimeField(_("received at"), null=True, blank=True)
    updated_by = _user_fk(_("written by"))
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now)
    history = HistoricalRecords()

    objects = GroupMaterialQuerySet.as_manager()

    class Meta:
        verbose_name = _("mid-term report")
        verbose_name_plural = _("mid-term reports")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(received_at__isnull=True) | models.Q(submitted_at__isnull=False),
                name="%(app_label)s_%(class)s_received_after_submitted",
            ),
        ]

    def __str__(self):
        return f"{self.group}中期汇报"

    def get_absolute_url(self):
        return reverse("onsite:group", args=[self.group_id])


class ImmediateFix(models.Model):
    """S25 立行立改: a clear-cut problem the unit must fix at once, by a deadline in working days; the
    unit's response, then the group's check."""

    group = _group_fk("immediate_fixes")
    inspection = _inspection_fk("immediate_fixes")
    problem = models.TextField(_("problem"))
    notified_on = models.DateField(_("unit told on"))
    workdays = models.PositiveSmallIntegerField(_("working days to fix it"))
    deadline = models.DateField(_("deadline"))
    response = models.TextField(_("the unit's response"), blank=True)
    responded_on = models.DateField(_("responded on"), null=True, blank=True)
    response_recorded_by = _user_fk(_("response recorded by"), null=True, blank=True)
    check_result = models.TextField(_("the group's check"), blank=True)
    checked_by = _user_fk(_("checked by"), null=True, blank=True)
    checked_on = models.DateField(_("checked on"), null=True, blank=True)
    # When the group's managers were told the deadline passed with no response (once per item).
    overdue_notified_at = models.DateTimeField(_("told it is overdue at"), null=True, blank=True, editable=False)
    created_by = _user_fk(_("recorded by"))
    created_at = models.DateTimeField(_("recorded at"), default=timezone.now, editable=False)
    history = HistoricalRecords()

    objects = GroupMaterialQuerySet.as_manager()

    class Meta:
        verbose_name = _("immediate rectification item")
        verbose_name_plural = _("immediate rectification items")
        ordering = ["group", "notified_on", "id"]
        indexes = [models.Index(fields=["deadline"], condition=models.Q(responded_on__isnull=True), name="onsite_fix_open_deadline")]
        constraints = [
            models.CheckConstraint(condition=models.Q(workdays__gte=1), name="%(app_label)s_%(class)s_workdays_positive"),
            models.CheckConstraint(
                condition=models.Q(responded_on__isnull=True) | ~models.Q(response=""), name="%(app_label)s_%(class)s_response_written",
            ),
            models.CheckConstraint(
                condition=models.Q(checked_on__isnull=True) | models.Q(responded_on__isnull=False), name="%(app_label)s_%(class)s_checked_after_response",
            ),
        ]

    def __str__(self):
        return f"{self.group}立行立改第{self.pk}项"

    def get_absolute_url(self):
        return reverse("onsite:group", args=[self.group_id])

    def is_overdue(self, today=None) -> bool:
        """No response recorded and the deadline has passed."""
        return self.responded_on is None and (today or timezone.localdate()) > self.deadline

    @property
    def responded_late(self) -> bool:
        return self.responded_on is not None and self.responded_on > self.deadline


class Referral(models.Model):
    """A clue handed to the discipline commission after the leading group's approval: S26 立查立处 (an
    urgent clue on a next-level principal leader; with the public notice) or S25 an eight-rules clue on a
    county-managed cadre found under 立行立改. The group proposes → the office submits → the head or the
    executive deputy head approves → the office hands it to the commission."""

    class Kind(models.TextChoices):
        IMMEDIATE_INVESTIGATION = "investigation", _("Immediate investigation (立查立处)")
        EIGHT_RULES = "eight_rules", _("Eight-rules clue on a county-managed cadre")

    class State(models.TextChoices):
        DRAFT = "draft", _("Being drawn up by the group")
        PROPOSED = "proposed", _("Proposed to the office")
        APPROVED = "approved", _("Approved by the leading group")
        HANDED = "handed", _("Handed to the discipline commission")

    group = _group_fk("referrals")
    kind = models.CharField(pgettext_lazy("onsite", "kind"), max_length=20, choices=Kind.choices)
    immediate_fix = models.ForeignKey(
        ImmediateFix, verbose_name=_("immediate rectification item"), on_delete=models.PROTECT, null=True, blank=True, related_name="referrals",
    )
    person = models.CharField(_("person concerned"), max_length=100, help_text=_("Name and post as written."))
    facts = models.TextField(_("facts"))
    proposal = models.TextField(pgettext_lazy("referral", "proposal"))
    public_notice = models.TextField(_("public notice"), blank=True, help_text=_("What is made public once it is handled (立查立处)."))
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.DRAFT)
    proposed_by = _user_fk(_("proposed by"), null=True, blank=True)
    proposed_at = models.DateTimeField(_("proposed at"), null=True, blank=True)
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    handed_by = _user_fk(_("handed over by"), null=True, blank=True)
    handed_at = models.DateTimeField(_("handed over at"), null=True, blank=True)
    created_by = _user_fk(_("created by"))
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)
    history = HistoricalRecords()

    objects = KeepersQuerySet.as_manager()

    class Meta:
        verbose_name = _("referral to the discipline commission")
        verbose_name_plural = _("referrals to the discipline commission")
        ordering = ["group", "-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(kind="investigation") | ~models.Q(public_notice=""), name="%(app_label)s_%(class)s_notice_written",
            ),
            models.CheckConstraint(
                condition=~models.Q(state="handed") | models.Q(handed_at__isnull=False), name="%(app_label)s_%(class)s_handed_dated",
            ),
        ]

    def __str__(self):
        # Never the person: str() goes into audit entries, notifications and the approval inbox.
        return f"{self.group}{'立查立处' if self.kind == self.Kind.IMMEDIATE_INVESTIGATION else '违反中央八项规定精神问题线索'}第{self.pk}号"

    def get_absolute_url(self):
        return reverse("onsite:referral_detail", args=[self.pk])


class MajorMatterQuerySet(KeepersQuerySet):
    """Within the keepers' scope, two narrower rules (S27): a matter reported directly to the head bypasses
    the office — the head and whoever reported it read it; a problem with the group's own staff is not
    shown to the deputy leader or the liaison, who may be the staff concerned."""

    def visible_to(self, user):
        from groups.models import GroupMembership
        from xunchar.accounts.roles import Role

        visible = super().visible_to(user)
        if not (user.is_authenticated and user.is_active):
            return visible
        if not user.has_role(Role.SECRETARY):
            visible = visible.exclude(models.Q(channel=MajorMatter.Channel.DIRECT) & ~models.Q(reported_by=user))
        if not (user.is_office or user.is_leadership):
            led = policy.access_giving(GroupMembership.objects.filter(cadre_id=user.cadre_id, role="leader"))
            visible = visible.exclude(
                models.Q(kind=MajorMatter.Kind.STAFF) & ~models.Q(reported_by=user) & ~models.Q(group__in=led.values("group_id"))
            )
        return visible


class MajorMatter(models.Model):
    """S27 重大事项报告: reported through the office, or directly to the head in special cases."""

    class Kind(models.TextChoices):
        OBSTRUCTION = "obstruction", _("Obstruction of the inspection")
        RISK = "risk", _("Major risk")
        EMERGENCY = "emergency", _("Emergency")
        STAFF = "staff", _("Problem with the group's staff")
        OTHER = "other", pgettext_lazy("major matter", "Other")

    class Channel(models.TextChoices):
        THROUGH_OFFICE = "office", _("Through the office")
        DIRECT = "direct", _("Directly to the head")

    group = _group_fk("major_matters")
    kind = models.CharField(pgettext_lazy("onsite", "kind"), max_length=20, choices=Kind.choices)
    channel = models.CharField(_("reported"), max_length=10, choices=Channel.choices)
    occurred_on = models.DateField(_("occurred on"))
    text = models.TextField(_("what happened"))
    reported_by = _user_fk(_("reported by"))
    reported_at = models.DateTimeField(_("reported at"), default=timezone.now, editable=False)
    acknowledged_by = _user_fk(_("received by"), null=True, blank=True)
    acknowledged_at = models.DateTimeField(_("received at"), null=True, blank=True)
    history = HistoricalRecords()

    objects = MajorMatterQuerySet.as_manager()

    class Meta:
        verbose_name = _("major matter")
        verbose_name_plural = _("major matters")
        ordering = ["group", "-reported_at", "-id"]

    def __str__(self):
        return f"{self.group}重大事项报告第{self.pk}号"

    def get_absolute_url(self):
        return reverse("onsite:restricted", args=[self.group_id])

    @property
    def direct(self) -> bool:
        return self.channel == self.Channel.DIRECT
