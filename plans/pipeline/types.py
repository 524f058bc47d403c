"""Plain data passed between the stages of the text pipeline.

Every offset is a Python string index into the *decoded source file text*, kept verbatim:
the source viewer highlights ``text[start:end]``. No stage may rewrite the text it was given;
repairs are recorded beside it (see ``Repair``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

# Document kinds, as stored in the database.
PLAN = "plan"  # 国民经济和社会发展计划
WORK_REPORT = "work_report"  # 政府工作报告
TASK_DIVISION = "task_division"  # 重点任务分工方案
OTHER = "other"

# How a document's plan year was known.
YEAR_STATED = "stated"
YEAR_INFERRED = "inferred"
YEAR_UNKNOWN = "unknown"
# the text gives no year; an official entered it (the pipeline is told, never guesses)
YEAR_ENTERED = "entered"
YEAR_ENTERED_EVIDENCE = (
    "由工作人员录入（文中无年度依据） / entered by an official (the text gives no year)"
)

# Row kinds.
# The precision of a stored value (Target.value: 20 digits, 6 after the point). A number
# written with more is kept as written and flagged, never stored rounded or cut.
VALUE_MAX_DIGITS = 20
VALUE_DECIMAL_PLACES = 6
VALUE_TOO_LONG = "too_long"  # more digits before the point than a value may hold
VALUE_TOO_PRECISE = "too_precise"  # more than six digits after the point

TARGET = "target"
ACTUAL = "actual"
CONTEXT = "context"
COMMITMENT = "commitment"  # a task or promise without a number (never given one)

# Department roles.
RESPONSIBLE = "responsible"  # 责任部门 / 责任单位
LEAD = "lead"  # 牵头单位
SUPPORT = "support"  # 配合单位


@dataclass(frozen=True)
class DepartmentRef:
    name: str  # as written
    role: str  # RESPONSIBLE | LEAD | SUPPORT
    # span of the name in the source text (-1 when unknown); not part of equality, so
    # DepartmentRef("市农牧局", LEAD) still equals the one the segmenter found
    start: int = field(default=-1, compare=False)
    end: int = field(default=-1, compare=False)


@dataclass
class Section:
    """A heading or numbered item (a task in a task-division document) inside a document."""

    path: tuple[
        str, ...
    ]  # heading path, outermost first, e.g. ("一、…", "1.充分发挥…")
    start: int
    end: int
    number: str = ""  # the item or task number as written ("1", "23", "（三）")
    departments: list[DepartmentRef] = field(default_factory=list)
    leader: str = ""  # 责任领导 (task division documents)


@dataclass
class Repair:
    """A masked character (``*``) restored from evidence in the text itself."""

    position: int  # index of the mask in the source text
    original: str  # what the source says, e.g. "*"
    repaired: str  # the character the evidence proves, e.g. "政"
    evidence: str  # why, in words: 'the word 人民政府 appears unmasked at 1234'


@dataclass
class Document:
    """One document found inside a source file (a file may hold several, or none)."""

    start: int
    end: int
    title: str
    kind: str  # PLAN | WORK_REPORT | TASK_DIVISION | OTHER
    region: str | None  # e.g. "通辽市"; None when the text does not say
    parent_region: str | None = None  # e.g. "内蒙古自治区"
    year: int | None = None  # the year it plans for
    year_source: str = (
        YEAR_UNKNOWN  # YEAR_STATED | YEAR_INFERRED | YEAR_UNKNOWN | YEAR_ENTERED
    )
    year_evidence: list[str] = field(default_factory=list)  # human-readable reasons
    # the year the text is written in, where its 今年 is not the plan year (a year-end
    # economic work conference sets next year's targets: its 今年 is the year before)
    present_year: int | None = None
    # dated in the second half of its year, with no occasion that plans ahead (a half-year
    # or three-quarters meeting): its 预计 estimates the year's result
    dated_late: bool = False
    # the year and month the text is dated (its dateline or posting date), where it is:
    # "截至12月31日" in a text dated January counts to the end of the year before
    dated: tuple[int, int] | None = None
    # lines of web-page chrome inside the document (posting time, source, view counts,
    # share links): set aside, never read as plan text
    chrome: list[tuple[int, int]] = field(default_factory=list)
    # a statistical communique (统计公报): it reports its year's results and sets no target
    reports_results: bool = False
    issued: str = ""  # issue date as written, when stated
    sections: list[Section] = field(default_factory=list)
    repairs: list[Repair] = field(default_factory=list)
    unrepaired_masks: list[int] = field(default_factory=list)  # positions left as "*"


@dataclass
class TargetRow:
    """One number found in a document: a target, an actual or context."""

    start: (
        int  # span of the number and its unit (for a lost number: where it should be)
    )
    end: int
    value: Decimal | None  # None when lost, or when written as Chinese numerals/ratio
    value_max: Decimal | None
    value_text: str  # exactly as written: "6", "1,200", "三", "2~3", "2.5:7.5", ""
    unit: str  # as written: "%", "亿元", "个百分点", "" when lost
    comparator: str  # a comparator word of data/lexicon.yaml (以上, 达到 …) or ""
    qualifier: str  # a qualifier of data/lexicon.yaml (力争 …) or ""
    kind: str  # TARGET | ACTUAL | CONTEXT
    year: int | None
    subject: str  # as written, e.g. "地区生产总值增长"
    quote: str  # the sentence or clause around it
    subjects: list[str] = field(default_factory=list)  # when one number serves several
    period: tuple[int, int] | None = (
        None  # first and last year, where the text sets one
    )
    value_missing: bool = False
    text_repaired: bool = False  # the quote or subject contains a repaired mask
    section_path: tuple[str, ...] = ()
    section_number: str = ""
    departments: list[DepartmentRef] = field(default_factory=list)
    binding: str = ""  # 约束性 | 预期性 where the text says
    relation: str = ""  # relative target, e.g. "高于全区平均水平"
    duplicates: list[tuple[int, int]] = field(
        default_factory=list
    )  # spans repeating it
    document_index: int = 0  # which Document of the file it belongs to
    # an actual given as an estimate ("预计全年增长5.5%"): the year's result not yet known
    estimate: bool = False
    # VALUE_TOO_LONG | VALUE_TOO_PRECISE: the number as written cannot be stored as a
    # value (value and value_max are then None; value_text keeps what was written)
    value_problem: str = ""
