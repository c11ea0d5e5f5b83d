from django.urls import path

from . import views

app_name = "onsite"
urlpatterns = [
    path("groups/<int:pk>/", views.group_page, name="group"),
    path("groups/<int:pk>/symposia/add/", views.symposium_add, name="symposium_add"),
    path("groups/<int:pk>/meetings/add/", views.meeting_add, name="meeting_add"),
    path("groups/<int:pk>/visits/add/", views.visit_add, name="visit_add"),
    path("groups/<int:pk>/special-checks/add/", views.special_check_add, name="special_check_add"),
    path("groups/<int:pk>/mid-term/", views.mid_term, name="mid_term"),
    path("groups/<int:pk>/mid-term/submit/", views.mid_term_submit, name="mid_term_submit"),
    path("groups/<int:pk>/mid-term/receive/", views.mid_term_receive, name="mid_term_receive"),
    path("groups/<int:pk>/fixes/add/", views.fix_add, name="fix_add"),
    path("groups/<int:pk>/restricted/", views.restricted, name="restricted"),
    path("groups/<int:pk>/referrals/add/", views.referral_add, name="referral_add"),
    path("groups/<int:pk>/major-matters/add/", views.major_add, name="major_add"),
    path("inspections/<int:pk>/", views.entry, name="entry"),
    path("inspections/<int:pk>/meetings/<str:kind>/", views.entry_meeting, name="entry_meeting"),
    path("inspections/<int:pk>/publicity/<str:kind>/", views.publicity, name="publicity"),
    path("inspections/<int:pk>/reports/add/", views.unit_report_add, name="unit_report_add"),
    path("publicity/<int:pk>/risk-check/", views.publicity_risk_check, name="publicity_risk_check"),
    path("visits/<int:pk>/approve/", views.visit_approve, name="visit_approve"),
    path("visits/<int:pk>/record/", views.visit_record, name="visit_record"),
    path("visits/<int:pk>/cancel/", views.visit_cancel, name="visit_cancel"),
    path("special-checks/<int:pk>/sign/", views.special_check_sign, name="special_check_sign"),
    path("fixes/<int:pk>/response/", views.fix_response, name="fix_response"),
    path("fixes/<int:pk>/check/", views.fix_check, name="fix_check"),
    path("referrals/<int:pk>/", views.referral_detail, name="referral_detail"),
    path("referrals/<int:pk>/propose/", views.referral_propose, name="referral_propose"),
    path("referrals/<int:pk>/submit/", views.referral_submit, name="referral_submit"),
    path("referrals/<int:pk>/hand-over/", views.referral_hand, name="referral_hand"),
    path("major-matters/<int:pk>/acknowledge/", views.major_acknowledge, name="major_acknowledge"),
]
