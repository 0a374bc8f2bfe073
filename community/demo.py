"""Demo accounts for a first run (``manage.py seed_demo``).

Every demo account gets the password in DEMO_PASSWORD; re-running the seed
resets it, so the README's list of accounts is always true.
"""

from dataclasses import dataclass

from community import services
from community.models import User
from community.roles import Role


@dataclass(frozen=True)
class DemoAccount:
    username: str
    display_name: str
    roles: tuple[Role, ...]
    is_superuser: bool = False


DEMO_ACCOUNTS = (
    DemoAccount("member", "Skyrunner", (Role.MEMBER,)),
    DemoAccount("member2", "Nordlys", (Role.MEMBER,)),
    DemoAccount("peerguide", "Trailblazer", (Role.MEMBER, Role.PEER_GUIDE)),
    DemoAccount("counsellor", "Anna Berg", (Role.COUNSELLOR,)),
    DemoAccount("counsellor2", "Mikkel Hansen", (Role.COUNSELLOR,)),
    DemoAccount("moderator", "Sofia Lind", (Role.COUNSELLOR, Role.MODERATOR)),
    DemoAccount("admin", "Site administrator", (), is_superuser=True),
)


def seed_accounts(*, password: str) -> dict[str, User]:
    """Create (or reset) the demo accounts; returns them by username."""
    accounts = {}
    # Staff first, so members' names are checked against the counsellors'.
    for account in sorted(DEMO_ACCOUNTS, key=lambda a: Role.COUNSELLOR not in a.roles):
        user = User.objects.filter(username=account.username).first()
        if user is None:
            user = services.user_create(
                username=account.username,
                display_name=account.display_name,
                email=f"{account.username}@example.org",
                password=password,
                role_set=account.roles,
                is_superuser=account.is_superuser,
                validate_password_strength=False,
            )
        else:
            user.set_password(password)
            user.save(update_fields=["password"])
            services.user_roles_set(user=user, role_set=account.roles)
        accounts[account.username] = user
    return accounts
