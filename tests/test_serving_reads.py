"""Serving reads at any size: the series JSON read plainly from stored values says what the
indicator page says, in a fixed number of queries; every public page takes at most six
queries, as many on a synth-enlarged database as on the seeds."""

from __future__ import annotations

import io
import json

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from plans import models as m
from plans import queries
from plans.api import records
from plans.api import schemas as s

pytestmark = pytest.mark.django_db

MAX_QUERIES = 6


def page_record(code: str, region: str, base: str) -> dict:
    """The series as the indicator page reads it (its rows, breaks and conflict years),
    shaped as the API's SeriesOut: what the endpoint must say."""
    page = queries.indicator_page(code=code, region_slug=region)
    record = {
        "indicator": records.indicator(page.indicator),
        "region": records.region(page.region),
        "unit": page.indicator.unit,
        "breaks": [
            {"before_year": b.before_year, "after_year": b.after_year, "notes": b.notes}
            for b in page.breaks
        ],
        "conflict_years": page.conflict_years,
        "points": records.series_points(page.rows, base),
    }
    return json.loads(s.SeriesOut(**record).model_dump_json())


def test_series_json_says_what_the_indicator_page_says_for_every_seeded_series(
    seeded,
):
    pairs = set(
        m.Target.objects.public()
        .filter(indicator__isnull=False, kind__in=queries.SERIES_KINDS)
        .values_list("indicator__code", "document__region__slug")
    )
    assert len(pairs) > 20
    client = Client()
    compared = breaks = lost = 0
    for code, region in sorted(pairs):
        cache.clear()
        response = client.get(f"/api/v1/series/{code}", {"region": region})
        assert response.status_code == 200, (code, region, response.content[:300])
        assert response["Content-Type"] == "application/json; charset=utf-8"
        data = json.loads(response.content)
        assert data == page_record(code, region, "http://testserver"), (code, region)
        compared += 1
        breaks += bool(data["breaks"])
        lost += any(p["value_missing"] for p in data["points"])
    # The comparison covered the hard cases: definition breaks and lost numbers.
    assert compared == len(pairs) and breaks and lost


def test_series_json_takes_the_same_few_queries_at_any_size():
    call_command("synth_targets", rows=1200, seed=1, stdout=io.StringIO())
    region = m.Region.objects.filter(name__startswith="合成").order_by("name").first()
    code = (
        m.Target.objects.filter(document__region=region, kind="target")
        .exclude(indicator=None)
        .order_by("id")
        .values_list("indicator__code", flat=True)
        .first()
    )
    url = f"/api/v1/series/{code}?region={region.slug}"

    def count() -> int:
        cache.clear()
        with CaptureQueriesContext(connection) as captured:
            response = Client().get(url)
        assert response.status_code == 200
        assert json.loads(response.content)["points"]
        return len(captured)

    small = count()
    call_command("synth_targets", rows=12000, seed=2, stdout=io.StringIO())
    # The data version, the indicator, the region, the rows, the region's years.
    assert small == count() == 5


def page_queries(urls: list[str]) -> dict[str, int]:
    """Queries of each page, rendered past the page cache (cleared), as a visitor."""
    counts = {}
    for url in urls:
        cache.clear()
        with CaptureQueriesContext(connection) as captured:
            response = Client().get(url)
        assert response.status_code == 200, url
        assert response.get("X-Page-Cache") != "hit", url
        counts[url] = len(captured)
    return counts


def test_public_pages_take_at_most_six_queries_on_the_seeds_and_when_enlarged(
    seeded,
):
    conflicting = (
        m.Target.objects.public()
        .filter(conflict=True, document__region__name="通辽市")
        .order_by("id")
        .first()
    )
    assert conflicting is not None  # the document page shows its conflicts
    region = "通辽市"
    urls = [
        "/",
        f"/regions/{region}/",
        f"/indicators/gdp_growth/?region={region}",
        f"/indicators/grain_output/?region={region}",
        f"/documents/{conflicting.document_id}/",
        "/search/?q=增长",
        "/search/?q=粮食",
    ]
    seeds = page_queries(urls)
    assert max(seeds.values()) <= MAX_QUERIES, seeds
    call_command("synth_targets", rows=6000, seed=5, stdout=io.StringIO())
    assert m.Target.objects.count() > 6000
    enlarged = page_queries(urls)
    # The search now matches more than a page of rows (its total is counted in the
    # same query), and the pages read the same few queries over more rows.
    assert enlarged == seeds
    synthetic = m.Region.objects.filter(name__startswith="合成").first()
    document = m.Document.objects.filter(region=synthetic).order_by("id").first()
    more = page_queries(
        [
            f"/regions/{synthetic.slug}/",
            f"/indicators/gdp_growth/?region={synthetic.slug}",
            f"/documents/{document.pk}/",
        ]
    )
    assert max(more.values()) <= MAX_QUERIES, more
