"""The vocabulary's shape: bounds, comparators, qualifiers, units, cue words, subject words,
year tables and document words, as the loader (plans.pipeline.lexicon) builds them from
data/lexicon.yaml.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache

FLOOR = "floor"
CEILING = "ceiling"
ABOUT = "about"
EXACT = "exact"
RANGE = "range"
NONE = "none"
BOUNDS = (FLOOR, CEILING, ABOUT, EXACT, RANGE, NONE)

BEFORE = "before"
AFTER = "after"


class LexiconError(ValueError):
    """A lexicon file that cannot be used, with the file and line of the mistake."""


@dataclass(frozen=True)
class Bound:
    name: str
    symbol: str  # what exports print ("=" for exact)
    glyph: str  # what a table shows before a number ("" for exact)
    zh: str
    en: str


@dataclass(frozen=True)
class Comparator:
    word: str
    bound: str
    symbol: str  # the glyph a table shows
    en: str
    read: str = ""  # BEFORE | AFTER | "": where the extractor reads the word itself
    # BEFORE | AFTER: where the word stands beside its number when shown (超过840,
    # 5以下); the extractor's ``read`` when the lexicon does not say.
    written: str = ""


@dataclass(frozen=True)
class Qualifier:
    word: str
    en: str
    stretch: bool = False
    read: bool = False  # the extractor records it on the row


@dataclass(frozen=True)
class UnitSize:
    name: str
    dimension: str
    factor: Decimal  # size in the dimension's base unit
    en: str = ""


@dataclass(frozen=True)
class Units:
    magnitudes: dict[str, Decimal]  # longest first
    magnitude_en: dict[str, str]
    standalone_magnitudes: tuple[str, ...]
    conversions: dict[str, UnitSize]
    quantity: tuple[str, ...]
    skip: tuple[str, ...]
    special: tuple[str, ...]
    not_unit_before: dict[str, str]
    not_rates: tuple[str, ...]
    money: tuple[str, ...]
    age: tuple[str, ...]
    capacity: tuple[str, ...]
    duration: tuple[str, ...]
    area: tuple[str, ...]
    counters: tuple[str, ...]
    # English for units that convert to nothing (场次 sessions, 眼 wells); the
    # conversions carry their own.
    names_en: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Cues:
    forward_heading: tuple[str, ...]
    goal_heading: tuple[str, ...]
    to_be_done: tuple[str, ...]
    looks_ahead: tuple[str, ...]
    review_heading: tuple[str, ...]
    not_review_heading: tuple[str, ...]
    review_verbs: tuple[str, ...]
    statistics_heads: tuple[str, ...]
    report_parts: tuple[str, ...]
    actual_table_header: tuple[str, ...]
    period_table_header: tuple[str, ...]
    unit_table_header: tuple[str, ...]
    estimate: tuple[str, ...]
    result: tuple[str, ...]
    result_but_goal: tuple[str, ...]
    result_compared: tuple[str, ...]
    goal_after: tuple[str, ...]
    goal_before: tuple[str, ...]
    goal_before_verbs: tuple[str, ...]
    context_table_header: tuple[str, ...]
    programme: tuple[str, ...]
    project: tuple[str, ...]
    named_works: tuple[str, ...]
    place: tuple[str, ...]
    scope: tuple[str, ...]
    place_counters: tuple[str, ...]
    area_verbs: tuple[str, ...]
    capacity_verbs: tuple[str, ...]
    attendance: tuple[str, ...]
    attendance_units: tuple[str, ...]
    attendees: tuple[str, ...]
    attendee_levels: tuple[str, ...]
    attendee_groups: tuple[str, ...]
    text_units: tuple[str, ...]
    business_tally: tuple[str, ...]
    firm_speakers: tuple[str, ...]
    speech_verbs: tuple[str, ...]
    roads_before: tuple[str, ...]
    roads_after: tuple[str, ...]
    rank_moves: tuple[str, ...]
    ranks: tuple[str, ...]
    ratio_subjects: tuple[str, ...]
    cn_measures: tuple[str, ...]
    cn_counts: tuple[str, ...]
    cn_opening_verbs: tuple[str, ...]
    cn_other_verbs: tuple[str, ...]
    cn_done_verbs: tuple[str, ...]
    cn_definition_after: tuple[str, ...]
    cn_percent_after: tuple[str, ...]
    subject_leading: tuple[str, ...]
    subject_trailing: tuple[str, ...]
    relation_leading: tuple[str, ...]
    measured_against: tuple[str, ...]
    result_beside_goal: tuple[str, ...]
    rise: tuple[str, ...]


@dataclass(frozen=True)
class Subjects:
    region_prefixes: tuple[str, ...]
    leading: tuple[str, ...]
    trailing: tuple[str, ...]
    growth_suffixes: tuple[str, ...]
    # subjects.clean: the extractor's subject cleaning (plans/pipeline/subject_rules.py)
    change_to: tuple[str, ...]
    joining_particles: tuple[str, ...]
    leading_particles: tuple[str, ...]
    predicates: tuple[str, ...]
    only_change_baselines: tuple[str, ...]
    only_change_verbs: tuple[str, ...]
    doing: tuple[str, ...]
    counted_stops: tuple[str, ...]


@dataclass(frozen=True)
class PlanPosition:
    offset: int  # years from the plan's first year
    en: str
    words: tuple[str, ...]


@dataclass(frozen=True)
class NamedYear:
    year: int
    en: str
    names: tuple[str, ...]  # what the year closes or opens (脱贫攻坚, 新征程)
    positions: tuple[str, ...]  # how (收官之年, 开局之年)


@dataclass(frozen=True)
class Anniversary:
    founded: int
    en: str
    words: tuple[str, ...]
    # the autonomous region founded; "own": the one the text is about (自治区成立)
    region: str = ""


@dataclass(frozen=True)
class Years:
    relative: dict[str, int]
    national_congress: dict[int, int]  # term → year of its first session
    five_year_plans: dict[str, int]  # name → first year
    party_congresses: dict[str, int]  # 十九 → 2017, the year the congress met
    plan_positions: tuple[PlanPosition, ...]
    anniversaries: tuple[Anniversary, ...]
    # a year named by what it closes or opens ("脱贫攻坚收官之年" → 2020)
    named_years: tuple[NamedYear, ...] = ()
    # province-level regions whose congress terms are not numbered as the national one's
    congress_terms_otherwise: tuple[str, ...] = ()


@dataclass(frozen=True)
class Documents:
    naming_signals: tuple[str, ...]
    plan_signals: tuple[str, ...]
    target_verbs: tuple[str, ...]
    statement_verbs: tuple[str, ...]
    congress_occasion: tuple[str, ...]
    conference_occasion: tuple[str, ...]
    article_topics: tuple[str, ...]
    results_titles: tuple[str, ...]
    plan_title_words: tuple[str, ...]
    summary_words: tuple[str, ...]


@dataclass(frozen=True)
class Places:
    """Words around place names (``regions.place_names``)."""

    not_a_name_before: tuple[str, ...]
    not_a_name_start: tuple[str, ...]
    generic: tuple[str, ...]
    trailing: tuple[str, ...]


@dataclass(frozen=True, eq=False)
class Lexicon:
    """One loaded lexicon file. Hashes by identity, so derived patterns can be cached."""

    path: str
    about_tolerance: Decimal
    bounds: dict[str, Bound]
    bound_aliases: dict[str, str]
    comparators: dict[str, Comparator]
    before_number: dict[str, str]  # spelling before a number → comparator stored
    after_number: dict[str, str]  # spelling after a number → comparator stored
    qualifiers: dict[str, Qualifier]
    units: Units
    digits: dict[str, int]
    powers: dict[str, int]
    cues: Cues
    subjects: Subjects
    years: Years
    documents: Documents
    places: Places
    statuses: dict[str, dict[str, str]] = field(default_factory=dict)
    # The 左右 rule in words: {"higher"|"lower"|"any": {"zh": …, "en": …}}.
    about_tolerance_words: dict[str, dict[str, str]] = field(default_factory=dict)

    # -- comparators
    def bound_of(self, comparator: str) -> str:
        """The bound a comparator sets; a phrase ("控制在4.5%以内") by the words it holds.

        An about word wins over any other in a phrase; otherwise the longest word found
        decides (不低于 before the 低于 inside it). No known word: EXACT.
        """
        word = (comparator or "").strip()
        known = self.comparators.get(word)
        if known is not None:
            return known.bound
        return _phrase_bound(self, word)

    def glyph(self, comparator: str) -> str:
        """What a table shows before the number: "≥", "≈", "≤" or ""."""
        known = self.comparators.get((comparator or "").strip())
        if known is not None:
            return known.symbol
        return self.bounds[self.bound_of(comparator)].glyph

    def symbol(self, comparator: str) -> str:
        """What exports print for the bound: "≥", "≤", "≈" or "="."""
        return self.bounds[self.bound_of(comparator)].symbol

    def comparator_en(self, comparator: str) -> str:
        known = self.comparators.get(comparator)
        return known.en if known is not None and known.en else comparator

    def words_of(self, bound: str) -> tuple[str, ...]:
        """The comparator words (non-empty) that set ``bound``."""
        return tuple(w for w, c in self.comparators.items() if w and c.bound == bound)

    def stored_comparators(self) -> list[str]:
        """ "" and the words the extractor stores, in the file's order (the edit form's)."""
        return [w for w, c in self.comparators.items() if not w or c.read]

    def bound_name(self, name: str) -> str:
        """A bound's name, old URL spellings (at_least, at_most, reach) accepted."""
        return self.bound_aliases.get(name, name)

    # -- qualifiers
    def recorded_qualifiers(self) -> tuple[str, ...]:
        return tuple(w for w, q in self.qualifiers.items() if q.read)

    def qualifier_en(self, qualifier: str) -> str:
        known = self.qualifiers.get(qualifier)
        return known.en if known is not None else qualifier

    def is_stretch(self, qualifier: str) -> bool:
        known = self.qualifiers.get(qualifier)
        return bool(known and known.stretch)

    # -- units
    def unit_size(self, unit: str) -> UnitSize | None:
        """The size of a unit as written (magnitude × base), where it converts."""
        if unit in self.units.conversions:
            return self.units.conversions[unit]
        for mag, factor in self.units.magnitudes.items():
            if unit.startswith(mag) and unit[len(mag) :] in self.units.conversions:
                base = self.units.conversions[unit[len(mag) :]]
                return UnitSize(unit, base.dimension, factor * base.factor, "")
        return None

    def status_label(self, status: str, *, english: bool) -> str:
        """A result status (met / not_met / unknown) in Chinese or English."""
        names = self.statuses.get(status)
        if not names:
            return status
        return names["en" if english else "zh"]

    def unit_en(self, unit: str) -> tuple[Decimal, str] | None:
        """A unit as written in English terms: (the multiplier its magnitude puts on the
        number, the base unit's English): 亿斤 → (100000000, "jin"), % → (1, "%");
        None when the lexicon has no English for it."""
        names = {k: v.en for k, v in self.units.conversions.items() if v.en}
        names.update(self.units.names_en)
        if unit in names:
            return Decimal(1), names[unit]
        for mag, factor in self.units.magnitudes.items():
            if unit.startswith(mag):
                base = unit[len(mag) :]
                if not base:
                    return factor, ""
                if base in names:
                    return factor, names[base]
        return None


@cache
def _bound_words(lex: Lexicon) -> tuple[tuple[str, ...], tuple[tuple[str, str], ...]]:
    about = lex.words_of(ABOUT)
    ordered = sorted(
        ((w, c.bound) for w, c in lex.comparators.items() if w and c.bound != ABOUT),
        key=lambda pair: -len(pair[0]),
    )
    return about, tuple(ordered)


def _phrase_bound(lex: Lexicon, phrase: str) -> str:
    about, ordered = _bound_words(lex)
    if any(w in phrase for w in about):
        return ABOUT
    for word, bound in ordered:
        if word in phrase:
            return bound
    return EXACT
