"""`manage.py verify_record [--fix]`: is every stored derived value what the one refresh
path computes today?

Recomputes, from each row's stored source fields with today's vocabulary and catalogue
(``plans.refresh.compute``), every derived value of every row — bound, indicator and
further indicators, normalised value and unit, definition, suggestion, status, actual,
conflict marks and the rows they point at — and prints each difference as
``document  row  field  stored  expected``. Exits 1 when there is any (0 when the record
is consistent). ``--fix`` rewrites them through the same refresh path (and says so).
The tables that mirror ``data/catalogue.yaml`` are checked too, and the catalogue
additions officials made in the workspace that the file does not hold yet are listed (a
notice, not a difference: they are pending ``manage.py export_catalogue --write``).
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from plans import models as m
from plans.catalogue_db import current_catalogue, file_hash
from plans.mappings import pending_additions
from plans.refresh import compute, differences, refresh_targets


def _shown(value) -> str:
    if value is None:
        return "—"
    if isinstance(value, list):
        return "[" + ", ".join(str(v) for v in value) + "]"
    return str(value)


class Command(BaseCommand):
    help = (
        "Recompute every derived value of every row and print each one that differs "
        "from what is stored; exit 1 if any. --fix rewrites them."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--fix",
            action="store_true",
            help="rewrite the differing values through the refresh path",
        )

    def handle(self, *args, fix: bool = False, **options):
        found = self._check()
        if found and fix:
            with transaction.atomic():
                summary = refresh_targets(reason="verify_record --fix")
            self.stdout.write(
                f"fixed: {summary.changed} rows rewritten through the refresh path"
            )
            found = self._check(quiet=True)
        rows = m.Target.objects.count()
        pending = pending_additions(current_catalogue())
        if pending:
            self.stdout.write(
                f"catalogue: {len(pending)} addition(s) by officials not in "
                "data/catalogue.yaml yet (run `manage.py export_catalogue --write` and "
                "commit the file):"
            )
            for line in pending.lines():
                self.stdout.write(f"  {line}")
        if found:
            raise CommandError(
                f"record inconsistent: {found} difference(s) among {rows} rows "
                "(run `manage.py verify_record --fix` to rewrite them)"
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"record consistent: {rows} rows, every derived value as computed today"
            )
        )

    def _check(self, *, quiet: bool = False) -> int:
        state = m.CatalogueState.objects.first()
        stored_hash = state.sha256 if state else ""
        expected_hash = file_hash()
        count = 0
        mirrored = state is not None or m.Indicator.objects.exists()
        if mirrored and stored_hash != expected_hash:
            count += 1
            if not quiet:
                self.stdout.write(
                    f"catalogue\t-\tsha256\t{stored_hash or '—'}\t{expected_hash}"
                )
        documents = list(m.Document.objects.values_list("pk", flat=True))
        if documents:
            plan = compute(documents)
            titles = dict(m.Document.objects.values_list("pk", "title"))
            found = differences(plan)
            count += len(found)
            if found and not quiet:
                self.stdout.write("document\trow\tfield\tstored\texpected")
            for item in [] if quiet else found:
                self.stdout.write(
                    f"{item.document} {titles.get(item.document, '')[:30]}\t"
                    f"{item.row}\t{item.field}\t{_shown(item.stored)}\t"
                    f"{_shown(item.expected)}"
                )
        return count
