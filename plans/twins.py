"""Page twins: ``?format=json|csv|xlsx&table=<name>`` gives a page's data as the API's
records (``plans.api.records``, shaped by ``plans.api.schemas``): one shape per thing,
typed, never an HTML page or a chart converted.

JSON is ``{"schema", "count", "results"}`` exactly as the API would give the records; CSV
(UTF-8 with a BOM, for spreadsheet programs) and XLSX are the same records flattened, one
column per field (a nested record's fields as ``old.value``…), numbers as numbers in XLSX,
every text cell through ``plans.exports.neutralise``.
"""

from __future__ import annotations

import csv
import io
import json
import types
import typing
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from ninja import Schema
from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from plans.exports import neutralise
from plans.formatting import number

FORMATS = ("csv", "xlsx", "json")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass
class Twin:
    schema: type[Schema]
    records: list[dict[str, Any]]


def requested(request: HttpRequest) -> str | None:
    value = request.GET.get("format", "")
    return value if value in FORMATS else None


def respond(
    request: HttpRequest, twins: dict[str, Callable[[], Twin]], *, filename: str
) -> HttpResponse:
    """The twin named by ``?table=`` (else the page's first) in the requested format."""
    if not twins:
        raise Http404("this page has no table")
    wanted = request.GET.get("table", "")
    name = wanted if wanted in twins else next(iter(twins))
    twin = twins[name]()
    if len(twins) > 1:
        filename = f"{filename}-{name}"
    return response(twin, requested(request) or "json", filename)


def response(twin: Twin, format_: str, filename: str) -> HttpResponse:
    if format_ == "json":
        payload = {
            "schema": f"/api/v1/openapi.json#/components/schemas/{twin.schema.__name__}",
            "count": len(twin.records),
            "results": twin.records,
        }
        return HttpResponse(
            json.dumps(payload, ensure_ascii=False),
            content_type="application/json; charset=utf-8",
        )
    header = columns(twin.schema)
    rows = [[flat.get(c) for c in header] for flat in map(flatten, twin.records)]
    if format_ == "csv":
        body, content_type = to_csv(header, rows), "text/csv; charset=utf-8"
    else:
        body, content_type = to_xlsx(header, rows), XLSX_TYPE
    result = HttpResponse(body, content_type=content_type)
    result["Content-Disposition"] = f'attachment; filename="{filename}.{format_}"'
    return result


# --------------------------------------------------------------------------- flattening


def _nested(annotation: Any) -> type[Schema] | None:
    """The record schema a field holds (``TargetOut | None`` → ``TargetOut``)."""
    if isinstance(annotation, type) and issubclass(annotation, Schema):
        return annotation
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) in (
        typing.Union,
    ):
        for arg in typing.get_args(annotation):
            found = _nested(arg)
            if found is not None:
                return found
    return None


def columns(schema: type[Schema], prefix: str = "") -> list[str]:
    """One column per field; a nested record's fields as ``field.subfield``."""
    out = []
    for name, field in schema.model_fields.items():
        nested = _nested(field.annotation)
        if nested is not None:
            out += columns(nested, f"{prefix}{name}.")
        else:
            out.append(prefix + name)
    return out


def _scalar(value: Any) -> Any:
    if isinstance(value, list):
        return "、".join(_item(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return value


def _item(value: Any) -> str:
    if isinstance(value, dict):
        name = value.get("name_as_written") or value.get("name") or ""
        return f"{name}（{value['role']}）" if value.get("role") else str(name)
    return str(value)


def flatten(record: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for key, value in record.items():
        if isinstance(value, dict) and key in ("old", "new"):
            flat.update(flatten(value, f"{prefix}{key}."))
        else:
            flat[prefix + key] = _scalar(value)
    return flat


# --------------------------------------------------------------------------- writers


def _csv_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return number(value)
    return neutralise(str(value))


def to_csv(header: list[str], rows: list[list[Any]]) -> bytes:
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([_csv_text(v) for v in row] for row in rows)
    return out.getvalue().encode("utf-8")


def to_xlsx(header: list[str], rows: list[list[Any]]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "data"
    sheet.append(header)
    for row in rows:
        sheet.append([neutralise(v) for v in row])
    for index, name in enumerate(header, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = max(
            10, min(40, len(name) + 4)
        )
    sheet.freeze_panes = "A2"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
