"""`manage.py synth_targets --rows N --seed S`: fill the database with N plausible published
rows over many regions, indicators, documents and years, in bulk (benchmarks only).

Prints the rate (rows per second). The same seed gives the same rows; running it again adds
another set of documents (use a fresh database for a benchmark).
"""

from django.core.management.base import BaseCommand, CommandError

from plans.synth import synthesise


class Command(BaseCommand):
    help = "Fill the database with N synthetic published rows (for benchmarks only)."

    def add_arguments(self, parser):
        parser.add_argument("--rows", type=int, required=True, help="how many rows")
        parser.add_argument("--seed", type=int, default=1, help="random seed")

    def handle(self, *args, **options):
        if options["rows"] < 1:
            raise CommandError("--rows must be at least 1")
        summary = synthesise(options["rows"], seed=options["seed"])
        self.stdout.write(summary.describe())
