"""Notifications: who hears about what, written in bulk by Celery tasks after the write commits.

- ``dispatch``: what services call; each call queues a task once the transaction commits,
  so a rolled-back write notifies nobody.
- ``events``: for each event, who may and wants to hear about it, and what they are told.
- ``delivery``: the bulk insert, in chunks, one row per person and event (idempotent).
- ``mail``: e-mail now for the kinds a person asked for, and the daily or weekly digest.
"""
