"""Join mapped rows across years: series, target-vs-actual status, conflicts, breaks.

Input is a list of ``Observation`` (one mapped row, its value already in the indicator's
canonical unit, with the region and document it came from); ``observations()`` builds them
from ``normalise.NormalisedRow``. Everything here is plain Python (pandas for the tabular
view); nothing imports Django.

- **Status** of a target against the actual for its year honours the bound its comparator
  sets in ``data/lexicon.yaml``: floor, ceiling, about (see ``ABOUT_TOLERANCE``), and exact
  (达到 or no word), which the indicator's direction turns into a floor (higher is better)
  or a ceiling (lower is better). A lost value, a missing
  actual, or an actual of another definition gives ``unknown``.
- **Conflicts**: two documents of one region and year giving one indicator different
  targets. Both rows are kept and reported.
- **Definition breaks**: consecutive years of a series whose rows are of different
  definitions (公共财政预算收入 → 一般公共预算收入 …) are marked, with the catalogue's notes.
- **Relative targets** (高于全区平均水平, 与经济增长同步) are ``Relation`` objects pointing at
  another series, never numbers.
"""

from __future__ import annotations

import re
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

import pandas as pd

from plans.pipeline import lexicon
from plans.pipeline.catalogue import BASE_DEFINITION, HIGHER, Definition, Indicator
from plans.pipeline.normalise import NormalisedRow
from plans.pipeline.types import ACTUAL, COMMITMENT, TARGET

# 左右 ("about"): a target counts as met when the actual falls short of it by no more than
# this share of the target (7%左右 is met by 6.65% or more). Set in data/lexicon.yaml;
# pages show ``about_tolerance_note()`` next to any status that depends on it.
ABOUT_TOLERANCE = lexicon.current().about_tolerance

MET = "met"
NOT_MET = "not_met"
UNKNOWN = "unknown"

# Bounds a comparator sets (the lexicon's names).
AT_LEAST = lexicon.FLOOR
AT_MOST = lexicon.CEILING
ABOUT = lexicon.ABOUT
REACH = lexicon.EXACT

# Relations to another series.
ABOVE = "above"
IN_STEP = "in_step"
ASSIGNED = "assigned"  # 完成自治区下达的…任务: a target set by the level above
# 确保粮食总产稳步提升: the series itself, up on the year before (the lexicon's cues.rise)
RISE = "rise"
SAME_REGION = "same"
PARENT_REGION = "parent"
_RELATIONS = (
    (re.compile(r"(高于|快于)全(区|国|省|盟)平均"), ABOVE, None, PARENT_REGION),
    (re.compile(r"(高于|快于)经济增(速|长)"), ABOVE, "gdp_growth", SAME_REGION),
    (
        re.compile(r"(与|同)经济(增长|发展)(基本)?同步"),
        IN_STEP,
        "gdp_growth",
        SAME_REGION,
    ),
    (
        re.compile(
            r"完成(?:上级|国家|自治区|省|盟|市)下达的?[^，,。；;]{0,16}?(?:任务|指标)(?:目标)?"
        ),
        ASSIGNED,
        None,
        PARENT_REGION,
    ),
)


def about_tolerance_note(language: str = "zh", direction: str | None = None) -> str:
    """The 左右 rule in words (data/lexicon.yaml), for pages to show beside a status: for
    an indicator's direction (HIGHER / LOWER: which side of the target is unfavourable),
    or, without one, for a page of indicators of both directions."""
    percent = f"{(ABOUT_TOLERANCE * 100).normalize():f}%"
    words = lexicon.current().about_tolerance_words
    text = words[direction if direction in words else "any"]
    return text["en" if language == "en" else "zh"].format(tolerance=percent)


def comparator_bound(comparator: str) -> str:
    """The kind of bound a comparator word sets: AT_LEAST, AT_MOST, ABOUT or REACH."""
    return lexicon.current().bound_of(comparator)


def comparator_symbol(comparator: str) -> str:
    """≥, ≤, ≈ or = for tables."""
    return lexicon.current().symbol(comparator)


