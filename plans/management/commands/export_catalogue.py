"""`manage.py export_catalogue [--write] [PATH]`: officials' catalogue additions into the file.

``data/catalogue.yaml`` is the catalogue's one source. What officials add in the workspace
(a subject mapped to an indicator, an indicator created from a row) is a pending addition
until it is in the file. Without ``--write`` this prints the pending additions and the
lines the file would gain (a unified diff), and writes nothing. ``--write`` writes them
into the file (keeping its comments and layout: aliases at the end of their indicator's
list, new indicators appended as one line each), then loads the file as
``load_catalogue`` does, which settles the officials' mappings it now holds. Commit the
file afterwards: the repository is where the catalogue lives.
"""

from __future__ import annotations

import difflib
from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from plans.mappings import pending_additions
from plans.pipeline.catalogue import DEFAULT_PATH, CatalogueError, parse_catalogue


class Command(BaseCommand):
    help = (
        "Write the aliases and indicators officials added in the workspace into "
        "data/catalogue.yaml (--write); without --write, show what would change."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", default=str(DEFAULT_PATH))
        parser.add_argument(
            "--write",
            action="store_true",
            help="write the additions into the file and load it",
        )

    def handle(self, *args, path: str, write: bool = False, **options):
        file = Path(path)
        try:
            text = file.read_text(encoding="utf-8")
            pending = pending_additions(parse_catalogue(text, path=str(file)))
            new_text = pending.export(text, path=str(file)) if pending else text
        except (CatalogueError, OSError) as error:
            raise CommandError(str(error)) from error
        if not pending:
            self.stdout.write(
                f"{file}: holds every catalogue addition; nothing to export"
            )
            return
        self.stdout.write(f"{len(pending)} pending addition(s) by officials:")
        for line in pending.lines():
            self.stdout.write(f"  {line}")
        if not write:
            for line in difflib.unified_diff(
                text.splitlines(keepends=True),
                new_text.splitlines(keepends=True),
                fromfile=str(file),
                tofile=f"{file} (with the additions)",
            ):
                self.stdout.write(line, ending="")
            self.stdout.write("dry run: nothing written (use --write)")
            return
        file.write_text(new_text, encoding="utf-8")
        self.stdout.write(f"written into {file}; loading it:")
        call_command("load_catalogue", str(file), stdout=self.stdout)
        self.stdout.write(
            self.style.SUCCESS(
                f"{file} holds the additions: commit it to the repository"
            )
        )
