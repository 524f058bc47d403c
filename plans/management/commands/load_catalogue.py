"""`manage.py load_catalogue [PATH]`: the indicator catalogue into the database, then
every stored row mapped against it.

Safe to run any number of times: sectors and indicators are updated in place (never
deleted), and rows change only where the mapping does. ``--dry-run`` validates the file
and writes nothing; a malformed file is refused with its line.
"""

from django.core.management.base import BaseCommand, CommandError

from plans.alignment_db import apply_catalogue, sync_catalogue
from plans.pipeline.catalogue import DEFAULT_PATH, CatalogueError, load_catalogue


class Command(BaseCommand):
    help = "Load data/catalogue.yaml into Sector/Indicator and map stored rows to it."

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", default=str(DEFAULT_PATH))
        parser.add_argument(
            "--no-map", action="store_true", help="load the catalogue, leave rows alone"
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="validate the file, write nothing"
        )

    def handle(self, *args, **options):
        try:
            catalogue = load_catalogue(options["path"])
        except (CatalogueError, OSError) as error:
            raise CommandError(str(error)) from error
        if options["dry_run"]:
            self.stdout.write(
                f"{options['path']}: valid — {len(catalogue.sectors)} sectors, "
                f"{len(catalogue.indicators)} indicators, {len(catalogue.aliases)} aliases"
            )
            return
        self.stdout.write(sync_catalogue(catalogue).describe())
        if not options["no_map"]:
            self.stdout.write(apply_catalogue(catalogue).describe())
