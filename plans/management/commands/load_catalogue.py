"""`manage.py load_catalogue [PATH]`: the indicator catalogue into the database, then
every stored row mapped against it.

``data/catalogue.yaml`` is the catalogue's one source: ``Sector``/``Indicator`` mirror it
(read-only in the admin). Safe to run any number of times: sectors and indicators are
updated in place (never deleted), and rows change only where their derived values do
(through ``plans.refresh``, the one refresh path). ``--dry-run`` validates the file and
writes nothing; a malformed file is refused with its line.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from plans.catalogue_db import mirror_catalogue
from plans.pipeline.catalogue import DEFAULT_PATH, CatalogueError, load_catalogue
from plans.refresh import refresh_targets


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
        path = Path(options["path"])
        try:
            catalogue = load_catalogue(path)
        except (CatalogueError, OSError) as error:
            raise CommandError(str(error)) from error
        if options["dry_run"]:
            self.stdout.write(
                f"{path}: valid — {len(catalogue.sectors)} sectors, "
                f"{len(catalogue.indicators)} indicators, {len(catalogue.aliases)} aliases"
            )
            return
        with transaction.atomic():
            summary = mirror_catalogue(path, force=True)
            self.stdout.write(summary.describe())
            if not options["no_map"]:
                refreshed = refresh_targets(
                    catalogue=catalogue, reason="indicator catalogue reloaded"
                )
                self.stdout.write(refreshed.describe())