@dataclass(frozen=True)
class Relation:
    """A target stated relative to another series ("高于全区平均增速")."""

    kind: str  # ABOVE | IN_STEP | ASSIGNED | RISE
    indicator: str | None  # None: the same indicator as the target's
    scope: str  # SAME_REGION | PARENT_REGION
    text: str


def parse_relation(text: str) -> Relation | None:
    """Read a relative target phrase; None when ``text`` states none."""
    for pattern, kind, indicator, scope in _RELATIONS:
        match = pattern.search(text or "")
        if match:
            return Relation(kind, indicator, scope, match.group(0))
    # A rise in words ends what it qualifies: "确保粮食总产稳步提升", not "持续提高…比例".
    words = lexicon.current().cues.rise
    match = re.search(f"(?:{lexicon.alternation(words)})$", (text or "").rstrip())
    if words and match:
        return Relation(RISE, None, SAME_REGION, match.group(0))
    return None


@dataclass(frozen=True)
class Observation:
    """One mapped target or actual: a point of a (region, indicator) series."""

    region: str
    document: str  # any stable id of the source document
    indicator: str
    year: int | None
    kind: str  # TARGET | ACTUAL
    value: Decimal | None  # canonical unit
    value_max: Decimal | None
    unit: str
    comparator: str = ""
    qualifier: str = ""
    definition: str = BASE_DEFINITION
    value_missing: bool = False
    relation: Relation | None = None
    subject: str = ""
    quote: str = ""
    binding: str = ""
    key: Hashable = None  # the caller's id for the row (index, primary key)


def observations(
    rows: Iterable[NormalisedRow],
    *,
    region: str,
    document: str,
    keys: Sequence[Hashable] | None = None,
) -> list[Observation]:
    """Observations of the mapped targets and actuals of one document (context skipped)."""
    out = []
    for i, normalised in enumerate(rows):
        row = normalised.row
        if row.kind not in (TARGET, ACTUAL):
            continue
        for mapping in normalised.mappings:
            out.append(
                Observation(
                    region=region,
                    document=document,
                    indicator=mapping.indicator,
                    year=row.year,
                    kind=row.kind,
                    value=mapping.value,
                    value_max=mapping.value_max,
                    unit=mapping.unit,
                    comparator=row.comparator,
                    qualifier=row.qualifier,
                    definition=mapping.definition,
                    value_missing=row.value_missing,
                    relation=parse_relation(row.relation) if row.relation else None,
                    subject=row.subject,
                    quote=row.quote,
                    binding=row.binding,
                    key=keys[i] if keys is not None else i,
                )
            )
    return out


# --------------------------------------------------------------------------- status


def _effective_bound(comparator: str, direction: str) -> str:
    bound = comparator_bound(comparator)
    if bound in (REACH, lexicon.RANGE, lexicon.NONE):
        # 达到 a level: reaching or passing it on the good side is meeting it.
        return AT_LEAST if direction == HIGHER else AT_MOST
    return bound


def target_status(
    target: Observation, actual: Decimal | None, *, direction: str = HIGHER
) -> str:
    """MET, NOT_MET or UNKNOWN for one target, given the actual value for its year."""
    if target.value is None or target.value_missing or actual is None:
        return UNKNOWN
    low = target.value
    high = target.value_max if target.value_max is not None else target.value
    bound = _effective_bound(target.comparator, direction)
    if bound == AT_LEAST:
        return MET if actual >= low else NOT_MET
    if bound == AT_MOST:
        return MET if actual <= high else NOT_MET
    # ABOUT: overshooting on the good side is fine; the bad side gets the tolerance.
    if direction == HIGHER:
        return MET if actual >= low - abs(low) * ABOUT_TOLERANCE else NOT_MET
    return MET if actual <= high + abs(high) * ABOUT_TOLERANCE else NOT_MET


