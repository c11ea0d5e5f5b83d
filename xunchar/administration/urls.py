from django.urls import path

from . import views

app_name = "administration"
urlpatterns = [
    # system administrator
    path("accounts/", views.account_list, name="account_list"),
    path("accounts/new/", views.account_create, name="account_create"),
    path("accounts/<int:pk>/", views.account_detail, name="account_detail"),
    path("accounts/<int:pk>/disable/", views.account_disable, name="account_disable"),
    path("accounts/<int:pk>/enable/", views.account_enable, name="account_enable"),
    path("accounts/<int:pk>/end-sessions/", views.account_end_sessions, name="account_end_sessions"),
    path("accounts/<int:pk>/unlock/", views.account_unlock, name="account_unlock"),
    path("accounts/<int:pk>/password/", views.account_password_reset, name="account_password_reset"),
    path("accounts/<int:pk>/second-factor/reset/", views.account_otp_reset, name="account_otp_reset"),
    # security administrator
    path("roles/", views.role_list, name="role_list"),
    path("roles/<int:pk>/", views.role_detail, name="role_detail"),
    path("roles/<int:pk>/grant/", views.role_grant, name="role_grant"),
    path("roles/<int:pk>/revoke/", views.role_revoke, name="role_revoke"),
    # audit administrator
    path("audit/", views.audit_list, name="audit_list"),
    path("audit/export/", views.audit_export, name="audit_export"),
]
