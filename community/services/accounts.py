"""Accounts, roles and language."""

from collections.abc import Iterable

from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from community import policy, roles, safeguarding
from community.safeguarding import Surface
from community.display_names import normalise, skeleton, validate_display_name_form, validate_not_staff_like
from community.models import Mode, User
from community.roles import Role
from community.selectors import counsellor_display_names, supported_language


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
    if taken.exists():
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


def _email_validate(*, email: str, user: User | None = None) -> str:
    email = User.objects.normalize_email((email or "").strip())
    if not email:
        raise ValidationError(_("Please give an e-mail address, so you can reset your password."), code="required")
    validate_email(email)
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
) -> User:
    """Create an account with the given roles (members sign up through member_sign_up)."""
    role_set = frozenset(role_set)
    staff = bool(role_set & roles.STAFF_ROLES) or is_superuser
    errors: dict[str, list] = {}
    username = username.strip()
    if User.objects.filter(username__iexact=username).exists():
        errors["username"] = [ValidationError(_("This username is taken."), code="username_taken")]
    name = _collect(errors, "display_name", display_name_validate, display_name=display_name, staff=staff)
    email = _collect(errors, "email", _email_validate, email=email)
    language = _collect(errors, "preferred_language", _language_validate, preferred_language)
    user = User(
        username=username,
        display_name=name or display_name,
        email=email or "",
        preferred_language=language or "en",
        is_superuser=is_superuser,
        is_staff=is_superuser,
    )
    try:
        User._meta.get_field("username").run_validators(username)
    except ValidationError as error:
        errors.setdefault("username", []).extend(error.error_list)
    if validate_password_strength:
        _collect(errors, "password", validate_password, password, user)
    if errors:
        raise ValidationError(errors)
    user.set_password(password)
    _save_guarding_uniqueness(user)
    user_roles_set(user=user, role_set=role_set)
    return user


def member_sign_up(
    *, username: str, display_name: str, email: str, password: str, preferred_language: str
) -> User:
    """A young person creates their own account; they start as a member."""
    return user_create(
        username=username,
        display_name=display_name,
        email=email,
        password=password,
        preferred_language=preferred_language,
        role_set=(Role.MEMBER,),
    )


@transaction.atomic
def member_profile_update(*, user: User, display_name: str, email: str, preferred_language: str) -> User:
    """A member changes what others see of them, their address or their language."""
    errors: dict[str, list] = {}
    staff = roles.is_counsellor(user)
    if normalise(display_name or "") != user.display_name:
        # A new name is a new text others see: a silenced or suspended member may not write one.
        policy.require_may_write(user)
    name = _collect(errors, "display_name", display_name_validate, display_name=display_name, user=user, staff=staff)
    email = _collect(errors, "email", _email_validate, email=email, user=user)
    language = _collect(errors, "preferred_language", _language_validate, preferred_language)
    if errors:
        raise ValidationError(errors)
    user.display_name = name
    user.email = email
    user.preferred_language = language
    _save_guarding_uniqueness(user)
    _sync_admin_language(user)
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
]
_MODERATOR_PERMISSIONS = _COUNSELLOR_PERMISSIONS + [
    ("cms", "communitysettings", "change_communitysettings"),
    ("moderation", "staffedhours", "change_staffedhours"),  # the counsellors' staffed hours
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
