"""The lexicon (``data/lexicon.yaml``): every word the product interprets, typed and cached.

``current()`` is the lexicon in force (loaded once per process); ``load(path)`` reads and
validates another file (a mistake names the file and the line); ``override(path)`` makes one
current for a ``with`` block (tests of a new word). Nothing here imports Django, so the
pipeline, the catalogue mapping, formatting, tables, charts, filters, exports and the
workspace forms can all read it.

Modules that compile patterns from these words cache them per lexicon (a ``Lexicon`` hashes
by identity), so a word added to the file reaches every reader with no code change.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, fields
from decimal import Decimal, InvalidOperation
from functools import cache
from pathlib import Path
from typing import Any

import yaml

DEFAULT_PATH = Path(__file__).resolve().parents[2] / "data" / "lexicon.yaml"

# Bounds a comparator sets.
FLOOR = "floor"
CEILING = "ceiling"
ABOUT = "about"
EXACT = "exact"
RANGE = "range"
NONE = "none"
BOUNDS = (FLOOR, CEILING, ABOUT, EXACT, RANGE, NONE)

BEFORE = "before"
AFTER = "after"


# libyaml's loader where PyYAML was built with it (ten times faster), else the Python one.
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


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
    review_heading: tuple[str, ...]
    actual_table_header: tuple[str, ...]
    estimate: tuple[str, ...]
    result: tuple[str, ...]
    result_but_goal: tuple[str, ...]
    goal_after: tuple[str, ...]
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
    roads_before: tuple[str, ...]
    roads_after: tuple[str, ...]
    ratio_subjects: tuple[str, ...]
    cn_measures: tuple[str, ...]
    cn_counts: tuple[str, ...]
    cn_opening_verbs: tuple[str, ...]
    cn_other_verbs: tuple[str, ...]
    cn_done_verbs: tuple[str, ...]
    cn_definition_after: tuple[str, ...]
    subject_leading: tuple[str, ...]
    subject_trailing: tuple[str, ...]
    relation_leading: tuple[str, ...]


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
class Anniversary:
    founded: int
    en: str
    words: tuple[str, ...]


@dataclass(frozen=True)
class Years:
    relative: dict[str, int]
    national_congress: dict[int, int]  # term → year of its first session
    five_year_plans: dict[str, int]  # name → first year
    plan_positions: tuple[PlanPosition, ...]
    anniversaries: tuple[Anniversary, ...]


@dataclass(frozen=True)
class Documents:
    naming_signals: tuple[str, ...]
    plan_signals: tuple[str, ...]
    target_verbs: tuple[str, ...]
    statement_verbs: tuple[str, ...]
    congress_occasion: tuple[str, ...]
    conference_occasion: tuple[str, ...]
    results_titles: tuple[str, ...]


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


# --------------------------------------------------------------------------- loading


class _Reader:
    def __init__(self, path: str, lines: dict[str, int]) -> None:
        self.path, self.lines = path, lines

    def fail(self, key: str, message: str) -> LexiconError:
        line = self.lines.get(key)
        where = f"{self.path}:{line}" if line else self.path
        return LexiconError(f"{where}: {key}: {message}")

    def mapping(self, data: Any, key: str) -> dict[str, Any]:
        value = data.get(key) if isinstance(data, dict) else None
        if not isinstance(value, dict):
            raise self.fail(key, "expected a mapping")
        return value

    def words(self, data: Any, key: str) -> tuple[str, ...]:
        value = data.get(key) if isinstance(data, dict) else None
        if not isinstance(value, list) or not all(
            isinstance(w, str) and w for w in value
        ):
            raise self.fail(key, "expected a list of words")
        if len(set(value)) != len(value):
            raise self.fail(key, "a word is listed twice")
        return tuple(value)

    def decimal(self, value: Any, key: str) -> Decimal:
        try:
            number = Decimal(str(value))
        except InvalidOperation:
            raise self.fail(key, f"not a number: {value!r}") from None
        if not number.is_finite():
            raise self.fail(key, f"not a number: {value!r}")
        return number


def _leaves(r: _Reader, tree: dict[str, Any], kind: type, key: str) -> dict[str, Any]:
    """The word lists of a (nested) section, by their keys: one for each field of ``kind``."""
    found: dict[str, Any] = {}
    todo = [tree]
    while todo:
        node = todo.pop()
        for name, value in node.items():
            if isinstance(value, dict):
                todo.append(value)
            else:
                found[str(name)] = r.words(node, str(name))
    wanted = {f.name for f in fields(kind)}
    if set(found) != wanted:
        missing, unknown = wanted - set(found), set(found) - wanted
        raise r.fail(key, f"missing {sorted(missing)}, unknown {sorted(unknown)}")
    return found


def _key_lines(text: str) -> dict[str, int]:
    """The first line each key appears on (for error messages)."""
    lines: dict[str, int] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        m = re.match(r"\s*(?:-\s*)?\"?([^\s:\"]+)\"?\s*:", line)
        if m:
            lines.setdefault(m.group(1), number)
    return lines


def load(path: str | Path | None = None) -> Lexicon:
    """Read and validate a lexicon file (cached by path)."""
    return _load(str(path or DEFAULT_PATH))


@cache
def _load(path: str) -> Lexicon:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise LexiconError(f"{path}: cannot read the lexicon: {exc}") from None
    try:
        data = yaml.load(text, Loader=_YAML_LOADER)
    except yaml.YAMLError as exc:
        raise LexiconError(f"{path}: not valid YAML: {exc}") from None
    if not isinstance(data, dict):
        raise LexiconError(f"{path}: expected a mapping at the top")
    return _parse(data, _Reader(path, _key_lines(text)))


def _parse(data: dict[str, Any], r: _Reader) -> Lexicon:
    bounds = {}
    for name, spec in r.mapping(data, "bounds").items():
        if name not in BOUNDS:
            raise r.fail(name, f"unknown bound (known: {', '.join(BOUNDS)})")
        bounds[name] = Bound(
            name, str(spec["symbol"]), str(spec["glyph"]), spec["zh"], spec["en"]
        )
    missing = set(BOUNDS) - set(bounds)
    if missing:
        raise r.fail("bounds", f"missing {', '.join(sorted(missing))}")
    aliases = {str(k): str(v) for k, v in (data.get("bound_aliases") or {}).items()}

    comparators = {}
    for word, spec in r.mapping(data, "comparators").items():
        word = str(word)
        if not isinstance(spec, dict) or spec.get("bound") not in BOUNDS:
            raise r.fail(word or "comparators", "needs a bound: " + ", ".join(BOUNDS))
        read = spec.get("read", "")
        if read not in ("", BEFORE, AFTER):
            raise r.fail(word, "read must be before or after")
        written = spec.get("written", read)
        if written not in ("", BEFORE, AFTER):
            raise r.fail(word, "written must be before or after")
        comparators[word] = Comparator(
            word,
            spec["bound"],
            str(spec.get("symbol", "")),
            str(spec.get("en", "")),
            read,
            written,
        )
    if "" not in comparators:
        raise r.fail("comparators", 'needs the empty word "" (no comparator)')

    spellings = r.mapping(data, "comparator_spellings")
    before: dict[str, str] = {}
    after: dict[str, str] = {}
    for word, c in comparators.items():
        if c.read == BEFORE:
            before[word] = word
        elif c.read == AFTER:
            after[word] = word
    for key, into in (("before_number", before), ("after_number", after)):
        for spelling, stored in r.mapping(spellings, key).items():
            stored = "" if stored is None else str(stored)
            if stored not in comparators:
                raise r.fail(str(spelling), f"stores {stored!r}, not a comparator")
            into[str(spelling)] = stored
    # Longest spelling first: a word is read before a shorter one inside it.
    before = dict(sorted(before.items(), key=lambda kv: -len(kv[0])))
    after = dict(sorted(after.items(), key=lambda kv: -len(kv[0])))

    qualifiers = {}
    for word, spec in r.mapping(data, "qualifiers").items():
        qualifiers[str(word)] = Qualifier(
            str(word),
            str(spec.get("en", word)),
            bool(spec.get("stretch")),
            bool(spec.get("read")),
        )

    u = r.mapping(data, "units")
    mags = r.mapping(u, "magnitudes")
    magnitudes = {
        str(k): r.decimal(v["factor"], str(k))
        for k, v in sorted(mags.items(), key=lambda kv: -len(str(kv[0])))
    }
    conversions = {}
    for name, spec in r.mapping(u, "conversions").items():
        factor = r.decimal(spec["factor"], str(name))
        if factor <= 0:
            raise r.fail(str(name), "a factor must be positive")
        conversions[str(name)] = UnitSize(
            str(name), str(spec["dimension"]), factor, str(spec.get("en", ""))
        )
    units = Units(
        names_en={str(k): str(v) for k, v in (u.get("names_en") or {}).items()},
        magnitudes=magnitudes,
        magnitude_en={str(k): str(v.get("en", "")) for k, v in mags.items()},
        standalone_magnitudes=r.words(u, "standalone_magnitudes"),
        conversions=conversions,
        quantity=r.words(u, "quantity"),
        skip=r.words(u, "skip"),
        special=r.words(u, "special"),
        not_unit_before={
            str(k): str(v) for k, v in r.mapping(u, "not_unit_before").items()
        },
        not_rates=r.words(u, "not_rates"),
        money=r.words(u, "money"),
        age=r.words(u, "age"),
        capacity=r.words(u, "capacity"),
        duration=r.words(u, "duration"),
        area=r.words(u, "area"),
        counters=r.words(u, "counters"),
    )

    n = r.mapping(data, "numerals")
    digits = {str(k): int(v) for k, v in r.mapping(n, "digits").items()}
    powers = {str(k): int(v) for k, v in r.mapping(n, "powers").items()}

    cues = Cues(**_leaves(r, r.mapping(data, "cues"), Cues, "cues"))
    subjects = Subjects(**_leaves(r, r.mapping(data, "subjects"), Subjects, "subjects"))

    y = r.mapping(data, "years")
    years = Years(
        relative={str(k): int(v) for k, v in r.mapping(y, "relative").items()},
        national_congress={
            int(k): int(v) for k, v in r.mapping(y, "national_congress").items()
        },
        five_year_plans={
            str(k): int(v) for k, v in r.mapping(y, "five_year_plans").items()
        },
        plan_positions=tuple(
            PlanPosition(int(p["offset"]), str(p["en"]), r.words(p, "words"))
            for p in y.get("plan_positions") or ()
        ),
        anniversaries=tuple(
            Anniversary(int(a["founded"]), str(a["en"]), r.words(a, "words"))
            for a in y.get("anniversaries") or ()
        ),
    )

    documents = Documents(
        **_leaves(r, r.mapping(data, "documents"), Documents, "documents")
    )

    return Lexicon(
        path=r.path,
        about_tolerance=r.decimal(data.get("about_tolerance"), "about_tolerance"),
        bounds=bounds,
        bound_aliases=aliases,
        comparators=comparators,
        before_number=before,
        after_number=after,
        qualifiers=qualifiers,
        units=units,
        digits=digits,
        powers=powers,
        cues=cues,
        subjects=subjects,
        years=years,
        documents=documents,
        statuses={
            str(k): {"zh": str(v.get("zh", k)), "en": str(v.get("en", k))}
            for k, v in (data.get("statuses") or {}).items()
        },
        about_tolerance_words=_tolerance_words(r, data),
    )


TOLERANCE_DIRECTIONS = ("higher", "lower", "any")


def _tolerance_words(r: _Reader, data: Any) -> dict[str, dict[str, str]]:
    """The 左右 rule in words per direction and language, each naming {tolerance}."""
    words = r.mapping(data, "about_tolerance_words")
    out: dict[str, dict[str, str]] = {}
    for direction in TOLERANCE_DIRECTIONS:
        texts = r.mapping(words, direction)
        out[direction] = {}
        for language in ("zh", "en"):
            text = texts.get(language)
            if not isinstance(text, str) or "{tolerance}" not in text:
                raise r.fail(
                    "about_tolerance_words",
                    f"{direction}.{language}: a sentence naming {{tolerance}}",
                )
            out[direction][language] = text
    return out


# --------------------------------------------------------------------------- in force

_overrides: list[Lexicon] = []


def current() -> Lexicon:
    """The lexicon in force: ``data/lexicon.yaml``, or the one of an ``override`` block."""
    return _overrides[-1] if _overrides else load()


@contextmanager
def override(path: str | Path) -> Iterator[Lexicon]:
    """Make the lexicon at ``path`` current inside a ``with`` block (tests of new words)."""
    lex = load(path)
    _overrides.append(lex)
    try:
        yield lex
    finally:
        _overrides.remove(lex)


def alternation(words: Iterable[str]) -> str:
    """A regular-expression alternation of plain words, longest first."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
