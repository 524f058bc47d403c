"""The rows ``synth_targets`` writes, drawn once (``plans.synth`` writes them): kinds of row
(archetypes) with their sentences, values, comparators and qualifiers from the vocabulary
(data/lexicon.yaml), departments, and the layouts saying which rows each document holds."""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass

from plans import models as m
from plans.pipeline import lexicon

POOL = 4096
VARIANTS = 16
# Of every 9 rows of a document, 4 name an indicator (a different one each time).
MAPPED_OF_NINE = 4
DEPARTMENTS = [
    "市发展改革委",
    "市财政局",
    "市统计局",
    "市农牧局",
    "市工业和信息化局",
    "市商务局",
    "市人力资源社会保障局",
    "市生态环境局",
    "市住房城乡建设局",
    "市教育局",
    "市卫生健康委",
    "市交通运输局",
]
# A target without a qualifier: this share of them.
UNQUALIFIED = 0.8
CONTEXT_SUBJECTS = ["完成项目", "建成基地", "新增企业", "改造老旧小区", "培训人员"]


def vocabulary() -> tuple[list[tuple[str, float]], list[tuple[str, float]]]:
    """(word, weight) of the comparators a row stores and of the qualifiers, from
    data/lexicon.yaml: the earlier the vocabulary lists a word, the commoner it is."""
    words = lexicon.load()
    comparators = [(w, 1 / (i + 1)) for i, w in enumerate(words.stored_comparators())]
    recorded = words.recorded_qualifiers()
    qualifiers = [("", UNQUALIFIED)] + [
        (
            w,
            (1 - UNQUALIFIED)
            / (i + 1)
            / sum(1 / (j + 1) for j in range(len(recorded))),
        )
        for i, w in enumerate(recorded)
    ]
    return comparators, qualifiers


def _weighted(
    rng: random.Random, choices: list[tuple[str, float]], n: int
) -> list[str]:
    return rng.choices([c for c, _w in choices], [w for _c, w in choices], k=n)


def _value(rng: random.Random, indicator: m.Indicator | None) -> str:
    if indicator is not None and indicator.unit == "%":
        value = round(rng.uniform(0.5, 12.0), 1)
    elif indicator is None or indicator.kind == "count":
        # 改造老旧小区91个: a count (and a context row's 个) has no fraction
        value = rng.randint(1, 5000)
    else:
        value = round(rng.uniform(1, 5000), rng.choice([0, 1, 2]))
    return f"{value:g}"


@dataclass(frozen=True)
class Archetype:
    """A kind of row, drawn once; documents say them in different orders."""

    subject: str
    kind: str
    back: int  # an actual reports the year before its document's
    comparator: str
    qualifier: str
    value: str | None
    unit: str
    lead: int  # where the number starts in the sentence
    span: int
    sentence: str
    link: tuple | None  # (department pk, name as written, role)


def archetypes(rng, indicators, departments) -> tuple[list, list]:
    """``VARIANTS`` per indicator (rows naming it) and ``POOL`` context rows. Documents
    take them in different orders, each indicator at most once per document, as a real
    plan names it."""
    roles = [r.value for r in m.Role]
    comparator_words, qualifier_words = vocabulary()
    draws = max(POOL, len(indicators) * VARIANTS)
    comparators = _weighted(rng, comparator_words, draws)
    qualifiers = _weighted(rng, qualifier_words, draws)

    def _verb(subject: str, unit: str) -> str:
        # "地区生产总值增长9.7%", "城镇登记失业率为4.5%", "粮食产量达到200亿斤"
        if subject.endswith(("增长", "增速", "增幅")):
            return ""
        return "为" if unit == "%" else "达到"

    def one(n: int, indicator: m.Indicator | None) -> Archetype:
        missing = rng.random() < 0.01
        value = None if missing else _value(rng, indicator)
        if indicator is not None and rng.random() < 0.25:
            kind, back = m.Target.Kind.ACTUAL.value, 1
        elif indicator is not None:
            kind, back = m.Target.Kind.TARGET.value, 0
        else:
            kind, back = m.Target.Kind.CONTEXT.value, 0
        subject = indicator.name_zh if indicator else rng.choice(CONTEXT_SUBJECTS)
        unit = indicator.unit if indicator else "个"
        comparator = comparators[n] if kind == m.Target.Kind.TARGET else ""
        qualifier = qualifiers[n] if kind == m.Target.Kind.TARGET else ""
        spec = lexicon.load().comparators.get(comparator)
        before = spec is not None and spec.written == lexicon.BEFORE  # 突破200亿斤
        verb = "" if before else _verb(subject, unit)
        lead = f"{qualifier}{subject}{verb}{comparator if before else ''}"
        number = value or ""
        link = None
        if rng.random() < 0.3:
            link = (*rng.choice(departments), rng.choice(roles))
        return Archetype(
            subject=subject,
            kind=kind,
            back=back,
            comparator=comparator,
            qualifier=qualifier,
            value=value,
            unit=unit,
            lead=len(lead),
            span=max(1, len(number) + len(unit)),
            sentence=f"{lead}{number}{unit}{'' if before else comparator}。",
            link=link,
        )

    mapped = [
        [one(k * VARIANTS + v, indicator) for v in range(VARIANTS)]
        for k, indicator in enumerate(indicators)
    ]
    unmapped = [one(n, None) for n in range(POOL)]
    return mapped, unmapped


def layouts(
    rng: random.Random, count: int, years: list[int], kinds: list[str]
) -> list[dict[tuple[int, str], tuple[int, int]]]:
    """Per layout, each document's (variant offset, first indicator) by (year, kind)."""
    return [
        {
            (year, kind): (rng.randrange(POOL), rng.randrange(1 << 30))
            for year in years
            for kind in kinds
        }
        for _ in range(count)
    ]


def document_rows(
    mapped: list, unmapped: list, base: int, first: int, count: int
) -> Iterator[Archetype]:
    kinds = len(mapped)
    for i in range(count):
        if i % 9 < MAPPED_OF_NINE:
            j = (i // 9) * MAPPED_OF_NINE + i % 9
            yield mapped[(first + j) % kinds][(base + j) % VARIANTS]
        else:
            yield unmapped[(base + i * 7919) % POOL]
