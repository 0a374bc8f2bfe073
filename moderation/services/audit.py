from moderation.models import AuditEntry


def audit_record(*, action: str, actor=None, member=None, post=None, item=None, **data) -> AuditEntry:
    """Append one entry to the audit log (never updated, never deleted)."""
    return AuditEntry.objects.create(action=action, actor=actor, member=member, post=post, item=item, data=data)
