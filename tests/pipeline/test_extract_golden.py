"""Golden outputs: whole paragraphs of the seeds (and one of another city, half-width and
full-width mixed) with the rows the extractor must give, in tests/data/extract/.

Each ``NAME.txt`` has a ``NAME.json`` beside it holding the document's kind and year and
the expected rows (the fields a reader checks: the span as written, value, unit,
comparator, qualifier, kind, year, subjects, lost). After a deliberate change of the
rules, rewrite them with ``MUBIAO_UPDATE_GOLDEN=1 pytest tests/pipeline/test_extract_golden.py``
and read the diff before committing it.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from plans.pipeline.extract import extract_rows
from plans.pipeline.run import row_to_dict
from plans.pipeline.types import Document

GOLDEN = Path(__file__).resolve().parents[1] / "data" / "extract"
CASES = sorted(GOLDEN.glob("*.txt"))
FIELDS = ("value", "value_max", "unit", "comparator", "qualifier", "kind", "year")


def _summary(text: str, kind: str, year: int | None) -> list[dict]:
    doc = Document(start=0, end=len(text), title="", kind=kind, region=None, year=year)
    out = []
    for row in extract_rows(text, doc):
        d = row_to_dict(row)
        item = {"written": text[d["start"] : d["end"]], **{k: d[k] for k in FIELDS}}
        if d["subjects"]:
            item["subjects"] = d["subjects"]
        if d["value_missing"]:
            item["value_missing"] = True
        if d["duplicates"]:
            item["duplicates"] = d["duplicates"]
        out.append(item)
    return out


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_a_paragraph_gives_exactly_its_golden_rows(path):
    text = path.read_text(encoding="utf-8")
    expected_path = path.with_suffix(".json")
    expected = json.loads(expected_path.read_text(encoding="utf-8"))
    got = _summary(text, expected["kind"], expected["year"])
    if os.environ.get("MUBIAO_UPDATE_GOLDEN"):
        expected["rows"] = got
        expected_path.write_text(
            json.dumps(expected, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
        )
    assert got == expected["rows"]
