from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from groups.models import GroupMembership


def _text(rows=4):
    return forms.Textarea(attrs={"rows": rows, "cols": 80})


class ProposeDirectDeliveryForm(forms.Form):
    reason = forms.CharField(label=_("Whom it concerns (why it is a direct-delivery item)"), max_length=300,
                             widget=forms.TextInput(attrs={"size": 60}),
                             help_text=_("For example: a relative of a county leader; a former county leader under investigation."))


class DeclineForm(forms.Form):
    reason = forms.CharField(label=_("Why it is not a direct-delivery item"), widget=_text(3))


class UserChoice(forms.ModelChoiceField):
    def label_from_instance(self, user):
        return user.display_name


class ReportForm(forms.Form):
    """巡察径送件呈报单, filled by the group leader."""

    person = forms.CharField(label=_("Person concerned and post"), max_length=200, widget=forms.TextInput(attrs={"size": 60}))
    points = forms.CharField(label=_("Main points"), widget=_text(5))
    opinion = forms.CharField(label=_("Group leader's opinion"), widget=_text(3), required=False)
    registrar = UserChoice(label=_("Registered by"), queryset=get_user_model().objects.none())

    def __init__(self, *args, group, leader, **kwargs):
        super().__init__(*args, **kwargs)
        cadres = GroupMembership.objects.filter(group=group).values("cadre_id")
        self.fields["registrar"].queryset = (
            get_user_model().objects.filter(is_active=True, cadre_id__in=cadres).exclude(pk=leader.pk).order_by("username")
        )


class ReaderForm(forms.Form):
    reader = UserChoice(label=_("Reader"), queryset=get_user_model().objects.none())

    def __init__(self, *args, **kwargs):
        from xunchar.accounts.roles import LEADERSHIP_ROLES, Role

        super().__init__(*args, **kwargs)
        roles = [*LEADERSHIP_ROLES, Role.OFFICE_DIRECTOR]
        self.fields["reader"].queryset = (
            get_user_model().objects.filter(is_active=True, role_grants__role__in=roles)
            .exclude(role_grants__role=Role.SECRETARY).distinct().order_by("username")
        )
