from functools import partial
from urllib.parse import quote

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.views import defaults
from django.views.decorators.http import require_POST

from xunchar.access.decorators import require
from xunchar.access.services import access_log_export
from xunchar.accounts import services as account_services
from xunchar.accounts.models import User
from xunchar.accounts.roles import Role
from xunchar.audit.models import AuditEvent
from xunchar.audit.services import audit_record

from . import exports, selectors, services
from .forms import AccountCreateForm, AccountForm, AuditFilterForm, PasswordResetForm, RoleGrantForm
from .permissions import can_manage_accounts, can_manage_roles, can_read_audit_log

PAGE_SIZE = 50
# An export beyond this many rows is refused: narrow the dates instead.
MAX_EXPORT_ROWS = 100_000


def permission_denied(request, exception=None):
    """handler403: every refusal is written to the audit log (who, which page), then the usual 403 page."""
    match = getattr(request, "resolver_match", None)
    audit_record(
        event=AuditEvent.Event.PERMISSION_DENIED,
        request=request,
        result=AuditEvent.Result.REFUSED,
        detail=f"{request.method} {match.view_name}" if match else request.method,
    )
    return defaults.permission_denied(request, exception)


def _refused(request, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


# --- Accounts (system administrator) ------------------------------------------------------------------


@require(can_manage_accounts)
def account_list(request):
    query = request.GET.get("q", "").strip()
    page = Paginator(selectors.accounts_for_list(query=query), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "administration/account_list.html", {"page": page, "q": query})


@require(can_manage_accounts)
def account_create(request):
    form = AccountCreateForm(request.POST or None)
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        try:
            user = services.account_create(
                actor=request.user, username=data["username"], full_name=data["full_name"], password=data["password1"],
                cadre=data["cadre"], contact_unit=data["contact_unit"], request=request,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"已新建账号 {user.get_username()}，首次登录时须修改初始密码。")
            return redirect("administration:account_detail", pk=user.pk)
    return render(request, "administration/account_create.html", {"form": form})


@require(can_manage_accounts)
def account_detail(request, pk):
    account = get_object_or_404(User.objects.select_related("cadre__unit", "contact_unit"), pk=pk)
    form = AccountForm(request.POST or None, account=account)
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        try:
            services.account_update(
                actor=request.user, user=account, full_name=data["full_name"], cadre=data["cadre"],
                contact_unit=data["contact_unit"], request=request,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "已保存。")
            return redirect("administration:account_detail", pk=account.pk)
    context = {
        "account": account,
        "form": form,
        "sessions": selectors.live_sessions(account),
        "security": selectors.account_security(account),
        "is_self": account.pk == request.user.pk,
    }
    return render(request, "administration/account_detail.html", context)


def _account_action(request, pk, action, done: str):
    account = get_object_or_404(User, pk=pk)
    try:
        action(actor=request.user, user=account, request=request)
    except ValidationError as error:
        _refused(request, error)
    else:
        messages.success(request, done)
    return redirect("administration:account_detail", pk=account.pk)


@require(can_manage_accounts)
@require_POST
def account_disable(request, pk):
    disable = partial(services.account_set_active, active=False)
    return _account_action(request, pk, disable, "账号已停用，其会话已全部结束。")


@require(can_manage_accounts)
@require_POST
def account_enable(request, pk):
    return _account_action(request, pk, partial(services.account_set_active, active=True), "账号已启用。")


@require(can_manage_accounts)
@require_POST
def account_end_sessions(request, pk):
    return _account_action(request, pk, services.sessions_end, "已结束该用户的全部会话，其下次操作时须重新登录。")


@require(can_manage_accounts)
@require_POST
def account_unlock(request, pk):
    account = get_object_or_404(User, pk=pk)
    try:
        unlocked = account_services.account_unlock(user=account, actor=request.user, request=request)
    except ValidationError as error:
        _refused(request, error)
    else:
        if unlocked:
            messages.success(request, "已解除该账号的登录锁定，其连续登录失败次数已清零，可以立即登录。")
        else:
            messages.info(request, "该账号当前没有被锁定，无需解除。")
    return redirect("administration:account_detail", pk=account.pk)


@require(can_manage_accounts)
def account_password_reset(request, pk):
    """GET: the form, which says what follows. POST: the new initial password, typed twice."""
    account = get_object_or_404(User, pk=pk)
    form = PasswordResetForm(request.POST or None)
    if form.is_bound and form.is_valid():
        try:
            services.account_password_reset(
                actor=request.user, user=account, new_password=form.cleaned_data["password1"], request=request,
            )
        except ValidationError as error:
            form.add_error("password1", error)
        else:
            messages.success(
                request, f"已重置 {account.get_username()} 的密码，其会话已全部结束。"
                "请将新的初始密码当面告知本人，本人下次登录时须修改密码。",
            )
            return redirect("administration:account_detail", pk=account.pk)
    context = {"account": account, "form": form, "is_self": account.pk == request.user.pk}
    return render(request, "administration/account_password_reset.html", context)


@require(can_manage_accounts)
def account_otp_reset(request, pk):
    """GET: the account's second factor and what a reset does — the confirmation. POST: the reset."""
    account = get_object_or_404(User, pk=pk)
    if request.method == "POST":
        try:
            removed = services.account_second_factor_reset(actor=request.user, user=account)
        except ValidationError as error:
            _refused(request, error)
        else:
            if removed:
                messages.success(
                    request, f"已重置 {account.get_username()} 的动态口令（删除验证器 {removed} 个），"
                    "本人下次操作或登录时须重新绑定身份验证器。",
                )
            else:
                messages.info(request, "该账号没有绑定身份验证器，无需重置。")
        return redirect("administration:account_detail", pk=account.pk)
    context = {
        "account": account, "security": selectors.account_security(account), "is_self": account.pk == request.user.pk,
    }
    return render(request, "administration/account_otp_reset.html", context)


# --- Roles (security administrator) --------------------------------------------------------------------


@require(can_manage_roles)
def role_list(request):
    query = request.GET.get("q", "").strip()
    role = request.GET.get("role", "")
    accounts = selectors.accounts_with_roles(query=query, role=role)
    page = Paginator(accounts, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request, "administration/role_list.html", {"page": page, "q": query, "role": role, "roles": Role.choices}
    )


@require(can_manage_roles)
def role_detail(request, pk):
    account = get_object_or_404(User.objects.select_related("cadre__unit", "contact_unit"), pk=pk)
    grants = account.role_grants.order_by("role")
    context = {"account": account, "grants": grants, "form": RoleGrantForm(), "is_self": account.pk == request.user.pk}
    return render(request, "administration/role_detail.html", context)


@require(can_manage_roles)
@require_POST
def role_grant(request, pk):
    account = get_object_or_404(User, pk=pk)
    form = RoleGrantForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
        return redirect("administration:role_detail", pk=account.pk)
    role = form.cleaned_data["role"]
    try:
        granted = services.role_grant(actor=request.user, user=account, role=role, request=request)
    except ValidationError as error:
        _refused(request, error)
    else:
        label = services.role_label(role)
        messages.success(request, f"已授予角色：{label}。" if granted else f"该账号已有角色：{label}。")
    return redirect("administration:role_detail", pk=account.pk)


@require(can_manage_roles)
@require_POST
def role_revoke(request, pk):
    account = get_object_or_404(User, pk=pk)
    role = request.POST.get("role", "")
    try:
        revoked = services.role_revoke(actor=request.user, user=account, role=role, request=request)
    except ValidationError as error:
        _refused(request, error)
    else:
        if revoked:
            messages.success(request, f"已撤销角色：{services.role_label(role)}。")
    return redirect("administration:role_detail", pk=account.pk)


# --- The audit log (audit administrator) ---------------------------------------------------------------


@require(can_read_audit_log)
def audit_list(request):
    form = AuditFilterForm(request.GET or None)
    filters = form.filters() if form.is_bound else {}
    page = Paginator(selectors.audit_events(**filters), PAGE_SIZE).get_page(request.GET.get("page"))
    export_query = request.GET.copy()
    export_query.pop("page", None)
    return render(
        request, "administration/audit_list.html",
        {"form": form, "page": page, "export_query": export_query.urlencode()},
    )


@require(can_read_audit_log)
def audit_export(request):
    form = AuditFilterForm(request.GET or None)
    events = selectors.audit_events(**(form.filters() if form.is_bound else {}))
    count = events.count()
    if count > MAX_EXPORT_ROWS:
        messages.error(request, f"符合条件的记录有 {count} 条，超过单次导出上限 {MAX_EXPORT_ROWS} 条，请缩小日期范围后再导出。")
        return redirect(f"{reverse('administration:audit_list')}?{request.GET.urlencode()}")
    content = exports.audit_workbook(events.iterator(chunk_size=2000))
    access_log_export(request=request, model=AuditEvent, count=count, what=request.GET.urlencode())
    day = timezone.localdate().isoformat()
    response = HttpResponse(content, content_type=exports.XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = (
        f"attachment; filename=\"audit-log_{day}.xlsx\"; filename*=UTF-8''{quote(f'审计日志_{day}.xlsx')}"
    )
    add_never_cache_headers(response)
    return response
