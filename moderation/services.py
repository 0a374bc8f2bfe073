"""Writes in moderation: the screening entry point for every write path.

Community services call ``screen`` inside their own transaction, so a held
post and its record are written together or not at all.
"""

from .screening import RuleHit, Verdict, screen

__all__ = ["RuleHit", "Verdict", "screen"]
