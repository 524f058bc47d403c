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


@pytest.mark.django_db
def test_unmapped_rows_public_page_and_queue_map_in_one_step(seeded, client, make_user):
    public = client.get("/unmapped/")
    assert public.status_code == 200
    html = public.content.decode()
    remaining = unmapped_rows(m.Target.objects.public())
    if remaining.exists():
        shown = [
            pk
            for pk in remaining.values_list("pk", flat=True)
            if f'id="row-{pk}"' in html
        ]
        assert shown
        assert not m.Target.objects.filter(pk__in=shown, indicator__isnull=False)
    assert "/unmapped/" in client.get("/indicators/").content.decode()

    # The workspace queue: an editor maps a row; every row of that subject follows.
    from plans.mappings import subject_of
    from plans.workspace.models import SubjectAlias

    editor = make_user("mapper", "reviewer")
    client.force_login(editor)
    assert client.get("/workspace/unmapped/").status_code == 200
    target = unmapped_rows().exclude(unit="").exclude(subject="").first()
    assert target is not None
    response = client.post(
        f"/workspace/rows/{target.pk}/indicator/",
        {
            "action": "create",
            "code": "queue_made_indicator",
            "name_zh": subject_of(target),
            "name_en": "Made in the queue",
            "sector": m.Sector.objects.first().code,
            "kind": "count",
            "direction": "higher",
        },
    )
    assert response.status_code == 302
    target.refresh_from_db()
    assert target.indicator.code == "queue_made_indicator"
    alias = SubjectAlias.objects.get(alias=subject_of(target))
    assert alias.created_by == editor and alias.history.count() == 1

    # The mapping survives re-import and re-extraction of the same file.
    from plans.importer import import_text

    source = target.document.source
    target.document.source.documents.all().delete()
    import_text(
        source.text,
        name=source.name,
        sha256=source.sha256,
        size=source.size,
        encoding=source.encoding,
        publish=True,
    )
    again = m.Target.objects.get(
        document__source=source, start=target.start, end=target.end
    )
    assert again.indicator.code == "queue_made_indicator"

    # A unit the indicator cannot be written in is refused, said in words.
    other = unmapped_rows().exclude(unit=target.unit).exclude(unit="").first()
    if other is not None:
        response = client.post(
            f"/workspace/rows/{other.pk}/indicator/",
            {"action": "map", "indicator": again.indicator.pk},
            follow=True,
        )
        assert "不能换算" in response.content.decode()
        other.refresh_from_db()
        assert other.indicator is None
