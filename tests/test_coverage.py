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

    editor = make_user("mapper", "reviewer")
    client.force_login(editor)
    assert client.get("/workspace/unmapped/").status_code == 200
    # A row with one plain subject (a compound one maps part by part) that the catalogue
    # file does not already name (a subject belongs to one indicator).
    from plans.pipeline.catalogue import load_catalogue

    named = load_catalogue().aliases
    target = next(
        t
        for t in unmapped_rows().exclude(unit="").exclude(subject="")
        if not t.subjects
        and not any(c in t.subject for c in "、和及与")
        and subject_of(t) not in named
    )
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
    alias = m.SubjectAlias.objects.get(alias=subject_of(target))
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


def test_the_seeds_reach_the_coverage_goal(seed_paths):
    """Issue 12: 90 % of the seeds' numeric targets and of their numeric actuals map."""
    from plans.pipeline.coverage import GOAL, pipeline_coverage
    from plans.pipeline.decode import decode_source

    cov = pipeline_coverage(decode_source(p.read_bytes()).text for p in seed_paths)
    assert cov.targets > 400 and cov.actuals > 150, cov
    assert cov.target_share >= GOAL, cov.describe()
    assert cov.actual_share >= GOAL, cov.describe()


def test_subjects_are_clean_and_the_grain_series_has_every_seed_year(seed_paths):
    from plans.pipeline.catalogue import load_catalogue
    from plans.pipeline.decode import decode_source
    from plans.pipeline.normalise import normalise_rows
    from plans.pipeline.run import process_text

    catalogue = load_catalogue()
    grain = []
    for path in seed_paths:
        for document, rows in process_text(decode_source(path.read_bytes()).text):
            for row, result in zip(rows, normalise_rows(rows, catalogue), strict=True):
                if row.kind in (TARGET, ACTUAL):
                    for word in ("力争", "确保", "努力"):
                        assert not row.subject.startswith(word), row.subject
                        assert not row.subject.endswith(word), row.subject
                if "grain_output" in result.indicators and document.region == "通辽市":
                    grain.append(row)
    by_year = {(r.year, r.kind): r for r in grain}
    actual_2013 = by_year[(2013, ACTUAL)]
    assert (actual_2013.value_text, actual_2013.unit) == ("132.6", "亿斤")
    lost_2021 = by_year[(2021, TARGET)]
    assert lost_2021.value_missing and lost_2021.value is None
    targets_2025 = [r for r in grain if r.year == 2025]
    assert {(r.value_text, r.comparator) for r in targets_2025} == {("200", "突破")}
    assert {r.qualifier for r in targets_2025} == {"力争", ""}
    assert {r.subject for r in targets_2025} <= {"粮食产量", "粮食总产量"}
