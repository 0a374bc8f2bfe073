"""Writing notifications in bulk: one row per recipient and event, whatever happens to the task."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import QuerySet
from django.utils import translation

from cms.language_urls import without_language_prefix
from community import outbox
from community.models import Notification, NotificationSettings, User

from .messages import render_message


def deliver(
    *,
    event_key: str,
    kind: str,
    recipient_ids,
    actor,
    url: str,
    text: dict,
    target=None,
) -> int:
    """Notify every recipient once about one event; returns how many active recipients there were.

    ``recipient_ids`` may be a list or a queryset of user ids (a queryset stays
    one query, however many followers). ``text`` is a message (``messages.message``):
    it is stored as key and parameters and written out whenever the notification is read, in the
    reader's language of the moment; the ``description`` kept beside it (rendered once per
    language, in the recipient's) is what a reader sees should the message ever be unknown.
    Rows an earlier, interrupted run already wrote are skipped by the unique
    constraint on (recipient, event_key), so a rerun writes only what is missing.
    """
    if isinstance(recipient_ids, QuerySet):
        recipients = User.objects.filter(pk__in=recipient_ids.order_by())
    else:
        ids = set(recipient_ids)
        if not ids:
            return 0
        recipients = User.objects.filter(pk__in=ids)
    recipients = recipients.filter(is_active=True).order_by("pk").values_list("pk", "preferred_language")
    actor_type = ContentType.objects.get_for_model(actor)
    target_type = ContentType.objects.get_for_model(target) if target is not None else None
    texts: dict[str, str] = {}
    # The address in no particular language: each recipient opens it in their own.
    url = without_language_prefix(url)
    written = 0
    chunk: list[Notification] = []

    def flush():
        with transaction.atomic():
            Notification.objects.bulk_create(chunk, ignore_conflicts=True)

    for person_id, language in recipients.iterator(chunk_size=settings.NOTIFICATION_CHUNK_SIZE):
        if language not in texts:
            with translation.override(language):
                texts[language] = render_message(text)
        chunk.append(
            Notification(
                recipient_id=person_id,
                kind=kind,
                event_key=event_key,
                url=url,
                verb=kind,
                description=texts[language],
                data={"text": text},
                actor_content_type=actor_type,
                actor_object_id=str(actor.pk),
                target_content_type=target_type,
                target_object_id=str(target.pk) if target is not None else None,
                public=False,
            )
        )
        if len(chunk) >= settings.NOTIFICATION_CHUNK_SIZE:
            flush()
            written += len(chunk)
            chunk = []
    if chunk:
        flush()
        written += len(chunk)
    if written:
        _email_now(event_key=event_key, kind=kind, recipients=recipients)
    return written


def _email_now(*, event_key: str, kind: str, recipients) -> None:
    """Queue the e-mails for those who want this kind by e-mail too (one query for everyone)."""
    wanting = list(
        NotificationSettings.objects.filter(
            user_id__in=recipients.values("pk"), email_kinds__contains=f",{kind},"
        ).values_list("user_id", flat=True)
    )
    if wanting:
        outbox.enqueue("community.tasks.email_notifications", event_key, wanting)
