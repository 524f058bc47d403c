"""Issue 12: how many of the seeds' numeric rows reach an indicator, measured and printed."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from plans import models as m
from plans.coverage import stored_coverage, unmapped_rows
from plans.pipeline.coverage import Coverage, count_coverage
from plans.pipeline.types import ACTUAL, CONTEXT, TARGET


def test_count_coverage_counts_numeric_kinds_only():
    cov = count_coverage(
        [
            (TARGET, True),
            (TARGET, False),
            (TARGET, True),
            (ACTUAL, False),
            (CONTEXT, True),
            ("commitment", False),
        ]
    )
    assert cov == Coverage(targets=3, targets_mapped=2, actuals=1, actuals_mapped=0)
    assert cov.unmapped == 2
    assert not cov.meets(0.5)
    assert "2 of 3 numeric targets (66.7%)" in cov.describe()


@pytest.mark.django_db
def test_stored_coverage_reads_the_stored_mapping(seeded):
    cov = stored_coverage()
    numeric = m.Target.objects.filter(kind__in=[TARGET, ACTUAL])
    assert cov.targets == numeric.filter(kind=TARGET).count()
    assert (
        cov.actuals_mapped
        == numeric.filter(kind=ACTUAL, indicator__isnull=False).count()
    )
    assert unmapped_rows().count() == cov.unmapped


@pytest.mark.django_db
def test_import_summary_prints_the_coverage(seed_paths):
    out = StringIO()
    call_command("import_sources", *map(str, seed_paths), stdout=out)
    cov = stored_coverage()
    assert f"All stored rows: {cov.describe()}" in out.getvalue()
