"""Levels of government: the region tree and one indicator compared across levels.

The tree is 全国 → 内蒙古自治区 → its cities and leagues → Tongliao's banners and counties
(``plans/pipeline/regions.yaml``, with the nation as its root). ``ensure_region_tree`` makes
it exist in the database (idempotent; called by every loader), ``lineage`` gives a region
and its ancestors, and ``compare_levels`` lines up one indicator's targets and results of a
region and its ancestors per year, with the region's margin over each ancestor.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from django.utils.text import slugify

from plans import models as m
from plans.pipeline import catalogue as cat
from plans.pipeline.regions import english_names, known_regions, nation

NATION = nation().name
ENGLISH = english_names()


def _level(name: str, parent: str | None) -> str:
    if name == NATION:
        return m.Region.Level.COUNTRY
    if parent in (None, NATION):
        return m.Region.Level.PROVINCE
    if name.endswith(("县", "旗", "区")) or parent == "通辽市":
        return m.Region.Level.COUNTY
    return m.Region.Level.PREFECTURE


@transaction.atomic
def ensure_region_tree() -> int:
    """Create or fix every region of the tree; returns how many rows changed."""
    changed = 0
    stored = {r.name: r for r in m.Region.objects.all()}
    wanted = [(NATION, None)] + [
        (info.name, info.parent or NATION) for info in known_regions()
    ]
    for name, parent_name in wanted:
        parent = stored.get(parent_name) if parent_name else None
        values = {
            "parent": parent,
            "level": _level(name, parent_name),
        }
        region = stored.get(name)
        if region is None:
            region = m.Region.objects.create(
                name=name,
                slug=slugify(name, allow_unicode=True),
                name_en=ENGLISH.get(name, ""),
                **values,
            )
            stored[name] = region
            changed += 1
            continue
        if not region.name_en and ENGLISH.get(name):
            values["name_en"] = ENGLISH[name]
        diff = {k: v for k, v in values.items() if getattr(region, k) != v}
        if diff:
            for k, v in diff.items():
                setattr(region, k, v)
            region.save()
            changed += 1
    return changed


def _tree() -> dict[str, str | None]:
    """Region name → parent name, as the data file has it (the nation at the root)."""
    return {NATION: None} | {i.name: i.parent or NATION for i in known_regions()}


def unsaved_region(name: str, parent: m.Region | None = None) -> m.Region | None:
    """A region of the tree that is not in the database yet, built (never saved) from the
    data file, so that its page exists before any loader ran; None if not in the tree."""
    tree = _tree()
    if name not in tree:
        return None
    parent_name = tree[name]
    if parent is None and parent_name:
        parent = m.Region.objects.filter(name=parent_name).first() or unsaved_region(
            parent_name
        )
    return m.Region(
        name=name,
        slug=slugify(name, allow_unicode=True),
        name_en=ENGLISH.get(name, ""),
        parent=parent,
        level=_level(name, parent_name),
    )


def family(region: m.Region) -> tuple[list[m.Region], list[m.Region]]:
    """The region with its ancestors (root last), and its children — stored ones, then
    those of the data file not stored yet (unsaved). One query, whatever the depth."""
    stored = {r.pk: r for r in m.Region.objects.all()} if region.pk else {}
    chain = [region]
    while len(chain) < 8:
        last = chain[-1]
        parent = stored.get(last.parent_id) if last.pk else last.parent
        if parent is None:
            break
        chain.append(parent)
    kids = sorted(
        (r for r in stored.values() if r.parent_id == region.pk and region.pk),
        key=lambda r: r.name,
    )
    names = {c.name for c in kids}
    more = [
        unsaved_region(name, parent=region)
        for name, parent in _tree().items()
        if parent == region.name and name not in names
    ]
    return chain, kids + [r for r in more if r is not None]


def lineage(region: m.Region) -> list[m.Region]:
    """The region, its parent, …, up to the root: no query when the region was read with
    its ancestors (``queries.published_regions``), else one."""
    chain = [region]
    while chain[-1].parent_id is not None and len(chain) < 8:
        if not m.Region.parent.is_cached(chain[-1]):
            return family(region)[0]
        chain.append(chain[-1].parent)
    return chain


def children(region: m.Region) -> list[m.Region]:
    return family(region)[1]


@dataclass
class LevelPoint:
    """One region's target and result of one year."""

    target: Decimal | None = None
    target_max: Decimal | None = None
    comparator: str = ""
    status: str = ""
    result: Decimal | None = None
    entered: bool = False


@dataclass
class LevelRow:
    year: int
    points: dict[str, LevelPoint] = field(default_factory=dict)  # region name → point
    # region name → (target margin, result margin) of the first region over that one
    margins: dict[str, tuple[Decimal | None, Decimal | None]] = field(
        default_factory=dict
    )


def _mid(point: LevelPoint) -> Decimal | None:
    if point.target is None:
        return None
    if point.target_max is not None:
        return (point.target + point.target_max) / 2
    return point.target


# Rates and ratios can be set against each other across levels; a total cannot: a city's
# grain output is a part of its region's, so "600 亿斤 less than the region" says nothing.
MARGIN_KINDS = frozenset({cat.GROWTH_RATE, cat.RATIO})


@dataclass
class LevelComparison:
    regions: list[m.Region]  # the region first, then its ancestors
    rows: list[LevelRow]
    margins_meaningful: bool = True  # a rate or ratio (MARGIN_KINDS), not a total

    @property
    def empty(self) -> bool:
        return not any(
            p.target is not None or p.result is not None
            for r in self.rows
            for p in r.points.values()
        )


