"""First stage of the text pipeline: the documents inside a source file.

``find_documents(text)`` finds each plan, work report or task division in a decoded
source file, with its span, title, kind, region, plan year (and how the year was known),
issue date, sections (headings, numbered items, tasks with their departments and
leaders) and the masked characters it could or could not repair.

The text is never modified. The stages, each a module:

- ``source_text``: an NFKC copy of the text whose characters know their origin, its lines;
- ``titles``: document titles and the web-page chrome set aside around a document;
- ``document_year``: the plan year from the text's own evidence, with the reasons;
- ``sections``: headings, numbered items and tasks with their departments;
- ``repair``: masked characters restored from evidence in the text;
- ``newspaper``: a page's articles that report no plan, set aside like chrome;
- here: news feeds split into items, and each document assembled.
"""

from __future__ import annotations

import re

from plans.pipeline import lexicon, regions
from plans.pipeline.communique import results_evidence
from plans.pipeline.document_year import (
    dateline_evidence,
    decide_year,
    inferred_evidence,
    issue_date,
    outline_evidence,
    present_year,
    stated_evidence,
)
from plans.pipeline.lexicon import AFTER, alternation
from plans.pipeline.newspaper import off_topic_articles
from plans.pipeline.repair import find_repairs
from plans.pipeline.sections import find_sections
from plans.pipeline.source_text import Line, Norm, normalise_text, text_lines
from plans.pipeline.titles import (
    DATE_ONLY,
    SEPARATOR,
    dates_as_posted,
    is_chrome,
    looks_like_document,
    title_of,
    trim_chrome,
)
from plans.pipeline.types import (
    OTHER,
    PLAN,
    TASK_DIVISION,
    WORK_REPORT,
    Document,
)


def _feed_items(norm: str) -> list[list[Line]] | None:
    """Items of a news feed (blocks between separator lines, most of them dated)."""
    lines = text_lines(norm)
    items: list[list[Line]] = [[]]
    separators = 0
    for line in lines:
        if SEPARATOR.match(line.text):
            separators += 1
            items.append([])
        else:
            items[-1].append(line)
    items = [item for item in items if item]
    if separators < 2 or len(items) < 2:
        return None
    dated = sum(1 for item in items if any(DATE_ONLY.match(x.text) for x in item))
    return items if dated * 2 >= len(items) else None


def _restated_goals(text: str) -> str:
    """The text without the goals it names right after their numbers ("高于年初确定的13%
    左右的预期目标"): news of results measures them against a goal it restates, where a
    plan sets its goals out ("主要预期目标是:")."""
    lex = lexicon.current()
    bounds = [w for w, c in lex.comparators.items() if c.read == AFTER]
    goals = alternation(lex.cues.goal_after)
    return re.sub(rf"[0-9%‰](?:{alternation(bounds)})?(?:{goals})", "", text)


def _kind_from_body(text: str) -> str:
    if "牵头单位" in text and ("分工" in text or "责任领导" in text):
        return TASK_DIVISION
    if "各位代表" in text or "政府工作报告" in text[:2000]:
        return WORK_REPORT
    if (
        "国民经济和社会发展" in text
        or "责任部门" in text
        or "预期目标" in _restated_goals(text)
    ):
        return PLAN
    return OTHER


def _build(
    norm: Norm, source: str, lines: list[Line], head: str = "", tail: str = ""
) -> Document:
    """One document of the lines given; ``head`` and ``tail`` are the page chrome above
    and below them (a posting date there dates a news text)."""
    start, end = lines[0].start, lines[-1].end
    body = norm.text[start:end]
    title = next((t for t in (title_of(line) for line in lines) if t), None)
    if title:
        kind = title.kind
        title_text = source[norm.start(title.start) : norm.end(title.end)].strip()
        title_norm = norm.text[title.start : title.end]
        region, parent = regions.region_before(
            norm.text[title.line.start : title.keyword_at]
        )
        if not region:
            region, parent, _ = regions.region_from_text(title.line.text)
    else:
        kind = _kind_from_body(body)
        title_text = title_norm = ""
        region = parent = None
    if not region:
        region, parent, _ = regions.region_from_text(body)
    evidence = stated_evidence(kind, title_norm, body)
    evidence += inferred_evidence(kind, body, region)
    # a reader's 打印时间 is no date of the page's; t20081223_1.htm is
    dated = [dates_as_posted(x) for x in (head, body, tail)]
    evidence += dateline_evidence(*dated) + outline_evidence(body)
    communique = results_evidence(body)
    evidence += communique
    year, year_source, reasons = decide_year(evidence)
    issued = issue_date(body[:3000])
    if issued:
        at = body.find(issued)
        issued = source[norm.start(start + at) : norm.end(start + at + len(issued))]
    doc_start, doc_end = norm.start(start), norm.end(end)
    repairs, unrepaired = find_repairs(source, doc_start, doc_end)
    return Document(
        start=doc_start,
        end=doc_end,
        title=title_text,
        kind=kind,
        region=region,
        parent_region=parent,
        year=year,
        year_source=year_source,
        year_evidence=reasons,
        present_year=present_year(evidence, year),
        dated_late=any(e.late and e.year == year for e in evidence),
        dated=next((e.dated for e in evidence if e.dated), None),
        reports_results=bool(communique) and year == communique[0].year,
        issued=issued,
        sections=find_sections(norm, source, start, end),
        chrome=_merged(
            [
                (norm.start(line.start), norm.end(line.end))
                for line in lines
                if is_chrome(line)
            ]
            + [(norm.start(a), norm.end(b)) for a, b in off_topic_articles(lines)]
        ),
        repairs=repairs,
        unrepaired_masks=unrepaired,
    )


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans in order, overlapping ones joined (a chrome line inside a set-aside article)."""
    out: list[tuple[int, int]] = []
    for a, b in sorted(spans):
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def find_documents(text: str) -> list[Document]:
    """The plans, work reports and task divisions in a source file, in text order.

    A news feed yields one document per item that is titled as one (other items yield
    nothing); any other file yields one document spanning its text without web chrome,
    or none when nothing in it reads like a plan or report.
    """
    norm = normalise_text(text)
    items = _feed_items(norm.text)
    documents = []
    if items is None:
        lines = trim_chrome(text_lines(norm.text))
        if lines and (
            any(title_of(line) for line in lines) or looks_like_document(norm.text)
        ):
            head = norm.text[: lines[0].start]
            tail = norm.text[lines[-1].end :]
            documents.append(_build(norm, text, lines, head, tail))
        return documents
    for item in items:
        lines = trim_chrome(item, drop_dates=True)
        if lines and any(title_of(line) for line in lines[:3]):
            documents.append(_build(norm, text, lines))
    return documents
