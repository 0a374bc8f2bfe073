"""Rules that moderators manage in the admin: watched words, crisis signals, help resources."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index

from moderation.detection import crisis

LANGUAGE_CHOICES = [("", _("All languages")), *settings.LANGUAGES]


class WordAction(models.TextChoices):
    BLOCK = "block", _("Block: refuse the post with a message")
    CENSOR = "censor", _("Censor: replace the word")
    REQUIRE_APPROVAL = "require_approval", _("Require approval: hold the post for review")
    FLAG = "flag", _("Review: publish, and put it in the queue for a counsellor")


class WatchedWord(index.Indexed, models.Model):
    """A word or phrase to watch, with what happens when a post uses it.

    Matching is whole-word, case- and accent-insensitive; ``*`` stands for any
    letters, so ``idiot*`` matches "idiots" and "idiotic".
    """

    pattern = models.CharField(
        _("word or phrase"),
        max_length=100,
        help_text=_("Whole words. Use * for any letters, e.g. “idiot*”. Case and accents don't matter."),
    )
    action = models.CharField(_("action"), max_length=20, choices=WordAction.choices)
    language = models.CharField(
        _("language"), max_length=8, choices=LANGUAGE_CHOICES, blank=True,
        help_text=_("Only for posts by members who use this language; empty for all."),
    )
    replacement = models.CharField(
        _("replacement"), max_length=40, blank=True, help_text=_("For “censor”; empty shows ✱✱✱.")
    )
    lookalikes = models.BooleanField(
        _("also match look-alike spellings"),
        default=False,
        help_text=_("Also catch “l0ser”, “$hit”, “f u c k” and “f.u.c.k”: digits and symbols for letters, letters spaced out."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    panels = [
        FieldPanel("pattern"), FieldPanel("action"), FieldPanel("language"), FieldPanel("replacement"),
        FieldPanel("lookalikes"), FieldPanel("is_active"),
    ]
    search_fields = [index.SearchField("pattern"), index.AutocompleteField("pattern")]

    class Meta:
        verbose_name = _("watched word")
        verbose_name_plural = _("watched words")
        ordering = ["pattern"]

    def __str__(self) -> str:
        return f"{self.pattern} ({self.get_action_display()})"


class CrisisCategory(models.TextChoices):
    """The values are the categories of ``moderation.detection.crisis.CATEGORIES``."""

    SELF_HARM = "self_harm", _("Self-harm")
    SUICIDE = "suicide", _("Suicide")
    ABUSE = "abuse", _("Abuse and violence at home")
    SEXUAL_ABUSE = "sexual_abuse", _("Sexual abuse or grooming")
    EATING_DISORDER = "eating_disorder", _("Eating disorder with danger")
    OVERDOSE = "overdose", _("Overdose or acute danger")


class CrisisRule(index.Indexed, models.Model):
    """A phrase that signals a young person may be in crisis. A match is escalated at once.

    These rules extend the rule packs in ``moderation/detection/packs`` (the floor) and are
    matched the same way, by ``moderation.detection.crisis``: every word is reduced to its base
    form, so "hit me" also matches "hits me"; case and accents don't matter ("sjalvmord" matches
    "självmord"). ``a|b`` gives alternatives for one word, ``[word]`` may be left out, ``*``
    stands for any letters ("selvskad*"), ``...`` allows up to six words in between ("kill ...
    myself"), ``#`` is a number and ``=word`` matches only that exact word. Otherwise the words
    must follow each other.
    """

    pattern = models.CharField(
        _("word or phrase"),
        max_length=120,
        help_text=_(
            "Words are matched by their base form (“hit me” also finds “hits me”), whatever the case "
            "or accents. Use a|b for alternatives, [word] for a word that may be left out, * for any "
            "letters (“selvskad*”), ... for a gap of up to six words (“kill ... myself”), # for a "
            "number and =word for that exact word only."
        ),
    )
    category = models.CharField(_("category"), max_length=20, choices=CrisisCategory.choices)
    language = models.CharField(_("language"), max_length=8, choices=LANGUAGE_CHOICES, blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    panels = [FieldPanel("pattern"), FieldPanel("category"), FieldPanel("language"), FieldPanel("is_active")]
    search_fields = [index.SearchField("pattern"), index.AutocompleteField("pattern")]

    class Meta:
        verbose_name = _("crisis signal")
        verbose_name_plural = _("crisis signals")
        ordering = ["language", "category", "pattern"]

    def __str__(self) -> str:
        return f"{self.pattern} ({self.get_category_display()})"

    def clean(self) -> None:
        super().clean()
        try:
            crisis.check_pattern(self.pattern)
        except crisis.PatternError as error:
            raise ValidationError({"pattern": _("This pattern can't be read: %(why)s") % {"why": error}}) from error


class HelpResource(index.Indexed, models.Model):
    """Where a young person can get help now: shown at once to an author in crisis."""

    name = models.CharField(_("name"), max_length=120)
    language = models.CharField(_("language"), max_length=8, choices=LANGUAGE_CHOICES, blank=True)
    site = models.ForeignKey(
        "wagtailcore.Site", on_delete=models.CASCADE, null=True, blank=True, verbose_name=_("site"),
        help_text=_("Empty: every site."),
    )
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    url = models.URLField(_("web address"), blank=True)
    description = models.CharField(_("what they offer"), max_length=300, blank=True)
    hours = models.CharField(_("opening hours"), max_length=120, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    panels = [
        FieldPanel("name"), FieldPanel("language"), FieldPanel("site"), FieldPanel("phone"),
        FieldPanel("url"), FieldPanel("description"), FieldPanel("hours"), FieldPanel("sort_order"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        verbose_name = _("help resource")
        verbose_name_plural = _("help resources")
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.name
