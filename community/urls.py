from django.conf import settings
from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from community.views import accounts, language

urlpatterns = [
    path("account/sign-up/", accounts.sign_up, name="account_sign_up"),
    path(
        "account/log-in/",
        auth_views.LoginView.as_view(redirect_authenticated_user=True),
        name="account_login",
    ),
    path("account/log-out/", accounts.LogOutView.as_view(), name="account_logout"),
    path("account/profile/", accounts.profile, name="account_profile"),
    path(
        "account/password/",
        auth_views.PasswordChangeView.as_view(success_url=reverse_lazy("account_password_change_done")),
        name="account_password_change",
    ),
    path(
        "account/password/changed/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="account_password_change_done",
    ),
    path(
        "account/password/reset/",
        auth_views.PasswordResetView.as_view(
            success_url=reverse_lazy("account_password_reset_done"),
            email_template_name="registration/password_reset_email.txt",
            subject_template_name="registration/password_reset_subject.txt",
            extra_email_context={"site_name": settings.WAGTAIL_SITE_NAME},
        ),
        name="account_password_reset",
    ),
    path(
        "account/password/reset/sent/",
        auth_views.PasswordResetDoneView.as_view(),
        name="account_password_reset_done",
    ),
    path(
        "account/password/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            success_url=reverse_lazy("account_password_reset_complete")
        ),
        name="account_password_reset_confirm",
    ),
    path(
        "account/password/reset/done/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="account_password_reset_complete",
    ),
    path("language/", language.language_set, name="language_set"),
]
