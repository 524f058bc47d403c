"""Load and validate the indicator catalogue (``data/catalogue.yaml``).

The catalogue is data an editor maintains by hand, so every mistake is reported with the
file and the line it is on (taken from PyYAML's node marks), e.g.
``data/catalogue.yaml:42: indicator 'gdp_growth': unknown sector 'econ'``.

Loading yields frozen dataclasses: the unit table, sectors, indicators with their aliases,
the units they may be written in (with the factor into the canonical unit) and their
definition variants. Nothing here imports Django.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import yaml

DEFAULT_PATH = Path(__file__).resolve().parents[2] / "data" / "catalogue.yaml"

GROWTH_RATE = "growth_rate"
LEVEL = "level"
COUNT = "count"
RATIO = "ratio"
KINDS = (GROWTH_RATE, LEVEL, COUNT, RATIO)

HIGHER = "higher"
LOWER = "lower"
DIRECTIONS = (HIGHER, LOWER)

BASE_DEFINITION = ""  # the indicator's own definition, as named by its zh/en


class CatalogueError(ValueError):
    """A catalogue that cannot be used, with the file and line of the mistake."""

    def __init__(
        self, message: str, *, line: int | None = None, path: str = ""
    ) -> None:
        self.message = message
        self.line = line
        self.path = path
        where = path or "catalogue"
        if line is not None:
            where = f"{where}:{line}"
        super().__init__(f"{where}: {message}")


@dataclass(frozen=True)
class Unit:
    name: str
    dimension: str
    factor: Decimal  # size in the dimension's base unit


@dataclass(frozen=True)
class Sector:
    code: str
    zh: str
    en: str
    order: int


@dataclass(frozen=True)
class Definition:
    """A variant of an indicator whose numbers do not compare with the base definition."""

    code: str
    zh: str
    en: str
    aliases: tuple[str, ...]
    since: int | None
    until: int | None
    by_year: bool
    note_zh: str
    note_en: str

    def in_force(self, year: int | None) -> bool:
        """Whether ``year`` lies in the years this variant is in force."""
        if year is None:
            return False
        if self.since is not None and year < self.since:
            return False
        return not (self.until is not None and year > self.until)

    @property
    def effective_year(self) -> int:
        """The year the change takes effect (for a legacy variant: the year after it ends)."""
        if self.since is not None:
            return self.since
        assert self.until is not None  # validation requires one of them
        return self.until + 1


@dataclass(frozen=True)
class Indicator:
    code: str
    zh: str
    en: str
    sector: str
    unit: str  # canonical
    kind: str  # GROWTH_RATE | LEVEL | COUNT | RATIO
    direction: str  # HIGHER | LOWER
    headline: bool
    aliases: tuple[str, ...]
    units: dict[str, Decimal]  # unit as written -> factor into the canonical unit
    definitions: tuple[Definition, ...] = ()
    line: int = 0

    def definition(self, code: str) -> Definition | None:
        return next((d for d in self.definitions if d.code == code), None)


@dataclass(frozen=True)
class AliasTarget:
    indicator: str
    definition: str  # BASE_DEFINITION or a Definition.code


@dataclass
class Catalogue:
    version: int
    units: dict[str, Unit]
    sectors: dict[str, Sector]
    indicators: dict[str, Indicator]
    aliases: dict[str, AliasTarget] = field(default_factory=dict)
    path: str = ""

    def indicator(self, code: str) -> Indicator:
        try:
            return self.indicators[code]
        except KeyError:
            raise KeyError(f"no indicator {code!r} in the catalogue") from None

    def in_sector(self, sector: str) -> list[Indicator]:
        return [i for i in self.indicators.values() if i.sector == sector]


# --------------------------------------------------------------------------- reading


# libyaml's parser when PyYAML has it (ten times faster), with the same nodes and marks.
_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Node:
    """A YAML node turned into Python, keeping the line of every mapping key and item."""

    def __init__(self, node: yaml.Node, loader: yaml.SafeLoader, path: str) -> None:
        self.node = node
        self.line = node.start_mark.line + 1
        self.path = path
        self._loader = loader

    def error(self, message: str) -> CatalogueError:
        return CatalogueError(message, line=self.line, path=self.path)

    def mapping(self, what: str) -> dict[str, _Node]:
        if not isinstance(self.node, yaml.MappingNode):
            raise self.error(f"{what} must be a mapping (key: value)")
        out: dict[str, _Node] = {}
        for key_node, value_node in self.node.value:
            key = _Node(key_node, self._loader, self.path)
            name = key.scalar_text(f"a key of {what}")
            if name in out:
                # PyYAML silently keeps the last one; an editor would lose data unseen.
                raise key.error(f"{what}: duplicate key {name!r}")
            out[name] = _Node(value_node, self._loader, self.path)
        return out

    def sequence(self, what: str) -> list[_Node]:
        if not isinstance(self.node, yaml.SequenceNode):
            raise self.error(f"{what} must be a list")
        return [_Node(n, self._loader, self.path) for n in self.node.value]

    def value(self) -> Any:
        return self._loader.construct_object(self.node, deep=True)

    def scalar_text(self, what: str) -> str:
        if not isinstance(self.node, yaml.ScalarNode):
            raise self.error(f"{what} must be a single value")
        value = self.value()
        if value is None or isinstance(value, bool):
            raise self.error(f"{what} must be text, got {self.node.value!r}")
        # The raw scalar keeps "0.02" exact (no float) and "2014" as written.
        return str(self.node.value).strip()

    def integer(self, what: str) -> int:
        value = self.value() if isinstance(self.node, yaml.ScalarNode) else None
        if not isinstance(value, int) or isinstance(value, bool):
            raise self.error(f"{what} must be a whole number, got {self.node.value!r}")
        return value

    def boolean(self, what: str) -> bool:
        value = self.value() if isinstance(self.node, yaml.ScalarNode) else None
        if not isinstance(value, bool):
            raise self.error(f"{what} must be true or false")
        return value

    def decimal(self, what: str) -> Decimal:
        text = self.scalar_text(what)
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise self.error(f"{what} must be a number, got {text!r}") from None
        if not number.is_finite() or number <= 0:
            raise self.error(f"{what} must be a positive number, got {text!r}")
        return number


def _require(
    fields: dict[str, _Node],
    owner: _Node,
    what: str,
    required: tuple[str, ...],
    optional: tuple[str, ...] = (),
) -> None:
    for name in required:
        if name not in fields:
            raise owner.error(f"{what}: missing {name!r}")
    for name, node in fields.items():
        if name not in required and name not in optional:
            allowed = ", ".join(required + optional)
            raise node.error(f"{what}: unknown field {name!r} (allowed: {allowed})")


def _texts(
    node: _Node, what: str, lines: dict[str, int] | None = None
) -> tuple[str, ...]:
    """A list of non-empty texts; ``lines`` (when given) receives each text's line."""
    texts = []
    for item in node.sequence(what):
        text = item.scalar_text(f"an item of {what}")
        if not text:
            raise item.error(f"{what}: empty text")
        texts.append(text)
        if lines is not None:
            lines.setdefault(text, item.line)
    return tuple(texts)


