"""Signals moderation sends to community about private messages.

Community must not import moderation, and moderation cannot import
``community.services`` at load time (that package imports moderation's
screening). So moderation sends these and community's app config connects
them to the conversation services.
"""

from django.dispatch import Signal

# A post was queued for review (held or flagged). Arguments: post, hits (list of dicts), urgent (bool).
message_queued = Signal()
# The review of a post is over (its moderation item was resolved). Argument: post.
message_review_closed = Signal()
