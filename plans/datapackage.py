"""The whole published record as a Frictionless data package: ``datapackage.json`` and one
CSV per table (regions, sectors, indicators, departments, documents, targets and the
target–department links), with field types, descriptions, units, primary and foreign keys
and the licence.

Each table's columns are the API's record of that thing (``plans.api.schemas`` and
``plans.api.records``), so the package, the API and the page twins share one shape; the
Table Schema types are read off the same pydantic fields. ``manage.py export_datapackage
DIR`` writes it; ``/downloads/`` serves it, rebuilt when the data changes (publishing a
document, an edit, an import).
"""

from __future__ import annotations

import csv
import datetime
import json
import os
import shutil
import tempfile
import types
import typing
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from django.conf import settings
from ninja import Schema

from plans import cache
from plans import models as m
from plans.api import reads, records
from plans.api import schemas as s
from plans.exports import neutralise
from plans.formatting import number

NAME = "mubiao-targets"
ZIP_NAME = "mubiao-datapackage.zip"
LICENCE = {
    "name": "CC-BY-4.0",
    "path": "https://creativecommons.org/licenses/by/4.0/",
    "title": "Creative Commons Attribution 4.0 International",
}
# Row sources are public government documents; what Mubiao adds (extraction, mapping,
# normalisation) is under the licence above.
BATCH = 2000


@dataclass(frozen=True)
class Table:
    name: str
    schema: type[Schema]
    primary_key: list[str]
    foreign_keys: list[dict]
    description: str
    exclude: tuple[str, ...] = ()


class TargetDepartmentOut(Schema):
    target: int
    department: int
    role: s.Role
    name_as_written: str


def _fk(fields: str, resource: str, reference: str) -> dict:
    return {"fields": fields, "reference": {"resource": resource, "fields": reference}}


TABLES = [
    Table(
        "regions",
        s.RegionOut,
        ["slug"],
        [_fk("parent", "regions", "slug")],
        "Regions with published documents, and the regions above them.",
    ),
    Table(
        "sectors",
        s.SectorOut,
        ["code"],
        [],
        "Sectors of the indicator catalogue.",
    ),
    Table(
        "indicators",
        s.IndicatorOut,
        ["code"],
        [_fk("sector", "sectors", "code")],
        "The indicator catalogue; `unit` is the unit of normalised values.",
    ),
    Table(
        "departments",
        s.DepartmentOut,
        ["id"],
        [],
        "Government units named by published rows.",
    ),
    Table(
        "documents",
        s.DocumentOut,
        ["id"],
        [_fk("region", "regions", "slug")],
        "Published documents; `url` is the page showing the source text with every "
        "number marked.",
    ),
    Table(
        "targets",
        s.TargetOut,
        ["id"],
        [
            _fk("document", "documents", "id"),
            _fk("region", "regions", "slug"),
            _fk("indicator", "indicators", "code"),
            _fk("sector", "sectors", "code"),
        ],
        "Every published number (targets, actuals, context): `value`/`value_max` in "
        "the row's `unit`, `normalised_value` in `normalised_unit` (the indicator's "
        "unit); a number lost in the source is empty with `value_missing` true.",
        exclude=("departments",),
    ),
    Table(
        "target_departments",
        TargetDepartmentOut,
        ["target", "department", "role"],
        [_fk("target", "targets", "id"), _fk("department", "departments", "id")],
        "Which units are responsible for, lead or support which rows.",
    ),
]


# --------------------------------------------------------------------------- schema


def _field_type(annotation: Any) -> tuple[str, dict]:
    """Table Schema type and constraints of a pydantic annotation."""
    args = [a for a in typing.get_args(annotation) if a is not type(None)]
    origin = typing.get_origin(annotation)
    if isinstance(annotation, types.UnionType) or origin is typing.Union:
        return _field_type(args[0])
    if origin is Literal:
        return "string", {"enum": [str(a) for a in typing.get_args(annotation)]}
    if origin in (list, dict):
        return "array" if origin is list else "object", {}
    return {
        int: ("integer", {}),
        float: ("number", {}),
        bool: ("boolean", {}),
    }.get(annotation, ("string", {}))


def _nullable(annotation: Any) -> bool:
    return type(None) in typing.get_args(annotation)


def table_schema(table: Table) -> dict:
    fields = []
    for name, info in table.schema.model_fields.items():
        if name in table.exclude:
            continue
        kind, constraints = _field_type(info.annotation)
        field: dict[str, Any] = {"name": name, "type": kind}
        if info.description:
            field["description"] = info.description
        # An empty text is a missing value in CSV: only non-text fields are required.
        if name in table.primary_key or (
            kind != "string" and not _nullable(info.annotation)
        ):
            constraints["required"] = True
        if constraints:
            field["constraints"] = constraints
        if name in ("value", "value_max"):
            field["unit"] = "see the row's `unit`"
        elif name == "normalised_value":
            field["unit"] = "see the row's `normalised_unit`"
        fields.append(field)
    schema: dict[str, Any] = {
        "fields": fields,
        "primaryKey": table.primary_key,
        "missingValues": [""],
    }
    if table.foreign_keys:
        schema["foreignKeys"] = table.foreign_keys
    return schema