def _read_units(node: _Node) -> dict[str, Unit]:
    units: dict[str, Unit] = {}
    for name, spec in node.mapping("units").items():
        fields = spec.mapping(f"unit {name!r}")
        _require(fields, spec, f"unit {name!r}", ("dimension", "factor"))
        units[name] = Unit(
            name=name,
            dimension=fields["dimension"].scalar_text(f"unit {name!r} dimension"),
            factor=fields["factor"].decimal(f"unit {name!r} factor"),
        )
    return units


def _read_sectors(node: _Node) -> dict[str, Sector]:
    sectors: dict[str, Sector] = {}
    for order, item in enumerate(node.sequence("sectors")):
        fields = item.mapping("a sector")
        _require(fields, item, "a sector", ("code", "zh", "en"))
        code = fields["code"].scalar_text("sector code")
        if code in sectors:
            raise fields["code"].error(f"duplicate sector code {code!r}")
        sectors[code] = Sector(
            code=code,
            zh=fields["zh"].scalar_text(f"sector {code!r} zh"),
            en=fields["en"].scalar_text(f"sector {code!r} en"),
            order=order,
        )
    return sectors


def _read_definition(item: _Node, owner: str, lines: dict[str, int]) -> Definition:
    what = f"indicator {owner!r}: a definition"
    fields = item.mapping(what)
    _require(
        fields,
        item,
        what,
        ("code", "zh", "en", "aliases", "note_zh", "note_en"),
        ("since", "until", "by_year"),
    )
    code = fields["code"].scalar_text(f"{what} code")
    what = f"indicator {owner!r}: definition {code!r}"
    if code == BASE_DEFINITION:
        raise fields["code"].error(f"{what}: the code may not be empty")
    since = fields["since"].integer(f"{what} since") if "since" in fields else None
    until = fields["until"].integer(f"{what} until") if "until" in fields else None
    if since is None and until is None:
        raise item.error(f"{what}: give the year it takes effect ('since' or 'until')")
    if since is not None and until is not None and until < since:
        raise fields["until"].error(
            f"{what}: 'until' {until} is before 'since' {since}"
        )
    return Definition(
        code=code,
        zh=fields["zh"].scalar_text(f"{what} zh"),
        en=fields["en"].scalar_text(f"{what} en"),
        aliases=_texts(fields["aliases"], f"{what} aliases", lines),
        since=since,
        until=until,
        by_year=fields["by_year"].boolean(f"{what} by_year")
        if "by_year" in fields
        else False,
        note_zh=fields["note_zh"].scalar_text(f"{what} note_zh"),
        note_en=fields["note_en"].scalar_text(f"{what} note_en"),
    )


