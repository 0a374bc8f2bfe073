"""Accounts, roles and language."""

from collections.abc import Iterable

from django.conf import settings
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cms.page_cache import site_pages_invalidate
from community import outbox, policy, roles, safeguarding
from community.display_names import (
    normalise,
    skeleton,
    validate_display_name_form,
    validate_not_staff_like,
)
from community.legal import community_rules, privacy_notice
from community.models import Mode, User
from community.roles import Role
from community.safeguarding import Surface
from community.selectors import counsellor_display_names, supported_language
from community.selectors.privacy import privacy_settings

from .privacy import display_name_quarantined


def display_name_validate(*, display_name: str, user: User | None = None, staff: bool = False) -> str:
    """Check a display name for ``user`` (None: a new account); return its stored form.

    Members may not take a name that reads as staff or looks like a counsellor's;
    nobody may take a name that looks like anyone else's.
    """
    validate_display_name_form(display_name)
    name = normalise(display_name)
    taken = User.objects.filter(display_name_key=skeleton(name))
    if user is not None and user.pk:
        taken = taken.exclude(pk=user.pk)
    if taken.exists() or display_name_quarantined(name):
        raise ValidationError(
            _("This display name is taken, or looks too much like one that is. Please choose another."),
            code="taken",
        )
    if not staff:
        validate_not_staff_like(name, counsellor_display_names())
    # A name is shown next to everything the member writes: screened like any text they write.
    verdict = safeguarding.screen(author=user, space=None, mode=Mode.WALL, text=name, surface=Surface.DISPLAY_NAME)
    if verdict.refused:
        personal = [hit.detail for hit in verdict.hits if hit.rule == "personal_data"]
        if personal:
            raise ValidationError(
                _("A display name cannot contain %(what)s: everyone would see it next to what you write.")
                % {"what": personal[0]},
                code="personal_data",
            )
        raise ValidationError(_("This display name uses words that aren't allowed in names. Please choose another."), code="words")
    return name


def _email_validate(*, email: str, user: User | None = None, check_taken: bool = True) -> str:
    email = User.objects.normalize_email((email or "").strip())
    if not email:
        raise ValidationError(_("Please give an e-mail address, so you can reset your password."), code="required")
    validate_email(email)
    if not check_taken:
        return email
    clash = User.objects.filter(email__iexact=email)
    if user is not None and user.pk:
        clash = clash.exclude(pk=user.pk)
    if clash.exists():
        raise ValidationError(_("An account with this e-mail address already exists."), code="email_taken")
    return email


def _language_validate(language: str) -> str:
    checked = supported_language(language)
    if not checked:
        raise ValidationError(_("This language is not offered."), code="language")
    return checked


def _collect(errors: dict, field: str, check, *args, **kwargs):
    """Run one field's check, gathering its error so all fields are reported at once."""
    try:
        return check(*args, **kwargs)
    except ValidationError as error:
        errors.setdefault(field, []).extend(error.error_list)
        return None


def _save_guarding_uniqueness(user: User) -> None:
    # A concurrent sign-up may take the same name or address between our check
    # and the insert; the unique constraints catch it and we answer in kind.
    try:
        with transaction.atomic():
            user.save()
    except IntegrityError as error:
        raise ValidationError(
            {"display_name": _("This display name or e-mail address was just taken. Please try again.")},
            code="taken",
        ) from error