def relation_status(
    relation: Relation, own: Decimal | None, other: Decimal | None
) -> str:
    """Whether a relative target held, given this series' and the other's actuals."""
    if own is None or other is None:
        return UNKNOWN
    if relation.kind in (ABOVE, RISE):  # RISE: ``other`` is the year before's actual
        return MET if own > other else NOT_MET
    return MET if own >= other - abs(other) * ABOUT_TOLERANCE else NOT_MET


# --------------------------------------------------------------------------- conflicts


@dataclass(frozen=True)
class Conflict:
    """Documents of one region and year that give one indicator different targets."""

    region: str
    indicator: str
    year: int
    observations: tuple[Observation, ...]

    @property
    def documents(self) -> tuple[str, ...]:
        return tuple(sorted({o.document for o in self.observations}))


def _signature(o: Observation) -> tuple:
    return (o.value, o.value_max, comparator_bound(o.comparator))


def detect_conflicts(observations: Iterable[Observation]) -> list[Conflict]:
    """Every (region, indicator, year) whose documents disagree on the target.

    Lost values say nothing and are left out; rows of one document never conflict with
    each other (a document repeating itself is a duplicate, not a disagreement); rows of
    different definitions of the indicator measure different things (农村牧区危房 712户
    beside 城市危旧房和农村牧区危房 725户) and are never a conflict either: the page
    shows them as two definitions.
    """
    groups: dict[tuple[str, str, int, str], list[Observation]] = {}
    for o in observations:
        if o.kind != TARGET or o.year is None or o.value is None or o.value_missing:
            continue
        groups.setdefault((o.region, o.indicator, o.year, o.definition), []).append(o)
    conflicts = []
    for (region, indicator, year, _definition), members in sorted(groups.items()):
        by_document: dict[str, set[tuple]] = {}
        for o in members:
            by_document.setdefault(o.document, set()).add(_signature(o))
        if len(by_document) < 2:
            continue
        signatures = list(by_document.values())
        if all(s == signatures[0] for s in signatures[1:]):
            continue
        conflicts.append(
            Conflict(
                region=region,
                indicator=indicator,
                year=year,
                observations=tuple(members),
            )
        )
    return conflicts


# --------------------------------------------------------------------------- series


@dataclass(frozen=True)
class DefinitionBreak:
    """The definition changed between two consecutive years of a series."""

    before_year: int
    after_year: int
    before: tuple[str, ...]  # definition codes in use (BASE_DEFINITION is "")
    after: tuple[str, ...]
    notes: tuple[Definition, ...]  # the variants involved, for their zh/en notes


@dataclass
class TargetCheck:
    target: Observation
    actual: Observation | None
    status: str
    relation_status: str | None = None
    conflict: bool = False


@dataclass
class SeriesYear:
    year: int
    targets: list[TargetCheck] = field(default_factory=list)
    actuals: list[Observation] = field(default_factory=list)
    # targets in words only (确保粮食总产稳步提升): shown at their year, never checked
    commitments: list[Observation] = field(default_factory=list)
    definitions: tuple[str, ...] = ()
    definition_changed: bool = False  # differs from the previous year of the series
    conflict: bool = False


@dataclass
class Series:
    region: str
    indicator: Indicator
    years: list[SeriesYear]
    breaks: list[DefinitionBreak]
    conflicts: list[Conflict]

    def year(self, year: int) -> SeriesYear | None:
        return next((y for y in self.years if y.year == year), None)


def _actual_for(target: Observation, actuals: list[Observation]) -> Observation | None:
    """The actual a target is judged against: same definition, with a value."""
    for actual in actuals:
        if actual.definition == target.definition and actual.value is not None:
            return actual
    return None


def _other_actual(
    observations: list[Observation],
    relation: Relation,
    indicator: str,
    region: str,
    parent_region: str | None,
    year: int,
) -> Decimal | None:
    other_region = region if relation.scope == SAME_REGION else parent_region
    other_indicator = relation.indicator or indicator
    for o in observations:
        if (
            o.kind == ACTUAL
            and o.region == other_region
            and o.indicator == other_indicator
            and o.year == year
            and o.value is not None
        ):
            return o.value
    return None


