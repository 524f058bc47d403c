"""`manage.py extract_targets FILE --format json`: the rows the pipeline finds in a file.

Reads nothing from and writes nothing to the database: it decodes the file, finds its
documents and prints one element per number (the contract of ``plans.pipeline.run.
rows_to_dicts``), so anyone can check what the extractor makes of a text.
"""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from plans.pipeline.decode import SourceError, decode_source
from plans.pipeline.formats import convert
from plans.pipeline.run import process_text, rows_to_dicts


class Command(BaseCommand):
    help = (
        "Print every number found in a plan text file (targets, actuals and context) "
        "as JSON, or as a table for a person with --format table. Reads plain text in "
        "any common Chinese encoding, .docx and PDF with a text layer."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", metavar="FILE")
        # "text" is kept as an alias of "table" for early scripts.
        parser.add_argument(
            "--format", choices=["json", "table", "text"], default="json"
        )

    def handle(self, *args, file, format, **options):
        try:
            with open(file, "rb") as handle:
                data = handle.read()
            if Path(file).suffix.lower() in {".docx", ".pdf"}:
                text = convert(data, file).text
            else:
                text = decode_source(data).text
        except OSError as error:
            raise CommandError(f"{file}: cannot be read ({error.strerror})") from error
        except SourceError as error:
            raise CommandError(f"{file}: {error.message}") from error
        rows = rows_to_dicts(process_text(text))
        if format == "json":
            self.stdout.write(json.dumps(rows, ensure_ascii=False, indent=1))
            return
        self.stdout.write(
            f"{'start':>6} {'as written':<12} {'kind':<7} {'year':<5} "
            f"{'cmp':<4} {'qual':<3} subject"
        )
        for row in rows:
            written = text[row["start"] : row["end"]]
            self.stdout.write(
                f"{row['start']:>6} {written:<12} {row['kind']:<7} {row['year'] or '':<5} "
                f"{row['comparator']:<4} {row['qualifier']:<3} {row['subject']}"
            )