def descriptor(counts: dict[str, int]) -> dict:
    return {
        "profile": "tabular-data-package",
        "name": NAME,
        "title": "Mubiao: targets of Chinese municipal plans",
        "description": (
            "Targets, actuals and context numbers extracted from published municipal "
            "plans, government work reports and task divisions, each with its source "
            "sentence. Same records as the API at /api/v1/."
        ),
        "homepage": settings.MUBIAO_SITE_URL + "/downloads/",
        "created": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "licenses": [LICENCE],
        "sources": [{"title": "Published documents", "path": "documents.csv"}],
        "resources": [
            {
                "name": table.name,
                "path": f"{table.name}.csv",
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "description": table.description,
                "count": counts.get(table.name, 0),
                "schema": table_schema(table),
            }
            for table in TABLES
        ],
    }


# --------------------------------------------------------------------------- rows


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, float):
        return number(value)
    return neutralise(value)


def _records(base: str):
    """(table name, iterator of records) of every table, published data only."""
    regions = reads.public_regions()
    known = {r.pk for r in regions}
    extra, parent_ids = [], {r.parent_id for r in regions if r.parent_id}
    while parent_ids - known:
        found = list(m.Region.objects.filter(pk__in=parent_ids - known))
        extra += found
        known |= {r.pk for r in found}
        parent_ids = {r.parent_id for r in found if r.parent_id}
    for region in extra:
        region.plan_years = []
    yield (
        "regions",
        (records.region(r, r.plan_years) for r in sorted(regions + extra, key=str)),
    )
    yield "sectors", (records.sector(x) for x in reads.sectors())
    yield "indicators", (records.indicator(i) for i in reads.indicators())
    yield "departments", (records.department(d) for d in reads.departments())
    yield "documents", (records.document(d, base) for d in reads.documents())
    links: list[dict] = []

    def targets():
        ids = list(reads.target_ids(reads.TargetFilters()))
        for start in range(0, len(ids), BATCH):
            for row in reads.target_rows(ids[start : start + BATCH]):
                record = records.target(row, base)
                for link in record["departments"]:
                    links.append(
                        {
                            "target": record["id"],
                            "department": link["id"],
                            "role": link["role"],
                            "name_as_written": link["name_as_written"],
                        }
                    )
                yield record

    yield "targets", targets()
    yield "target_departments", iter(links)


def write(directory: Path, *, base: str | None = None) -> dict[str, int]:
    """Write the package into ``directory`` (created if missing); row counts by table."""
    directory.mkdir(parents=True, exist_ok=True)
    base = settings.MUBIAO_SITE_URL if base is None else base
    by_name = {t.name: t for t in TABLES}
    counts: dict[str, int] = {}
    for name, rows in _records(base):
        table = by_name[name]
        header = [f["name"] for f in table_schema(table)["fields"]]
        with open(directory / f"{name}.csv", "w", encoding="utf-8", newline="") as out:
            writer = csv.writer(out, lineterminator="\n")
            writer.writerow(header)
            count = 0
            for record in rows:
                writer.writerow([_cell(record.get(c)) for c in header])
                count += 1
        counts[name] = count
    (directory / "datapackage.json").write_text(
        json.dumps(descriptor(counts), ensure_ascii=False, indent=2) + "\n",
        encoding="utf-8",
    )
    with zipfile.ZipFile(directory / ZIP_NAME, "w", zipfile.ZIP_DEFLATED) as archive:
        for table in TABLES:
            archive.write(directory / f"{table.name}.csv", f"{table.name}.csv")
        archive.write(directory / "datapackage.json", "datapackage.json")
    return counts


# --------------------------------------------------------------------------- serving


def root() -> Path:
    return Path(settings.VAR_DIR) / "datapackage"


def current() -> Path:
    """The package of the data as it is now, built first if the data changed since the
    last build (the database's change marker names the directory)."""
    version = cache.database_marker()
    directory = root() / version
    if (directory / "datapackage.json").exists():
        return directory
    root().mkdir(parents=True, exist_ok=True)
    building = Path(tempfile.mkdtemp(prefix=".build-", dir=root()))
    try:
        write(building)
        try:
            os.rename(building, directory)
        except OSError:  # another process finished the same build first
            shutil.rmtree(building, ignore_errors=True)
    except BaseException:
        shutil.rmtree(building, ignore_errors=True)
        raise
    for old in root().iterdir():
        if old.name not in (version,) and not old.name.startswith("."):
            shutil.rmtree(old, ignore_errors=True)
    return directory


def files() -> list[str]:
    return ["datapackage.json", *(f"{t.name}.csv" for t in TABLES), ZIP_NAME]


def summary(directory: Path) -> dict:
    package = json.loads((directory / "datapackage.json").read_text(encoding="utf-8"))
    return {
        "created": package["created"],
        "resources": [
            {
                "name": r["name"],
                "path": r["path"],
                "description": r["description"],
                "count": r["count"],
                "size": (directory / r["path"]).stat().st_size,
            }
            for r in package["resources"]
        ],
        "zip_size": (directory / ZIP_NAME).stat().st_size,
        "licence": package["licenses"][0],
    }