@transaction.atomic
def user_create(
    *,
    username: str,
    display_name: str,
    email: str,
    password: str,
    preferred_language: str = "en",
    role_set: Iterable[Role] = (Role.MEMBER,),
    is_superuser: bool = False,
    validate_password_strength: bool = True,
    quiet_about_taken: bool = False,
    email_verified: bool = True,
    birth_year: int | None = None,
    rules_version_accepted: int | None = None,
    privacy_notice_version_accepted: int | None = None,
) -> User:
    """Create an account with the given roles (members sign up through member_sign_up).

    ``quiet_about_taken``: a taken username or e-mail address is not an error on the
    page (that would tell anyone who has an account here); once everything else is
    valid, ``AccountTaken`` is raised instead, for the caller to tell the owner by e-mail.
    """
    role_set = frozenset(role_set)
    staff = bool(role_set & roles.STAFF_ROLES) or is_superuser
    errors: dict[str, list] = {}
    username = username.strip()
    username_taken = User.objects.filter(username__iexact=username).exists()
    if username_taken and not quiet_about_taken:
        errors["username"] = [ValidationError(_("This username is taken."), code="username_taken")]
    name = _collect(errors, "display_name", display_name_validate, display_name=display_name, staff=staff)
    email = _collect(errors, "email", _email_validate, email=email, check_taken=not quiet_about_taken)
    email_taken = bool(quiet_about_taken and email and User.objects.filter(email__iexact=email).exists())
    language = _collect(errors, "preferred_language", _language_validate, preferred_language)
    user = User(
        username=username,
        display_name=name or display_name,
        email=email or "",
        preferred_language=language or "en",
        is_superuser=is_superuser,
        is_staff=is_superuser,
        email_verified=email_verified,
        birth_year=birth_year,
        rules_version_accepted=rules_version_accepted,
        privacy_notice_version_accepted=privacy_notice_version_accepted,
    )
    try:
        User._meta.get_field("username").run_validators(username)
    except ValidationError as error:
        errors.setdefault("username", []).extend(error.error_list)
    if validate_password_strength:
        _collect(errors, "password", validate_password, password, user)
    if errors:
        raise ValidationError(errors)
    if username_taken or email_taken:
        raise AccountTaken(email=email, email_taken=email_taken, language=user.preferred_language)
    user.set_password(password)
    _save_guarding_uniqueness(user)
    user_roles_set(user=user, role_set=role_set)
    return user


class AccountTaken(Exception):
    def __init__(self, *, email: str, email_taken: bool, language: str):
        super().__init__("taken")
        self.email, self.email_taken, self.language = email, email_taken, language


class NeedsParentalConsent(Exception):
    """Younger than the consent age: the organisation's parental-consent route, not an account."""


def sign_up_age_check(*, birth_year: int | None) -> None:
    """With only a birth year, count the youngest age it allows: a child is never let through by rounding."""
    if birth_year is None:
        return
    this_year = timezone.now().year
    if birth_year > this_year:
        raise ValidationError({"birth_year": _("Please give the year you were born.")}, code="invalid")
    if this_year - birth_year - 1 < privacy_settings().consent_age:
        raise NeedsParentalConsent


def member_sign_up(
    *,
    username: str,
    display_name: str,
    email: str,
    password: str,
    preferred_language: str,
    birth_year: int | None = None,
) -> User | None:
    """A young person creates their own account; they start as a member, with the e-mail address unverified.

    The page answers the same whether or not the username or address is taken (no account
    enumeration): a new account gets a confirmation link by e-mail; if the username or
    address is taken, the address gets an e-mail saying so, and None is returned. Under the
    site's consent age it raises ``NeedsParentalConsent`` and nothing is stored.
    The current community rules and privacy notice count as accepted (the form asks).
    """
    sign_up_age_check(birth_year=birth_year)
    rules, notice = community_rules(), privacy_notice()
    try:
        user = user_create(
            username=username,
            display_name=display_name,
            email=email,
            password=password,
            preferred_language=preferred_language,
            role_set=(Role.MEMBER,),
            quiet_about_taken=True,
            email_verified=False,
            birth_year=birth_year,
            rules_version_accepted=rules.version if rules else None,
            privacy_notice_version_accepted=notice.version if notice else None,
        )
    except AccountTaken as taken:
        _mail_after_commit(
            taken.email,
            taken.language,
            gettext_lazy("Your sign-up") if not taken.email_taken else gettext_lazy("Someone tried to sign up with your e-mail address"),
            "registration/email/sign_up_taken.txt",
            {"email_taken": taken.email_taken, "log_in": _absolute(reverse("account_login")), "reset": _absolute(reverse("account_password_reset"))},
        )
        return None
    email_verification_send(user=user)
    return user