def _read_indicator_units(
    node: _Node | None,
    what: str,
    canonical: Unit,
    canonical_name: str,
    table: dict[str, Unit],
) -> dict[str, Decimal]:
    factors: dict[str, Decimal] = {canonical_name: Decimal(1)}
    for item in node.sequence(f"{what} units") if node is not None else []:
        if isinstance(item.node, yaml.ScalarNode):
            name = item.scalar_text(f"{what} a unit")
            unit = table.get(name)
            if unit is None:
                raise item.error(
                    f"{what}: unit {name!r} is not in the units table; "
                    "add it there or give {unit: ..., factor: ...}"
                )
            if unit.dimension != canonical.dimension:
                raise item.error(
                    f"{what}: unit {name!r} ({unit.dimension}) does not convert to "
                    f"{canonical_name!r}; give an explicit factor"
                )
            factor = unit.factor / canonical.factor
        else:
            fields = item.mapping(f"{what} a unit")
            _require(fields, item, f"{what} a unit", ("unit", "factor"))
            name = fields["unit"].scalar_text(f"{what} unit")
            factor = fields["factor"].decimal(f"{what} unit {name!r} factor")
        if name in factors:
            raise item.error(f"{what}: unit {name!r} is listed twice")
        factors[name] = factor
    return factors


def _read_indicator(
    item: _Node,
    sectors: dict[str, Sector],
    table: dict[str, Unit],
    alias_lines: dict[str, int],
) -> Indicator:
    """One indicator; the line of each of its aliases goes into ``alias_lines``."""
    fields = item.mapping("an indicator")
    required = ("code", "zh", "en", "sector", "unit", "kind", "direction", "aliases")
    optional = ("units", "definitions", "headline")
    if "code" not in fields:
        raise item.error("an indicator: missing 'code'")
    code = fields["code"].scalar_text("indicator code")
    what = f"indicator {code!r}"
    _require(fields, item, what, required, optional)

    sector = fields["sector"].scalar_text(f"{what} sector")
    if sector not in sectors:
        raise fields["sector"].error(f"{what}: unknown sector {sector!r}")
    kind = fields["kind"].scalar_text(f"{what} kind")
    if kind not in KINDS:
        raise fields["kind"].error(
            f"{what}: kind {kind!r} is not one of {', '.join(KINDS)}"
        )
    direction = fields["direction"].scalar_text(f"{what} direction")
    if direction not in DIRECTIONS:
        raise fields["direction"].error(
            f"{what}: direction {direction!r} is not one of {', '.join(DIRECTIONS)}"
        )
    unit_name = fields["unit"].scalar_text(f"{what} unit")
    canonical = table.get(unit_name)
    if canonical is None:
        raise fields["unit"].error(
            f"{what}: unit {unit_name!r} is not in the units table"
        )
    # A growth rate and a level must never meet: the unit is what tells them apart.
    if kind == GROWTH_RATE and unit_name != "%":
        raise fields["unit"].error(f"{what}: a growth rate is measured in '%'")
    if kind in (LEVEL, COUNT) and canonical.dimension in (
        "percent",
        "percentage_point",
    ):
        raise fields["unit"].error(
            f"{what}: a {kind} cannot be measured in {unit_name!r}"
        )
    units = _read_indicator_units(
        fields.get("units"), what, canonical, unit_name, table
    )
    definition_nodes = (
        fields["definitions"].sequence(f"{what} definitions")
        if "definitions" in fields
        else []
    )
    definitions: list[Definition] = []
    for node in definition_nodes:
        definition = _read_definition(node, code, alias_lines)
        if any(d.code == definition.code for d in definitions):
            raise node.error(f"{what}: definition {definition.code!r} is listed twice")
        definitions.append(definition)
    return Indicator(
        code=code,
        zh=fields["zh"].scalar_text(f"{what} zh"),
        en=fields["en"].scalar_text(f"{what} en"),
        sector=sector,
        unit=unit_name,
        kind=kind,
        direction=direction,
        headline=fields["headline"].boolean(f"{what} headline")
        if "headline" in fields
        else False,
        aliases=_texts(fields["aliases"], f"{what} aliases", alias_lines),
        units=units,
        definitions=tuple(definitions),
        line=item.line,
    )