def build_series(
    observations: Iterable[Observation],
    *,
    indicator: Indicator,
    region: str,
    parent_region: str | None = None,
) -> Series:
    """Targets and actuals of one indicator in one region, by year, checked and flagged.

    ``observations`` may hold every region and indicator; the others are used only to
    judge relative targets (the parent region's actuals for 高于全区平均).
    """
    everything = list(observations)
    mine = [
        o
        for o in everything
        if o.indicator == indicator.code and o.region == region and o.year is not None
    ]
    conflicts = detect_conflicts(mine)
    conflicted = {id(o) for c in conflicts for o in c.observations}

    years: list[SeriesYear] = []
    for year in sorted({o.year for o in mine if o.year is not None}):
        point = SeriesYear(year=year)
        point.actuals = [o for o in mine if o.year == year and o.kind == ACTUAL]
        point.commitments = [o for o in mine if o.year == year and o.kind == COMMITMENT]
        for target in (o for o in mine if o.year == year and o.kind == TARGET):
            actual = _actual_for(target, point.actuals)
            check = TargetCheck(
                target=target,
                actual=actual,
                status=target_status(
                    target,
                    actual.value if actual else None,
                    direction=indicator.direction,
                ),
                conflict=id(target) in conflicted,
            )
            if target.relation is not None:
                check.relation_status = relation_status(
                    target.relation,
                    actual.value if actual else None,
                    _other_actual(
                        everything,
                        target.relation,
                        indicator.code,
                        region,
                        parent_region,
                        year - 1 if target.relation.kind == RISE else year,
                    ),
                )
            point.targets.append(check)
        point.definitions = tuple(
            sorted({o.definition for o in mine if o.year == year})
        )
        point.conflict = any(c.conflict for c in point.targets)
        years.append(point)

    breaks = []
    for before, after in zip(years, years[1:], strict=False):
        if before.definitions == after.definitions:
            continue
        after.definition_changed = True
        codes = set(before.definitions) | set(after.definitions)
        notes = tuple(d for d in indicator.definitions if d.code in codes)
        breaks.append(
            DefinitionBreak(
                before.year, after.year, before.definitions, after.definitions, notes
            )
        )
    return Series(region, indicator, years, breaks, conflicts)


SERIES_COLUMNS = [
    "region",
    "indicator",
    "year",
    "kind",
    "value",
    "value_max",
    "unit",
    "comparator",
    "symbol",
    "qualifier",
    "relation",
    "definition",
    "definition_changed",
    "actual",
    "status",
    "relation_status",
    "conflict",
    "value_missing",
    "document",
    "subject",
    "quote",
]


def series_frame(series: Series) -> pd.DataFrame:
    """One line per target, target in words only and actual, in year order (targets first
    within a year); each with its sentence as written (``quote``)."""
    records = []

    def record(o: Observation, point: SeriesYear, check: TargetCheck | None) -> dict:
        return {
            "region": series.region,
            "indicator": series.indicator.code,
            "year": point.year,
            "kind": o.kind,
            "value": o.value,
            "value_max": o.value_max,
            "unit": o.unit,
            "comparator": o.comparator,
            # a target in words only has no number, so no sign before one
            "symbol": "" if o.kind == COMMITMENT else comparator_symbol(o.comparator),
            "qualifier": o.qualifier,
            "relation": o.relation.text if o.relation else "",
            "definition": o.definition,
            "definition_changed": point.definition_changed,
            "actual": check.actual.value if check and check.actual else None,
            "status": check.status if check else "",
            "relation_status": (check.relation_status or "") if check else "",
            "conflict": check.conflict if check else False,
            "value_missing": o.value_missing,
            "document": o.document,
            "subject": o.subject,
            "quote": o.quote,
        }

    for point in series.years:
        records += [record(c.target, point, c) for c in point.targets]
        records += [record(o, point, None) for o in point.commitments]
        records += [record(a, point, None) for a in point.actuals]
    return pd.DataFrame.from_records(records, columns=SERIES_COLUMNS)
