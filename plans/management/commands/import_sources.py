"""`manage.py import_sources PATH...`: import plan files, each atomically and idempotently.

New documents are drafts, as an upload's are, for officials to review in the workspace.
``--publish`` publishes them at once through the same rule as the workspace
(``plans.publishing``): the rows that would need a reviewer's decision are accepted in the
command's name, each acceptance recorded in the row's history as made by the command, not
by a reviewer. `make seed` imports the seed plans that way.
"""

import gc

from django.core.management.base import BaseCommand, CommandError

from plans.coverage import stored_coverage
from plans.importer import catalogue_once, import_path
from plans.pipeline.decode import SourceError
from plans.publishing import YearMissing, accept_and_publish

COMMAND = "manage.py import_sources --publish"


class Command(BaseCommand):
    help = (
        "Import plan source files (UTF-8, GB18030/GBK or UTF-16 text). Each file is stored "
        "with the documents and target rows found in it, in one transaction; importing the "
        "same bytes again changes nothing. New documents are drafts for review unless "
        "--publish is given."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH")
        mode = parser.add_mutually_exclusive_group()
        mode.add_argument(
            "--draft",
            action="store_true",
            help="keep new documents as drafts for review (the default)",
        )
        mode.add_argument(
            "--publish",
            action="store_true",
            help=(
                "publish new documents now: rows that need a reviewer's decision are "
                "accepted in this command's name (recorded in their history)"
            ),
        )

    def handle(self, *args, draft=False, publish=False, **options):
        # What is loaded by now (Django, the vocabulary, the pipeline's tables) outlives
        # the command: it is kept out of the garbage collector's full passes while the
        # command runs (one such pass over it was a tenth of a fresh import's time), and
        # handed back to the collector after.
        gc.freeze()
        try:
            self._import(options["paths"], publish)
        finally:
            gc.unfreeze()

    def _import(self, paths: list[str], publish: bool) -> None:
        failures = []
        # The catalogue is read (and mirrored, when its file changed) once for all files.
        catalogue = catalogue_once()
        for path in paths:
            try:
                summary = import_path(path, catalogue=catalogue)
            except SourceError as error:
                failures.append(path)
                self.stderr.write(
                    f"{path}: not imported — {error.message}. Nothing was changed."
                )
                continue
            style = self.style.SUCCESS if summary.changed else self.style.NOTICE
            self.stdout.write(style(summary.describe()))
            if publish:
                self._publish(summary.created_documents, catalogue)
            elif summary.created_documents:
                self.stdout.write(
                    f"  {len(summary.created_documents)} new document(s) kept as "
                    "drafts for review (--publish publishes them)"
                )
        # What reaches a cross-year chart, over everything stored (issue 12's measure).
        self.stdout.write(f"All stored rows: {stored_coverage().describe()}")
        if failures:
            raise CommandError(
                f"{len(failures)} file(s) could not be imported: {', '.join(failures)}"
            )

    def _publish(self, document_ids: list[int], catalogue) -> None:
        for pk in document_ids:
            try:
                document, accepted = accept_and_publish(
                    pk, COMMAND, catalogue=catalogue
                )
            except YearMissing:
                self.stdout.write(
                    f"  document {pk}: kept as draft, not published: no year is known "
                    "(an official enters it in the workspace)"
                )
                continue
            self.stdout.write(
                f"  published “{document.title_shown or document.title}”; "
                f"{accepted} row(s) that needed a decision accepted by the command"
            )