@transaction.atomic
def rules_accept(*, user: User) -> None:
    """The member accepts the current community rules (asked again when a new version is published)."""
    rules = community_rules()
    if rules is not None:
        user.rules_version_accepted = rules.version
        user.save(update_fields=["rules_version_accepted"])
    user.__dict__.pop("_current_rules", None)


def _absolute(path: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def _render_mail(language: str, subject, template: str, context: dict) -> tuple[str, str]:
    with translation.override(language):
        subject = str(subject)
        body = render_to_string(template, {**context, "site_name": settings.WAGTAIL_SITE_NAME})
    return f"[{settings.WAGTAIL_SITE_NAME}] {subject}", body


def _mail_after_commit(address: str, language: str, subject, template: str, context: dict) -> None:
    subject, body = _render_mail(language, subject, template, context)
    transaction.on_commit(lambda: send_mail(subject, body, None, [address]))


def _mail_now(address: str, language: str, subject, template: str, context: dict) -> None:
    """For tasks, which run after the change committed."""
    subject, body = _render_mail(language, subject, template, context)
    send_mail(subject, body, None, [address])


_VERIFY_SALT = "community.email-verification"
VERIFY_MAX_AGE = 3 * 24 * 3600


def email_verification_send(*, user: User) -> None:
    """E-mail a link that confirms the address (valid three days; only for this address)."""
    token = signing.dumps({"u": user.pk, "e": user.email.lower()}, salt=_VERIFY_SALT)
    _mail_after_commit(
        user.email,
        user.preferred_language,
        gettext_lazy("Confirm your e-mail address"),
        "registration/email/verify_email.txt",
        {"user": user, "link": _absolute(reverse("account_verify_email", args=[token]))},
    )


@transaction.atomic
def email_verify(*, token: str) -> User:
    """Follow the link: the address is confirmed. A link that is wrong, old, or for an earlier address is refused."""
    try:
        data = signing.loads(token, salt=_VERIFY_SALT, max_age=VERIFY_MAX_AGE)
    except signing.BadSignature as error:
        raise ValidationError(_("This link is not valid any more. Log in and ask for a new one on your profile."), code="invalid") from error
    user = User.objects.filter(pk=data.get("u"), email__iexact=data.get("e", ""), erased_at__isnull=True).first()
    if user is None:
        raise ValidationError(_("This link is not valid any more. Log in and ask for a new one on your profile."), code="invalid")
    if not user.email_verified:
        user.email_verified = True
        user.save(update_fields=["email_verified"])
    return user


@transaction.atomic
def member_profile_update(*, user: User, display_name: str, email: str, preferred_language: str) -> User:
    """A member changes what others see of them, their address or their language.

    A new address is only asked for here (``email_change_request``): it replaces the
    current one when the link sent to it is followed.
    """
    errors: dict[str, list] = {}
    staff = roles.is_counsellor(user)
    if normalise(display_name or "") != user.display_name:
        # A new name is a new text others see: a silenced or suspended member may not write one.
        policy.require_may_write(user)
    name = _collect(errors, "display_name", display_name_validate, display_name=display_name, user=user, staff=staff)
    # Whether another account has the address is never said here (no account enumeration).
    email = _collect(errors, "email", _email_validate, email=email, user=user, check_taken=False)
    language = _collect(errors, "preferred_language", _language_validate, preferred_language)
    if errors:
        raise ValidationError(errors)
    renamed = name != user.display_name
    user.display_name = name
    user.preferred_language = language
    _save_guarding_uniqueness(user)
    # The current address (what the form shows, or what the API assumes when none is given)
    # leaves a pending change alone; asking for the pending one again sends its link again.
    if email.lower() != user.email.lower():
        email_change_request(user=user, new_email=email)
    _sync_admin_language(user)
    if renamed:
        site_pages_invalidate()  # the name shows on every page they wrote on
    return user


_CHANGE_SALT = "community.email-change"


@transaction.atomic
def email_change_request(*, user: User, new_email: str) -> None:
    """Keep ``new_email`` as pending and mail it a confirmation link; the current address is told.

    The answer is the same whether or not another account has the address: that is
    said only by e-mail, to the address itself (see ``email_change_mails_send``).
    """
    user.pending_email = _email_validate(email=new_email, check_taken=False)
    user.save(update_fields=["pending_email"])
    outbox.enqueue("community.tasks.send_email_change_mails", user.pk, user.pending_email)


def email_change_mails_send(*, user_id: int, new_email: str) -> int:
    """The outbox's task: the link to the new address, a notice to the current one. Returns mails sent.

    Nothing is sent for a change the member has since replaced or withdrawn.
    """
    user = User.objects.filter(pk=user_id, erased_at__isnull=True).first()
    if user is None or not user.pending_email or user.pending_email.lower() != new_email.lower():
        return 0
    taken = User.objects.filter(email__iexact=user.pending_email).exclude(pk=user.pk).exists()
    if taken:
        _mail_now(
            user.pending_email,
            user.preferred_language,
            gettext_lazy("Someone tried to use your e-mail address"),
            "registration/email/email_change_taken.txt",
            {"log_in": _absolute(reverse("account_login")), "reset": _absolute(reverse("account_password_reset"))},
        )
    else:
        token = signing.dumps({"u": user.pk, "e": user.pending_email.lower(), "o": user.email.lower()}, salt=_CHANGE_SALT)
        _mail_now(
            user.pending_email,
            user.preferred_language,
            gettext_lazy("Confirm your new e-mail address"),
            "registration/email/email_change_verify.txt",
            {"user": user, "link": _absolute(reverse("account_email_change_confirm", args=[token]))},
        )
    if user.email:
        _mail_now(
            user.email,
            user.preferred_language,
            gettext_lazy("A change of your e-mail address was asked for"),
            "registration/email/email_change_notice.txt",
            {"user": user, "new_email": user.pending_email, "password": _absolute(reverse("account_password_reset"))},
        )
    return 2 if user.email else 1


@transaction.atomic
def email_change_confirm(*, token: str) -> User:
    """Follow the link sent to the new address: it becomes the account's (confirmed) address.

    A link that is wrong, old, for a change since replaced, or made before another change is refused.
    """
    invalid = ValidationError(
        _("This link is not valid any more. Log in and change your e-mail address on your profile again."), code="invalid"
    )
    try:
        data = signing.loads(token, salt=_CHANGE_SALT, max_age=VERIFY_MAX_AGE)
    except signing.BadSignature as error:
        raise invalid from error
    user = (
        User.objects.select_for_update()
        .filter(pk=data.get("u"), erased_at__isnull=True, pending_email__iexact=data.get("e", "-"), email__iexact=data.get("o", "-"))
        .first()
    )
    if user is None or User.objects.filter(email__iexact=user.pending_email).exclude(pk=user.pk).exists():
        raise invalid
    user.email, user.pending_email, user.email_verified = user.pending_email, "", True
    _save_guarding_uniqueness(user)
    return user


@transaction.atomic
def member_language_set(*, user: User, language: str) -> None:
    user.preferred_language = _language_validate(language)
    user.save(update_fields=["preferred_language"])
    _sync_admin_language(user)


def _sync_admin_language(user: User) -> None:
    # Counsellors work in the Wagtail admin, which keeps its own language
    # preference; one choice should serve both sides of the service.
    if roles.is_counsellor(user):
        from wagtail.users.models import UserProfile

        profile = UserProfile.get_for_user(user)
        if profile.preferred_language != user.preferred_language:
            profile.preferred_language = user.preferred_language
            profile.save(update_fields=["preferred_language"])


@transaction.atomic
def user_roles_set(*, user: User, role_set: Iterable[Role]) -> None:
    """Give the user exactly these roles, leaving any other groups alone."""
    wanted = {roles.GROUP_NAMES[Role(role)] for role in role_set}
    role_groups = Group.objects.filter(name__in=roles.GROUP_NAMES.values())
    missing = wanted - {group.name for group in role_groups}
    if missing:
        raise ValidationError(
            _("The role groups are missing (%(groups)s); run the migrations.") % {"groups": ", ".join(sorted(missing))}
        )
    user.groups.remove(*[group for group in role_groups if group.name not in wanted])
    user.groups.add(*[group for group in role_groups if group.name in wanted])
    roles.forget_roles(user)


# What each staff role may do in the Wagtail admin. Members and peer guides
# never reach the admin; everything they do happens on the site.
_COUNSELLOR_PERMISSIONS = [
    ("wagtailadmin", "admin", "access_admin"),
    # Counsellors write the CMS pages, and translate them (wagtail-localize's "Translate").
    ("wagtail_localize", "translation", "submit_translation"),
]
_MODERATOR_PERMISSIONS = _COUNSELLOR_PERMISSIONS + [
    ("cms", "communitysettings", "change_communitysettings"),
    ("moderation", "staffedhours", "change_staffedhours"),  # the counsellors' staffed hours
    # "Delete" in the user admin erases a member's account (see community.admin_views.UserEraseView).
    ("community", "user", "delete_user"),
    # The data protection dials: retention periods, consent age, cooling-off.
    ("community", "privacysettings", "change_privacysettings"),
    ("cms", "communityspacepage", "change_space_settings"),
    # The moderation rules (watched words, crisis signals, help resources) are theirs to manage.
    *[
        ("moderation", model, f"{verb}_{model}")
        for model in ("watchedword", "crisisrule", "helpresource")
        for verb in ("add", "change", "delete", "view")
    ],
    # The register of services counsellors refer members to (issue 10).
    *[("community", "referralservice", f"{verb}_referralservice") for verb in ("add", "change", "delete", "view")],
]
_PAGE_PERMISSIONS = {
    Role.COUNSELLOR: ["add_page", "change_page", "publish_page"],
    Role.MODERATOR: ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
}
_COLLECTION_PERMISSIONS = [
    ("wagtailimages", "image", ["add_image", "change_image", "choose_image"]),
    ("wagtaildocs", "document", ["add_document", "change_document", "choose_document"]),
]


def _permission(app_label: str, model: str, codename: str):
    from django.contrib.auth.models import Permission
    from django.contrib.contenttypes.models import ContentType

    content_type, _created = ContentType.objects.get_or_create(app_label=app_label, model=model)
    permission, _created = Permission.objects.get_or_create(
        content_type=content_type, codename=codename, defaults={"name": codename.replace("_", " ")}
    )
    return permission


@transaction.atomic
def role_groups_ensure() -> None:
    """Create the role groups with their admin permissions (idempotent; runs after migrate)."""
    from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

    groups = {role: Group.objects.get_or_create(name=name)[0] for role, name in roles.GROUP_NAMES.items()}
    groups[Role.COUNSELLOR].permissions.add(*[_permission(*spec) for spec in _COUNSELLOR_PERMISSIONS])
    groups[Role.MODERATOR].permissions.add(*[_permission(*spec) for spec in _MODERATOR_PERMISSIONS])

    root_page = Page.get_first_root_node()
    root_collection = Collection.get_first_root_node()
    for role in roles.STAFF_ROLES:
        if root_page is not None:
            for codename in _PAGE_PERMISSIONS[role]:
                GroupPagePermission.objects.get_or_create(
                    group=groups[role], page=root_page, permission=_permission("wagtailcore", "page", codename)
                )
        if root_collection is not None:
            for app_label, model, codenames in _COLLECTION_PERMISSIONS:
                for codename in codenames:
                    GroupCollectionPermission.objects.get_or_create(
                        group=groups[role],
                        collection=root_collection,
                        permission=_permission(app_label, model, codename),
                    )
    # Counsellors review what members propose (level 4 update proposals) in
    # Wagtail's workflow, alongside moderators.
    from wagtail.models import GroupApprovalTask

    for task in GroupApprovalTask.objects.filter(active=True):
        task.groups.add(groups[Role.COUNSELLOR], groups[Role.MODERATOR])
