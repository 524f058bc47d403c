"""`manage.py synth_targets`: plausible published rows in the project's schema, in bulk,
whose pages take as many queries at a larger size as at a small one; series read by index."""

import io
import re

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from plans import models as m
from plans import queries

pytestmark = pytest.mark.django_db


def synth(rows: int, seed: int = 3) -> str:
    out = io.StringIO()
    call_command("synth_targets", rows=rows, seed=seed, stdout=out)
    return out.getvalue()


def test_synth_fills_the_schema_with_plausible_published_rows():
    printed = synth(2500)
    assert re.search(r"2500 rows in 21 documents of 1 regions, .* rows/s", printed)
    assert m.Target.objects.count() == 2500
    assert m.Target.objects.public().count() == 2500
    documents = list(m.Document.objects.select_related("source", "region"))
    assert {d.status for d in documents} == {m.Document.Status.PUBLISHED}
    assert len({(d.year, d.kind) for d in documents}) == len(documents)
    assert m.Indicator.objects.count() > 50  # the catalogue was loaded
    mapped = m.Target.objects.filter(indicator__isnull=False)
    assert 0.3 < mapped.count() / 2500 < 0.6
    assert m.Target.objects.filter(kind=m.Target.Kind.ACTUAL).exists()
    assert m.TargetDepartment.objects.exists()
    # Further indicators (分别/均) are derived by the refresh path from the rows' own
    # words, so synthetic rows, each naming one indicator, have none.
    # Each row's span is its number in its document's text, and its quote is there too.
    for row in m.Target.objects.select_related("document__source")[:400]:
        text = row.document.source.text
        assert row.document.start <= row.start < row.end <= row.document.end
        if not row.value_missing:
            assert text[row.start : row.end] == f"{row.value_text}{row.unit}"
        assert row.quote in text
        row.full_clean(exclude=["document", "indicator"])
    # A count (改造老旧小区91个) is a whole number.
    counts = mapped.filter(indicator__kind="count", value__isnull=False)
    assert counts.exists()
    assert all(v == int(v) for v in counts.values_list("value", flat=True))
    # An indicator is named at most once per document, as in a real plan.
    per_document = {}
    # (Context rows may map too: the refresh path maps any subject the catalogue knows.)
    named = mapped.exclude(kind=m.Target.Kind.CONTEXT)
    for document_id, indicator_id in named.values_list("document_id", "indicator_id"):
        key = (document_id, indicator_id)
        per_document[key] = per_document.get(key, 0) + 1
    # Nearly: the refresh path may map a neighbouring row to the same indicator.
    repeated = sum(count > 1 for count in per_document.values())
    assert repeated <= 0.05 * len(per_document)


def test_the_same_seed_gives_the_same_rows():
    synth(300, seed=7)
    first = list(
        m.Target.objects.order_by("id").values_list("subject", "value_text", "year")
    )
    m.Target.objects.all().delete()
    m.Document.objects.all().delete()
    m.SourceFile.objects.all().delete()
    synth(300, seed=7)
    again = list(
        m.Target.objects.order_by("id").values_list("subject", "value_text", "year")
    )
    assert first == again


def test_synth_refuses_a_non_positive_count():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("synth_targets", rows=0, stdout=io.StringIO())


def page_queries(urls: list[str]) -> dict[str, int]:
    """Queries of each page, rendered (the cache cleared; no cookie, as a visitor)."""
    counts = {}
    for url in urls:
        cache.clear()
        with CaptureQueriesContext(connection) as captured:
            assert Client().get(url).status_code == 200, url
        counts[url] = len(captured)
    return counts