def parse_catalogue(text: str, *, path: str = "") -> Catalogue:
    """Parse and validate catalogue YAML; raise ``CatalogueError`` naming the bad line."""
    loader = _LOADER(text)
    try:
        try:
            root_node = loader.get_single_node()
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            line = mark.line + 1 if mark is not None else None
            problem = exc.problem or exc.context or "not valid YAML"
            context = exc.context_mark
            if context is not None and line is not None and context.line + 1 != line:
                # An unclosed [ or { is noticed lines later; name where it was opened.
                problem += f" ({exc.context} started on line {context.line + 1})"
            raise CatalogueError(
                f"not valid YAML: {problem}", line=line, path=path
            ) from exc
        if root_node is None:
            raise CatalogueError("the catalogue is empty", line=1, path=path)
        root = _Node(root_node, loader, path)
        top = root.mapping("the catalogue")
        _require(
            top, root, "the catalogue", ("version", "units", "sectors", "indicators")
        )
        version = top["version"].integer("version")
        table = _read_units(top["units"])
        sectors = _read_sectors(top["sectors"])

        indicators: dict[str, Indicator] = {}
        aliases: dict[str, AliasTarget] = {}
        alias_lines: dict[str, int] = {}
        for item in top["indicators"].sequence("indicators"):
            lines: dict[str, int] = {}
            indicator = _read_indicator(item, sectors, table, lines)
            if indicator.code in indicators:
                raise item.error(f"duplicate indicator code {indicator.code!r}")
            indicators[indicator.code] = indicator
            pairs = [(a, BASE_DEFINITION) for a in indicator.aliases] + [
                (a, d.code) for d in indicator.definitions for a in d.aliases
            ]
            for alias, definition in pairs:
                if alias in aliases:
                    other = aliases[alias]
                    where = (
                        f"definition {other.definition!r} of {other.indicator!r}"
                        if other.definition
                        else repr(other.indicator)
                    )
                    raise CatalogueError(
                        f"indicator {indicator.code!r}: alias {alias!r} already belongs "
                        f"to {where} (line {alias_lines[alias]})",
                        line=lines[alias],
                        path=path,
                    )
                aliases[alias] = AliasTarget(indicator.code, definition)
                alias_lines[alias] = lines[alias]
    finally:
        loader.dispose()
    return Catalogue(
        version=version,
        units=table,
        sectors=sectors,
        indicators=indicators,
        aliases=aliases,
        path=path,
    )


def load_catalogue(path: str | Path = DEFAULT_PATH) -> Catalogue:
    """Read and validate the catalogue file (``data/catalogue.yaml`` by default)."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise CatalogueError(f"not UTF-8 text: {exc.reason}", path=str(path)) from exc
    return parse_catalogue(text, path=str(path))
