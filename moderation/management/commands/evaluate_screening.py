"""Crisis recall and benign precision on the project's labelled corpus, per language and category."""

from django.core.management.base import BaseCommand, CommandError

from moderation.detection.crisis import compile_matcher
from moderation.detection.crisis_evaluation import CORPORA, SPLITS, evaluate, load_corpus, report
from moderation.models import CrisisRule


def moderator_rules():
    """The active crisis rules from the admin, in the form ``compile_matcher`` takes."""
    return [
        (f"db:{rule.pk}", rule.pattern, rule.category, rule.language)
        for rule in CrisisRule.objects.filter(is_active=True).order_by("pk")
    ]


class Command(BaseCommand):
    help = (
        "Run crisis detection over the labelled corpus (moderation/detection/corpus) and print crisis "
        "recall (texts held) and benign precision (look-alikes left alone) per language and category, "
        "with every miss and false alarm. Exits non-zero below --min-recall or --min-precision."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--corpus", choices=list(CORPORA), default="project",
            help=(
                "the project corpus, the held-out set written after the packs (corpus/heldout), or an "
                "independent batch written before reading the packs: batch 4 (corpus/heldout2), batch 5 "
                "(corpus/heldout3), batch 6 (corpus/heldout4) or batch 7 (corpus/heldout5)"
            ),
        )
        parser.add_argument("--split", choices=SPLITS, default="all", help="dev, holdout (not tuned on) or all")
        parser.add_argument("--packs-only", action="store_true", help="Leave out the moderators' rules.")
        parser.add_argument("--min-recall", type=float, default=None, help="e.g. 0.97, per language")
        parser.add_argument("--min-precision", type=float, default=None, help="e.g. 0.95, per language")

    def handle(self, *args, corpus, split, packs_only, min_recall, min_precision, **options):
        extra = [] if packs_only else moderator_rules()
        matcher = compile_matcher(extra)
        result = evaluate(matcher, load_corpus(split, CORPORA[corpus]))
        rules = "the rule packs" if packs_only else f"the rule packs and {len(extra)} moderators' rules"
        self.stdout.write(f"Crisis detection on the {corpus} corpus (split: {split}; {rules})\n")
        self.stdout.write("\n".join(report(result)))
        problems = result.failures(min_recall=min_recall or 0.0, min_precision=min_precision or 0.0)
        if problems:
            raise CommandError("; ".join(problems))
