"""Page twins (?format=json|csv|xlsx) are the API's records, typed, never a rendered page;
every CSV and XLSX export neutralises cells a spreadsheet would run as formulas."""

from __future__ import annotations

import csv
import io
import json

import openpyxl
import pytest
from django.core.management import call_command

from plans.api import schemas as s
from plans.exports import neutralise

pytestmark = pytest.mark.django_db

SCHEMAS = {
    "TargetOut": s.TargetOut,
    "SeriesPoint": s.SeriesPoint,
    "ChangeOut": s.ChangeOut,
    "DepartmentOut": s.DepartmentOut,
}


def twin(client, url: str) -> dict:
    joiner = "&" if "?" in url else "?"
    response = client.get(f"{url}{joiner}format=json")
    assert response.status_code == 200, url
    assert response["Content-Type"].startswith("application/json")
    return json.loads(response.content)


@pytest.mark.parametrize(
    "url",
    [
        "/indicators/gdp_growth/?table=rows",
        "/indicators/gdp_growth/?table=chart",
        "/?table=latest",
        "/?table=changes",
        "/?table=series-gdp_growth",
        "/sectors/economy/?table=pivot",
        "/regions/通辽市/compare/?a=2021&b=2025",
        "/departments/",
        "/search/?q=增长",
    ],
)
def test_every_twin_is_records_of_an_api_schema(tongliao, client, url):
    data = twin(client, url)
    name = data["schema"].rsplit("/", 1)[1]
    for record in data["results"]:
        assert SCHEMAS[name].model_validate(record).model_dump(mode="json") == record
    text = json.dumps(data, ensure_ascii=False)
    assert "<" not in text and "plotly" not in text


def test_the_chart_twin_is_the_api_series(tongliao, client):
    chart = twin(client, "/indicators/gdp_growth/?region=通辽市&table=chart")
    api = client.get("/api/v1/series/gdp_growth?region=通辽市").json()
    assert chart["results"] == api["points"]
    rows = twin(client, "/indicators/gdp_growth/?table=rows")["results"]
    one = rows[0]
    assert client.get(f"/api/v1/targets/{one['id']}").json() == one


def test_typed_values_in_twins(tongliao, client):
    rows = twin(client, "/indicators/grain_output/?table=rows")["results"]
    lost = next(r for r in rows if r["year"] == 2021)
    assert lost["value"] is None and lost["value_missing"] is True
    found = next(r for r in rows if r["year"] == 2025)
    assert found["value"] == 150 and isinstance(found["year"], int)
    assert (found["comparator"], found["unit"]) == ("以上", "亿斤")
    book = openpyxl.load_workbook(
        io.BytesIO(client.get("/indicators/grain_output/?format=xlsx").content)
    )
    sheet = list(book.active.iter_rows(values_only=True))
    header = sheet[0]
    by_year = {r[header.index("year")]: r for r in sheet[1:]}
    assert by_year[2025][header.index("value")] == 150
    assert by_year[2021][header.index("value")] is None


@pytest.mark.parametrize(
    "text, expected",
    [
        ("=1+1", "'=1+1"),
        ("+86 1234", "'+86 1234"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("地区生产总值", "地区生产总值"),
        ("6%", "6%"),
        (-5, -5),
        (None, None),
    ],
)
def test_neutralise_follows_owasp(text, expected):
    assert neutralise(text) == expected


def test_formula_cells_are_neutralised_in_every_export(tongliao, client, tmp_path):
    document = tongliao["documents"][2025]
    row = tongliao["rows"]["jobs_2025"]
    row.subject = '=HYPERLINK("http://x")'
    row.quote = "@SUM(1+1)就业"
    row.save()
    csv_text = client.get(f"/documents/{document.pk}/?format=csv").content.decode(
        "utf-8-sig"
    )
    records = list(csv.DictReader(io.StringIO(csv_text)))
    mine = next(r for r in records if r["id"] == str(row.pk))
    assert mine["subject"] == '\'=HYPERLINK("http://x")'
    assert mine["quote"] == "'@SUM(1+1)就业"
    book = openpyxl.load_workbook(
        io.BytesIO(client.get(f"/documents/{document.pk}/?format=xlsx").content)
    )
    cells = [c for r in book.active.iter_rows(values_only=True) for c in r]
    assert '\'=HYPERLINK("http://x")' in cells
    assert not any(isinstance(c, str) and c.startswith(("=", "@")) for c in cells)
    # JSON is no spreadsheet: the text stays as written.
    data = twin(client, f"/documents/{document.pk}/")
    assert any(r["subject"] == '=HYPERLINK("http://x")' for r in data["results"])
    out = io.StringIO()
    call_command("export_targets", "--format", "csv", stdout=out)
    exported = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert any(r["subject"] == '\'=HYPERLINK("http://x")' for r in exported)
    assert not any(r["subject"].startswith("=") for r in exported)


@pytest.mark.parametrize(
    "url",
    [
        "/indicators/nothing/?format=json",
        "/indicators/gdp_growth/?region=nowhere&format=csv&table=chart",
        "/sectors/nothing/?format=xlsx",
        "/departments/999999/?format=json",
        "/documents/999999/?format=csv",
    ],
)
def test_a_twin_of_what_does_not_exist_is_404(tongliao, client, url):
    assert client.get(url).status_code == 404
