"""Rules learnt by running the extractor on real published pages read with the search
tool (never committed: their sentences are not ours). Each test is the rule on a short
text of our own."""

from __future__ import annotations

from plans.pipeline import run


def shown(text: str) -> list[tuple]:
    rows = run.rows_to_dicts(run.process_text(text))
    return [(r["value"], r["unit"], r["kind"], r["year"]) for r in rows]


def test_care_of_typed_for_percent_on_old_pages_is_a_percentage():
    text = "2011年政府工作报告\n2010年,全县财政总收入增长57.7℅。2011年,增长20℅以上。"
    assert shown(text) == [(57.7, "℅", "actual", 2010), (20, "℅", "target", 2011)]
