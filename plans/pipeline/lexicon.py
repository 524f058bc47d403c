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
from dataclasses import fields
from decimal import Decimal, InvalidOperation
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from plans.pipeline.lexicon_types import (  # noqa: F401 — re-exported, callers import them from here
    ABOUT,
    AFTER,
    BEFORE,
    BOUNDS,
    CEILING,
    EXACT,
    FLOOR,
    NONE,
    RANGE,
    Anniversary,
    Bound,
    Comparator,
    Cues,
    Documents,
    Lexicon,
    LexiconError,
    NamedYear,
    Places,
    PlanPosition,
    Qualifier,
    Subjects,
    Units,
    UnitSize,
    Years,
    _bound_words,
    _phrase_bound,
)

# libyaml's loader where PyYAML was built with it (ten times faster), else the Python one.
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

DEFAULT_PATH = Path(__file__).resolve().parents[2] / "data" / "lexicon.yaml"

# Bounds a comparator sets.

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
        party_congresses={
            str(k): int(v) for k, v in (y.get("party_congresses") or {}).items()
        },
        plan_positions=tuple(
            PlanPosition(int(p["offset"]), str(p["en"]), r.words(p, "words"))
            for p in y.get("plan_positions") or ()
        ),
        anniversaries=tuple(
            Anniversary(
                int(a["founded"]),
                str(a["en"]),
                r.words(a, "words"),
                str(a.get("region") or ""),
            )
            for a in y.get("anniversaries") or ()
        ),
        congress_terms_otherwise=r.words(y, "congress_terms_otherwise"),
        named_years=tuple(
            NamedYear(
                int(n["year"]),
                str(n["en"]),
                r.words(n, "names"),
                r.words(n, "positions"),
            )
            for n in y.get("named_years") or ()
        ),
    )

    documents = Documents(
        **_leaves(r, r.mapping(data, "documents"), Documents, "documents")
    )
    places = Places(**_leaves(r, r.mapping(data, "places"), Places, "places"))

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
        places=places,
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