def compare_levels(indicator: m.Indicator, region: m.Region) -> LevelComparison:
    """One indicator's published targets and results for ``region`` and each ancestor,
    year by year, and the region's margin over each ancestor (target midpoints, results).
    Queries: the rows of every level in one, plus the lineage when the region came
    without its ancestors."""
    from plans import queries  # queries imports nothing of this module

    chain = lineage(region)
    by_year: dict[int, LevelRow] = {}
    of_level = queries.series_rows_of_levels(indicator, chain)
    for level in chain:
        for row in of_level.get(level.pk, []):
            if row["year"] is None or row["value_missing"]:
                continue
            value = row["normalised_value"]
            if value is None:
                continue
            point = by_year.setdefault(
                row["year"], LevelRow(row["year"])
            ).points.setdefault(level.name, LevelPoint())
            if row["kind"] == m.Target.Kind.ACTUAL:
                if point.result is None:
                    point.result = value
            elif point.target is None:
                point.target = value
                high = row["value_max"]
                if high is not None and row["value"]:
                    high = high * (value / row["value"])
                point.target_max = high
                point.comparator = row["comparator"]
                point.status = row.get("status", "")
                point.entered = row.get("document_entry") == m.Document.Entry.ENTERED
    rows = [by_year[y] for y in sorted(by_year)]
    if indicator.kind not in MARGIN_KINDS:
        return LevelComparison(chain, rows, margins_meaningful=False)
    own = region.name
    for row in rows:
        mine = row.points.get(own, LevelPoint())
        for other in chain[1:]:
            theirs = row.points.get(other.name, LevelPoint())
            target = (
                _mid(mine) - _mid(theirs)
                if _mid(mine) is not None and _mid(theirs) is not None
                else None
            )
            result = (
                mine.result - theirs.result
                if mine.result is not None and theirs.result is not None
                else None
            )
            row.margins[other.name] = (target, result)
    return LevelComparison(chain, rows)


# --------------------------------------------------------------------------- goals

ON_TRACK = "on_track"
BEHIND = "behind"
EACH_YEAR = (
    "each_year"  # a bound every year of the period must keep (失业率控制在…以内)
)
AVERAGE = "average"  # an average yearly rate over the period (年均增长…)
LEVEL = "level"  # a level to reach by the last year (到2025年达到…)


@dataclass
class PathYear:
    year: int
    benchmark: Decimal | None  # where the path says the year should be
    target: Decimal | None  # that year's own target, from its annual plan or report
    result: Decimal | None
    state: str = ""  # ON_TRACK | BEHIND | "" (no result yet)


@dataclass
class GoalPath:
    goal: dict  # the stored row
    mode: str
    years: list[PathYear]

    @property
    def latest_state(self) -> str:
        return next((y.state for y in reversed(self.years) if y.state), "")


def _ok(value: Decimal, benchmark: Decimal, bound: str, higher: bool) -> bool:
    from plans.pipeline import alignment

    if bound == alignment.AT_MOST or (bound == alignment.REACH and not higher):
        return value <= benchmark
    if bound == alignment.AT_LEAST or bound == alignment.REACH:
        return value >= benchmark
    slack = abs(benchmark) * alignment.ABOUT_TOLERANCE
    return value >= benchmark - slack if higher else value <= benchmark + slack


def goal_paths(
    indicator: m.Indicator, region: m.Region, rows: list[dict] | None = None
) -> list[GoalPath]:
    """Each goal set for a whole plan period, as a path over its years, with the yearly
    targets and results against it (on track / behind). ``rows`` are the region's rows
    of the indicator when the caller has them (no query), else two queries."""
    from plans import queries
    from plans.pipeline import alignment

    if rows is None:
        goals = queries.goal_rows_of(indicator, region)
        yearly = queries.series_rows_of(indicator, region) if goals else []
    else:
        goals = [
            r
            for r in rows
            if r["period_end"] and r["kind"] == m.Target.Kind.TARGET and r["value"]
        ]
        yearly = rows
    if not goals:
        return []
    targets: dict[int, Decimal] = {}
    results: dict[int, Decimal] = {}
    for row in yearly:
        if row["year"] is None or row["normalised_value"] is None:
            continue
        into = results if row["kind"] == m.Target.Kind.ACTUAL else targets
        into.setdefault(row["year"], row["normalised_value"])
    higher = indicator.direction != m.Indicator.Direction.LOWER
    paths = []
    for goal in goals:
        start, end = goal["period_start"] or goal["period_end"], goal["period_end"]
        value = goal["normalised_value"]
        if value is None:
            continue
        bound = alignment.comparator_bound(goal["comparator"])
        if indicator.kind == "level":
            mode = LEVEL
        elif indicator.kind == "growth_rate" and bound != alignment.AT_MOST:
            mode = AVERAGE
        else:
            mode = EACH_YEAR
        base = results.get(start - 1)
        years = []
        seen: list[Decimal] = []
        for year in range(start, end + 1):
            result = results.get(year)
            benchmark: Decimal | None = value
            if mode == LEVEL:
                if base is None or base <= 0 or value <= 0:
                    benchmark = None
                else:
                    share = Decimal(year - start + 1) / Decimal(end - start + 1)
                    benchmark = base * (value / base) ** share
            state = ""
            if result is not None and benchmark is not None:
                if mode == AVERAGE:
                    seen.append(result)
                    growth = Decimal(1)
                    for r in seen:
                        growth *= 1 + r / 100
                    average = (growth ** (Decimal(1) / len(seen)) - 1) * 100
                    state = ON_TRACK if _ok(average, value, bound, higher) else BEHIND
                else:
                    state = (
                        ON_TRACK if _ok(result, benchmark, bound, higher) else BEHIND
                    )
            years.append(PathYear(year, benchmark, targets.get(year), result, state))
        paths.append(GoalPath(goal, mode, years))
    return paths