def test_pages_take_as_many_queries_at_ten_times_the_rows():
    synth(1200, seed=1)
    region = m.Region.objects.filter(name__startswith="合成").order_by("name").first()
    document = m.Document.objects.filter(region=region).order_by("id").first()
    urls = [
        "/",
        f"/regions/{region.slug}/",
        "/indicators/",
        f"/indicators/gdp_growth/?region={region.slug}",
        f"/sectors/economy/?region={region.slug}",
        f"/regions/{region.slug}/compare/",
        "/documents/",
        f"/documents/{document.pk}/",
        "/departments/",
    ]
    small = page_queries(urls + ["/search/?q=增长"])
    synth(12000, seed=2)
    # The same number at ten times the rows (and at most six: tests/test_serving_reads).
    assert page_queries(urls + ["/search/?q=增长"]) == small


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's query plan")
def test_a_series_is_read_through_the_indicator_document_index():
    synth(2500)
    region = m.Region.objects.filter(name__startswith="合成").first()
    indicator = m.Indicator.objects.get(code="gdp_growth")
    queryset = queries.public_rows().filter(
        queries.for_indicator(indicator),
        document__region=region,
        kind__in=queries.SERIES_KINDS,
    )
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
        cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
        plan = " / ".join(row[-1] for row in cursor.fetchall())
    # Rows of the indicator (or naming it as a further indicator) are searched by index,
    # never by scanning the table.
    assert "USING INDEX" in plan
    assert "SCAN plans_target" not in plan
    rows = list(queryset)
    assert rows and all(
        r.indicator_id == indicator.pk or indicator in r.other_indicators.all()
        for r in rows
    )


def test_synth_rows_carry_the_derived_values_of_the_refresh_path():
    from plans import refresh

    synth(600)
    rows = list(m.Target.objects.order_by("id")[:300])
    assert any(r.bound for r in rows)
    for row in rows:
        assert row.bound == refresh.bound_of(row.comparator, row.value, row.value_max)


def test_verify_record_finds_nothing_to_correct_in_derived_and_copied_regions():
    from plans import synth as s

    # Two layouts derived row by row, a third region copied from the first in the
    # database, and a last, partial region derived on its own.
    rows = s.ROWS_PER_REGION * s.TEMPLATES + s.ROWS_PER_REGION + 700
    printed = synth(rows, seed=4)
    assert f"{rows} rows in" in printed and "of 4 regions" in printed
    assert m.Target.objects.count() == rows
    # The derived values the refresh path gives are there, relations included.
    assert m.Target.objects.filter(status__in=["met", "not_met"]).exists()
    assert m.Target.objects.filter(conflict=True).exists()
    assert m.Target.conflicts_with.through.objects.exists()
    assert m.Target.objects.filter(suggested_indicator__isnull=False).exists()
    # The copied region is its layout's first region again, with its own ids.
    regions = list(m.Region.objects.filter(name__startswith="合成4市").order_by("name"))
    first, copied = regions[0], regions[s.TEMPLATES]

    def shape(region):
        return list(
            m.Target.objects.filter(document__region=region)
            .order_by("id")
            .values_list("subject", "value", "indicator_id", "status", "conflict")
        )

    assert shape(first) == shape(copied)
    assert not set(
        m.Target.objects.filter(document__region=first).values_list("id", flat=True)
    ) & set(
        m.Target.objects.filter(document__region=copied).values_list("id", flat=True)
    )
    out = io.StringIO()
    call_command("verify_record", stdout=out)  # exits 1 (SystemExit) on a difference
    assert "record consistent" in out.getvalue()


def test_synth_reads_its_words_from_the_vocabulary():
    from plans.pipeline import lexicon
    from plans.synth_rows import vocabulary

    comparators, qualifiers = vocabulary()
    words = lexicon.load()
    assert [w for w, _ in comparators] == words.stored_comparators()
    assert [w for w, _ in qualifiers] == ["", *words.recorded_qualifiers()]
    assert all(weight > 0 for _, weight in comparators + qualifiers)
    synth(600, seed=9)
    stored = set(m.Target.objects.values_list("comparator", flat=True))
    assert stored <= set(words.stored_comparators()) and len(stored) > 2
    assert set(m.Target.objects.values_list("qualifier", flat=True)) <= {
        "",
        *words.recorded_qualifiers(),
    }
