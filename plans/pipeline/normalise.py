"""Map extracted rows to catalogue indicators and convert their values to canonical units.

Mapping is deliberate, never guessed:

1. the subject as written is an alias (``exact``);
2. explicit rules: strip region prefixes and leading/trailing verbs (the lexicon's
   ``subjects`` words) (``cleaned``); swap a trailing 增长 / 增速 / 增幅 (``growth``); split a
   subject that names several things (``A、B`` with 均 / 各, ``城乡居民…`` or ``A和B`` with
   分别) and complete a shared tail (``民营企业、普惠金融贷款`` → 民营企业贷款, 普惠金融贷款);
3. whatever still maps nowhere stays unmapped. rapidfuzz may *suggest* indicators (with a
   score) for an official to confirm; a suggestion is never applied.

A mapping also needs the row's unit to be one the indicator may be written in: that is what
keeps a growth rate (%) apart from a level (亿元). Values are converted with ``Decimal``
arithmetic, so a conversion and its inverse give back the number written.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal

from rapidfuzz import fuzz, process

from plans.pipeline import lexicon
from plans.pipeline.catalogue import BASE_DEFINITION, Catalogue, Indicator
from plans.pipeline.conversions import to_canonical, unit_as_read
from plans.pipeline.types import TargetRow

EXACT = "exact"
CLEANED = "cleaned"
GROWTH = "growth"
SPLIT = "split"
RESPECTIVELY = "respectively"
INHERITED = "inherited"

# Fuzzy matches below this score (0–100) are not worth an official's time.
SUGGESTION_CUTOFF = 70.0
SUGGESTION_LIMIT = 3

_SEPARATORS = re.compile(r"[、和及与]")
# 均 / 各 just before the verb or at the end: one number for every part. (Not the 均 of 人均.)
_SHARED = re.compile(r"[均各](?=增长|增速|提高|达到|达|保持|完成|超|突破|下降|降低|$)")
_DISTRIBUTIVE = re.compile(_SHARED.pattern + "|分别")
_NOISE = re.compile(r"[\s“”\"'‘’「」]")
# 城乡居民X = 城镇居民X and 农村居民X, in this order (the order of 分别's numbers).
_URBAN_RURAL = (("城乡居民", ("城镇居民", "农村居民")),)


@dataclass(frozen=True)
class Mapping:
    """One subject of a row mapped to an indicator, with the value in its canonical unit."""

    subject: str  # the subject that was matched (after splitting, before cleaning)
    indicator: str
    rule: str  # EXACT | CLEANED | GROWTH | SPLIT | RESPECTIVELY (+ the inner rule)
    definition: str  # BASE_DEFINITION or a Definition.code
    value: Decimal | None  # in the indicator's canonical unit; None when lost
    value_max: Decimal | None
    unit: str  # the canonical unit


@dataclass(frozen=True)
class Suggestion:
    """A possible mapping for an official to confirm; never applied by the pipeline."""

    subject: str
    indicator: str
    alias: str
    score: float


@dataclass
class NormalisedRow:
    row: TargetRow
    mappings: list[Mapping] = field(default_factory=list)
    unmapped: list[str] = field(default_factory=list)  # subjects that map nowhere
    suggestions: list[Suggestion] = field(default_factory=list)

    @property
    def indicators(self) -> list[str]:
        return [m.indicator for m in self.mappings]


# --------------------------------------------------------------------------- subjects


def clean_subject(subject: str) -> str:
    """Strip quotes, spaces, region prefixes and the verbs around a subject."""
    text = _NOISE.sub("", subject)
    words = lexicon.current().subjects
    prefixes = words.region_prefixes + words.leading
    changed = True
    while changed and text:
        if not text.startswith(prefixes) and not text.endswith(words.trailing):
            break  # no word to strip: the pass below would change nothing
        changed = False
        for prefix in prefixes:
            if text.startswith(prefix) and len(text) > len(prefix):
                text = text[len(prefix) :]
                changed = True
        for suffix in words.trailing:
            if text.endswith(suffix) and len(text) > len(suffix):
                text = text[: -len(suffix)]
                changed = True
    return text


def growth_stem(subject: str) -> tuple[str, str]:
    """Split a trailing growth word off: ``("外贸进出口", "增速")``; ``(s, "")`` if none."""
    for suffix in lexicon.current().subjects.growth_suffixes:
        if subject.endswith(suffix) and len(subject) > len(suffix):
            return subject[: -len(suffix)], suffix
    return subject, ""


def split_subject(subject: str) -> list[str]:
    """The things a compound subject names, in order; ``[subject]`` when it names one.

    ``城乡居民人均可支配收入分别增长`` → 城镇居民人均可支配收入增长, 农村居民人均可支配收入增长;
    ``城镇居民人均可支配收入和农牧民人均纯收入`` → the two incomes;
    ``民营企业、普惠金融贷款均增长`` → 民营企业增长, 普惠金融贷款增长 (tails are completed
    against the catalogue in ``map_subject``).
    """
    text = _NOISE.sub("", subject)
    stem, suffix = growth_stem(clean_subject(text))
    stem = clean_subject(stem)  # 城乡居民人均可支配收入分别 → drop the 分别
    for whole, parts in _URBAN_RURAL:
        if whole in stem:
            return [stem.replace(whole, part) + suffix for part in parts]
    pieces = [p for p in _SEPARATORS.split(stem) if p]
    if len(pieces) < 2:
        return [subject]
    return [p + suffix for p in pieces]


# --------------------------------------------------------------------------- mapping


def _candidates(subject: str, unit: str) -> list[tuple[str, str]]:
    """Texts to look up for one subject, each with the rule that produced it."""
    raw = _NOISE.sub("", subject)
    cleaned = clean_subject(raw)
    out = [(raw, EXACT), (cleaned, CLEANED)]
    stem, suffix = growth_stem(cleaned)
    if suffix:
        out.append((stem + "增长", GROWTH))  # 外贸进出口增速 / 增幅 → 外贸进出口增长
    elif unit == "%":
        # A rate whose growth word sits elsewhere (地区生产总值 … 增长9.7%). Only for %:
        # "地区生产总值增长300亿元" is an increase, never the level 地区生产总值.
        out.append((cleaned + "增长", GROWTH))
    unique: dict[str, str] = {}
    for text, rule in out:
        if text:
            unique.setdefault(text, rule)
    return list(unique.items())


def _definition_for(
    indicator: Indicator, alias_definition: str, year: int | None
) -> str:
    if alias_definition != BASE_DEFINITION:
        return alias_definition
    for definition in indicator.definitions:
        if definition.by_year and definition.in_force(year):
            return definition.code
    return BASE_DEFINITION


def definition_of_subject(
    indicator: Indicator, subject: str, year: int | None, catalogue: Catalogue
) -> str:
    """The definition a row of ``indicator`` written as ``subject`` in ``year`` is of.

    For rows mapped by hand (or as one part of a 分别 group), where the subject alone may
    not map: a variant's alias decides, else a by-year variant in force, else the base.
    """
    for part in [subject, *split_subject(subject)]:
        for text, _ in _candidates(part, "%"):
            target = catalogue.aliases.get(text)
            if target is not None and target.indicator == indicator.code:
                return _definition_for(indicator, target.definition, year)
    return _definition_for(indicator, BASE_DEFINITION, year)


def _unit_fits(indicator: Indicator, row: TargetRow) -> bool:
    # A row of words only (确保粮食总产稳步提升) has no number, so no unit to disagree.
    words_only = not row.unit and row.value is None and not row.value_text
    return (words_only and not row.value_missing) or row.unit in indicator.units


def _lookup(
    subject: str, row: TargetRow, catalogue: Catalogue
) -> tuple[Indicator, str, str] | None:
    for text, rule in _candidates(subject, row.unit):
        target = catalogue.aliases.get(text)
        if target is None:
            continue
        indicator = catalogue.indicators[target.indicator]
        if _unit_fits(indicator, row):
            return indicator, target.definition, rule
    return None


def _make_mapping(
    subject: str, rule: str, found: tuple[Indicator, str, str], row: TargetRow
) -> Mapping:
    indicator, alias_definition, inner = found
    if rule != inner:
        rule = f"{rule}+{inner}" if rule else inner
    return Mapping(
        subject=subject,
        indicator=indicator.code,
        rule=rule,
        definition=_definition_for(indicator, alias_definition, row.year),
        value=to_canonical(row.value, row.unit, indicator),
        value_max=to_canonical(row.value_max, row.unit, indicator),
        unit=indicator.unit,
    )


def _complete_tails(parts: Sequence[str], row: TargetRow, catalogue: Catalogue):
    """Map the parts of ``A、B贷款``, lending each part the tail of the last one if needed."""
    last_stem, suffix = growth_stem(clean_subject(parts[-1]))
    found = []
    for part in parts:
        hit = _lookup(part, row, catalogue)
        if hit is None:
            stem, own_suffix = growth_stem(clean_subject(part))
            # Longest shared tail first: 民营企业 + 贷款 before 民营企业 + 款.
            for k in range(len(last_stem) - 1, 0, -1):
                tail = last_stem[-k:]
                if stem.endswith(tail):
                    continue
                hit = _lookup(stem + tail + (own_suffix or suffix), row, catalogue)
                if hit is not None:
                    break
        found.append((part, hit))
    return found


def map_subject(
    subject: str, row: TargetRow, catalogue: Catalogue
) -> tuple[list[Mapping], list[str]]:
    """Map one subject (possibly compound) of ``row``; return mappings and unmapped parts."""
    found = _lookup(subject, row, catalogue)
    if found is not None:
        return [_make_mapping(subject, "", found, row)], []
    parts = split_subject(subject)
    if len(parts) < 2:
        return [], [subject]
    hits = _complete_tails(parts, row, catalogue)
    if not _DISTRIBUTIVE.search(subject) and any(hit is None for _, hit in hits):
        # Without 均/各/分别 one number may cover the parts jointly (改造小区供热和天然气
        # 管网27个): giving it to the one part we know would misstate that part.
        return [], [subject]
    mappings, unmapped = [], []
    for part, hit in hits:
        if hit is None:
            unmapped.append(part)
        else:
            mappings.append(_make_mapping(part, SPLIT, hit, row))
    return mappings, unmapped


def suggest(
    subject: str,
    catalogue: Catalogue,
    *,
    unit: str | None = None,
    limit: int = SUGGESTION_LIMIT,
    cutoff: float = SUGGESTION_CUTOFF,
) -> list[Suggestion]:
    """Indicators whose aliases look like ``subject``, best first (for a person to confirm).

    With ``unit`` given, only indicators that may be written in it are offered.
    """
    words = lexicon.current()
    memo = _suggestion_memo(catalogue, words)
    key = (subject, unit, limit, cutoff)
    if key in memo:
        return list(memo[key])
    cleaned = clean_subject(subject)
    if len(growth_stem(cleaned)[0]) < 2 or cleaned in words.subjects.growth_suffixes:
        memo[key] = []
        return []  # "增长" alone looks like every growth rate
    if ("choices", unit) not in memo:
        memo["choices", unit] = {
            alias: target.indicator
            for alias, target in catalogue.aliases.items()
            if unit is None or unit in catalogue.indicators[target.indicator].units
        }
    choices = memo["choices", unit]
    best: dict[str, Suggestion] = {}
    for alias, score, _ in process.extract(
        cleaned, list(choices), scorer=fuzz.WRatio, limit=None, score_cutoff=cutoff
    ):
        code = choices[alias]
        if code not in best or score > best[code].score:
            best[code] = Suggestion(subject, code, alias, round(float(score), 1))
    ranked = sorted(best.values(), key=lambda s: (-s.score, s.indicator))
    memo[key] = ranked[:limit]
    return list(memo[key])


def _suggestion_memo(catalogue: Catalogue, words: lexicon.Lexicon) -> dict:
    """Suggestions already looked up in this catalogue with these words (a document
    repeats its subjects, and every fuzzy match scans all aliases), kept on the
    catalogue and started again when its aliases or the lexicon in force change."""
    kept = catalogue.__dict__.get("_suggestions")
    if (
        kept is None
        or kept[0] is not catalogue.aliases
        or kept[1] != len(catalogue.aliases)
        or kept[2] is not words
    ):
        kept = (catalogue.aliases, len(catalogue.aliases), words, {})
        catalogue.__dict__["_suggestions"] = kept
    return kept[3]


def _read_unit(row: TargetRow) -> TargetRow:
    unit = unit_as_read(row.unit)
    return row if unit == row.unit else replace(row, unit=unit)


def normalise_row(row: TargetRow, catalogue: Catalogue) -> NormalisedRow:
    """Map every subject of ``row`` (``subjects`` for 均/各 rows, else ``subject``)."""
    result = NormalisedRow(row)
    row = _read_unit(row)
    if len(row.subjects) > 1:
        for part, hit in _complete_tails(row.subjects, row, catalogue):
            if hit is None:
                result.unmapped.append(part)
            else:
                result.mappings.append(_make_mapping(part, SPLIT, hit, row))
    else:
        mappings, unmapped = map_subject(
            row.subjects[0] if row.subjects else row.subject, row, catalogue
        )
        result.mappings += mappings
        result.unmapped += unmapped
    for subject in result.unmapped:
        result.suggestions += suggest(subject, catalogue, unit=row.unit)
    return result


def _respectively_groups(
    rows: Sequence[TargetRow],
) -> tuple[dict[int, tuple[list[str], int]], set[int]]:
    """Rows that share one compound subject and quote, one number per part (分别).

    Returns, per row index, the parts of the subject in order and which of them that
    row's number belongs to (a part the extractor paired with the number wins over the
    split of the subject), and the rows that share a compound subject in a number that
    matches no pairing.
    """
    groups: dict[tuple[str, str, int | None], list[int]] = {}
    for i, row in enumerate(rows):
        if row.subjects and len(row.subjects) > 1:
            continue  # 均 / 各: one number for all of them, handled per row
        groups.setdefault((row.subject, row.quote, row.year), []).append(i)
    assigned: dict[int, tuple[list[str], int]] = {}
    ambiguous: set[int] = set()
    for (subject, _, _), members in groups.items():
        parts = split_subject(subject)
        if len(parts) < 2 or len(members) < 2:
            continue  # one number for a compound subject applies to every part
        if len(parts) != len(members):
            ambiguous.update(members)
            continue
        members.sort(key=lambda i: rows[i].start)
        paired = [
            rows[i].subjects[0] if rows[i].subjects else part
            for i, part in zip(members, parts, strict=True)
        ]
        for index, i in enumerate(members):
            assigned[i] = (paired, index)
    return assigned, ambiguous


def _inherited_subject(rows: Sequence[TargetRow], i: int) -> str:
    """For a rate whose subject is only a growth word, the level just before it in the
    same sentence names what grew; "" when that is not the case."""
    row = rows[i]
    if i == 0 or row.unit != "%" or row.subjects:
        return ""
    stem, _ = growth_stem(clean_subject(row.subject))
    if stem and stem not in lexicon.current().subjects.growth_suffixes:
        return ""
    before = rows[i - 1]
    same_place = (before.quote, before.year, before.kind) == (
        row.quote,
        row.year,
        row.kind,
    )
    subject = clean_subject(before.subject)
    if not same_place or before.unit in ("%", "") or not subject:
        return ""
    return growth_stem(subject)[0] + "增长"


def normalise_rows(
    rows: Iterable[TargetRow], catalogue: Catalogue
) -> list[NormalisedRow]:
    """Normalise the rows of one document, pairing 分别 numbers with their subjects and
    giving a bare 增长 the subject of the level before it (地区生产总值完成1811.8亿元,增长9.7%).
    """
    rows = [_read_unit(row) for row in rows]
    respectively, ambiguous = _respectively_groups(rows)
    out = []
    for i, row in enumerate(rows):
        inherited = _inherited_subject(rows, i)
        if inherited:
            result = normalise_row(
                replace(row, subject=inherited, subjects=[]), catalogue
            )
            result.row = row
            result.mappings = [
                replace(x, rule=f"{INHERITED}+{x.rule}") for x in result.mappings
            ]
            out.append(result)
            continue
        if i in respectively:
            # One number per part (分别): each measures its own part, never the whole
            # compound subject (中心城区污水处理和再生水利用率分别达到94%、50%: 94% is
            # the treatment rate, 50% the reuse rate), and the parts lend each other
            # their shared tail (污水处理 + 率).
            parts, index = respectively[i]
            part, hit = _complete_tails(parts, row, catalogue)[index]
        elif i in ambiguous and _lookup(row.subject, row, catalogue) is None:
            # Three numbers for two subjects: which is whose cannot be known.
            out.append(NormalisedRow(row, unmapped=[row.subject]))
            continue
        else:
            out.append(normalise_row(row, catalogue))
            continue
        result = NormalisedRow(row)
        if hit is None:
            result.unmapped.append(part)
            result.suggestions += suggest(part, catalogue, unit=row.unit)
        else:
            result.mappings.append(_make_mapping(part, RESPECTIVELY, hit, row))
        out.append(result)
    return out
