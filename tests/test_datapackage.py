"""The bulk download: a Frictionless data package of the published record, written by
`manage.py export_datapackage DIR`, served at /downloads/ and rebuilt when something is
published; validated with `frictionless validate` (types, keys, foreign keys)."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client, override_settings

from plans import models as m
from tests import factories as f

pytestmark = pytest.mark.django_db

FRICTIONLESS = str(Path(sys.executable).with_name("frictionless"))
TABLES = [
    "regions",
    "sectors",
    "indicators",
    "departments",
    "documents",
    "targets",
    "target_departments",
]


@pytest.fixture
def tongliao(tmp_path):
    cache.clear()
    with override_settings(VAR_DIR=tmp_path / "var"):
        yield f.tongliao()


def validate(descriptor: Path) -> dict:
    result = subprocess.run(
        [FRICTIONLESS, "validate", "--json", str(descriptor)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    report = json.loads(result.stdout)
    return report


def export(directory: Path) -> Path:
    call_command("export_datapackage", str(directory), stdout=io.StringIO())
    return directory / "datapackage.json"


def read_csv(path: Path) -> list[dict]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))


def test_the_package_is_valid_typed_and_keyed(tongliao, tmp_path):
    descriptor = export(tmp_path / "pkg")
    report = validate(descriptor)
    assert report["valid"], json.dumps(report, ensure_ascii=False)[:3000]
    package = json.loads(descriptor.read_text(encoding="utf-8"))
    assert [r["name"] for r in package["resources"]] == TABLES
    assert package["licenses"][0]["name"] == "CC-BY-4.0"
    targets = next(r for r in package["resources"] if r["name"] == "targets")
    fields = {f["name"]: f for f in targets["schema"]["fields"]}
    assert fields["value"]["type"] == "number" and "unit" in fields["value"]
    assert fields["year"]["type"] == "integer"
    assert fields["value_missing"]["type"] == "boolean"
    assert set(fields["bound"]["constraints"]["enum"]) >= {"floor", "ceiling"}
    assert targets["schema"]["primaryKey"] == ["id"]
    keys = {k["fields"]: k["reference"] for k in targets["schema"]["foreignKeys"]}
    assert keys["document"] == {"resource": "documents", "fields": "id"}
    assert keys["indicator"] == {"resource": "indicators", "fields": "code"}
    documents = read_csv(tmp_path / "pkg" / "documents.csv")
    assert all(d["url"].startswith("http") for d in documents)
    assert {"source_url", "issuer", "title", "year"} <= set(documents[0])
    rows = read_csv(tmp_path / "pkg" / "targets.csv")
    gdp = {r["year"]: r for r in rows if r["indicator"] == "gdp_growth"}
    assert gdp["2025"]["value"] == "6" and gdp["2025"]["comparator"] == "以上"
    lost = next(r for r in rows if r["value_missing"] == "true")
    assert lost["value"] == "" and lost["unit"] == "亿斤"


def test_a_broken_foreign_key_makes_the_package_invalid(tongliao, tmp_path):
    descriptor = export(tmp_path / "pkg")
    targets = tmp_path / "pkg" / "targets.csv"
    rows = list(csv.reader(io.StringIO(targets.read_text(encoding="utf-8"))))
    rows[1][rows[0].index("document")] = "999999"
    with open(targets, "w", encoding="utf-8", newline="") as out:
        csv.writer(out, lineterminator="\n").writerows(rows)
    report = validate(descriptor)
    assert not report["valid"]
    assert "foreign-key" in json.dumps(report)


def test_drafts_are_never_in_the_package(tongliao, tmp_path):
    export(tmp_path / "pkg")
    for table in TABLES:
        text = (tmp_path / "pkg" / f"{table}.csv").read_text(encoding="utf-8")
        assert "秘密" not in text and "草稿" not in text, table


def test_downloads_serve_the_package_and_rebuild_it_on_publishing(tongliao):
    client = Client()
    page = client.get("/downloads/")
    assert page.status_code == 200
    html = page.content.decode()
    for table in TABLES:
        assert f"/downloads/{table}.csv" in html
    assert "/downloads/datapackage.json" in html
    assert "CC-BY-4.0" in html or "Creative Commons" in html
    response = client.get("/downloads/targets.csv")
    assert response["Content-Type"].startswith("text/csv")
    before = b"".join(response.streaming_content).decode()
    assert "秘密" not in before
    draft = tongliao["documents"]["draft"]
    draft.status = m.Document.Status.PUBLISHED
    draft.save()
    after = b"".join(client.get("/downloads/targets.csv").streaming_content).decode()
    assert "秘密" in after
    archive = zipfile.ZipFile(
        io.BytesIO(
            b"".join(client.get("/downloads/mubiao-datapackage.zip").streaming_content)
        )
    )
    assert set(archive.namelist()) == {
        "datapackage.json",
        *(f"{t}.csv" for t in TABLES),
    }
    assert client.get("/downloads/../settings.py").status_code == 404
    assert client.get("/downloads/nothing.csv").status_code == 404
