from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.utils.translation import gettext_lazy as _

from xunchar.accounts.roles import Role
from xunchar.audit.models import AuditEvent
from xunchar.registry.models import Cadre, Unit

DATE_ERRORS = {"invalid": "日期格式不正确，应为 YYYY-MM-DD，例如 2026-11-28。"}


def _date_field(label):
    # An <input type="date"> only takes ISO dates; the zh-hans format would leave it empty.
    return forms.DateField(
        label=label, required=False, error_messages=DATE_ERRORS,
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
    )


def _unit_field(label, help_text):
    return forms.ModelChoiceField(
        label=label, help_text=help_text, required=False, queryset=Unit.objects.filter(is_active=True).order_by("name"),
        empty_label="—", error_messages={"invalid_choice": "请从列表中选择单位。"},
    )


class AccountForm(forms.Form):
    """Name, the cadre the account belongs to, and the unit its holder is the contact of.

    The cadre is named by unit and name rather than picked from the whole pool: the system
    administrator links accounts to people, and has no business browsing the cadre pool."""

    full_name = forms.CharField(
        label=_("Full name"), max_length=50, error_messages={"required": "请填写姓名。", "max_length": "姓名不能超过 %(limit_value)d 个字。"},
    )
    cadre_unit = _unit_field(_("Unit of the cadre"), _("Together with the cadre's name: links the account to the cadre pool."))
    cadre_name = forms.CharField(label=_("Name in the cadre pool"), max_length=50, required=False)
    contact_unit = _unit_field(_("Contact for unit"), _("Only for a contact person at an inspected unit."))

    def __init__(self, data=None, *, account=None, **kwargs):
        if account is not None:
            cadre = account.cadre
            kwargs.setdefault("initial", {
                "full_name": account.full_name,
                "cadre_unit": cadre.unit_id if cadre else None,
                "cadre_name": cadre.name if cadre else "",
                "contact_unit": account.contact_unit_id,
            })
        super().__init__(data, **kwargs)

    def clean(self):
        cleaned = super().clean()
        unit, name = cleaned.get("cadre_unit"), (cleaned.get("cadre_name") or "").strip()
        cleaned["cadre"] = None
        if unit is None and not name:
            return cleaned
        if unit is None or not name:
            raise forms.ValidationError("关联干部须同时填写所在单位和姓名；不关联干部请两项都留空。")
        matches = list(Cadre.objects.filter(unit=unit, name=name)[:2])
        if not matches:
            raise forms.ValidationError(f"干部名册中“{unit}”没有名为“{name}”的干部。")
        if len(matches) > 1:
            raise forms.ValidationError(f"干部名册中“{unit}”有两名以上名为“{name}”的干部，请联系巡察办核对干部名册。")
        cleaned["cadre"] = matches[0]
        return cleaned


class AccountCreateForm(AccountForm):
    username = forms.CharField(
        label=_("Username"), max_length=150, validators=[UnicodeUsernameValidator()],
        error_messages={"required": "请填写用户名。"},
        help_text=_("Letters, digits and @ . + - _ only; used to sign in."),
    )
    password1 = forms.CharField(
        label=_("Initial password"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        error_messages={"required": "请填写初始密码。"},
        help_text=_("The holder must change it at the first sign-in."),
    )
    password2 = forms.CharField(
        label=_("Initial password again"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        error_messages={"required": "请再次填写初始密码。"},
    )

    field_order = ["username", "full_name", "cadre_unit", "cadre_name", "contact_unit", "password1", "password2"]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("password1") and cleaned.get("password2") and cleaned["password1"] != cleaned["password2"]:
            self.add_error("password2", "两次填写的密码不一致。")
        return cleaned


class PasswordResetForm(forms.Form):
    """A new initial password, typed twice. The password rules are checked by the service
    (`password_set_by_admin`), against the account's own names."""

    password1 = forms.CharField(
        label=_("New initial password"), strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        error_messages={"required": "请填写新的初始密码。"},
        help_text=_("The holder must change it at the next sign-in."),
    )
    password2 = forms.CharField(
        label=_("New initial password again"), strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        error_messages={"required": "请再次填写新的初始密码。"},
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("password1") and cleaned.get("password2") and cleaned["password1"] != cleaned["password2"]:
            self.add_error("password2", "两次填写的密码不一致。")
        return cleaned

    @property
    def rules(self) -> list[str]:
        """The password rules in force (AUTH_PASSWORD_VALIDATORS), as the validators word them."""
        return password_validation.password_validators_help_texts()


class RoleGrantForm(forms.Form):
    role = forms.ChoiceField(
        label=_("Role"), choices=[("", "—"), *Role.choices],
        error_messages={"required": "请选择要授予的角色。", "invalid_choice": "请选择要授予的角色。"},
    )


class AuditFilterForm(forms.Form):
    date_from = _date_field(_("From date"))
    date_to = _date_field(_("To date"))
    user = forms.CharField(label=_("User"), max_length=150, required=False)
    event = forms.ChoiceField(label=_("Event"), choices=[("", _("All events")), *AuditEvent.Event.choices], required=False)
    result = forms.ChoiceField(label=_("Result"), choices=[("", _("All results")), *AuditEvent.Result.choices], required=False)
    text = forms.CharField(label=_("Text"), max_length=200, required=False)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("date_from") and cleaned.get("date_to") and cleaned["date_from"] > cleaned["date_to"]:
            raise forms.ValidationError("开始日期不能晚于结束日期。")
        return cleaned

    def filters(self) -> dict:
        """The valid filters; an invalid one is ignored (and its error shown)."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {
            "date_from": data.get("date_from"),
            "date_to": data.get("date_to"),
            "user": (data.get("user") or "").strip(),
            "event": data.get("event") or "",
            "result": data.get("result") or "",
            "text": (data.get("text") or "").strip(),
        }
