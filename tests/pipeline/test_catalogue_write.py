"""Additions written into the catalogue file's text: every existing line kept in place,
the result parses and holds exactly what was added, a conflict is refused."""

from __future__ import annotations

from decimal import Decimal

import pytest

from plans.pipeline.catalogue import (
    COUNT,
    DEFAULT_PATH,
    HIGHER,
    CatalogueError,
    Indicator,
    parse_catalogue,
)
from plans.pipeline.catalogue_write import add_to_catalogue

SMALL = """\
# a comment that must stay
version: 1
units:
  个: {dimension: items, factor: "1"}
  万个: {dimension: items, factor: "10000"}
sectors:
  - {code: city, zh: 城市, en: City}
indicators:
  # block-style aliases
  - code: parks
    zh: 公园
    en: Parks
    sector: city
    unit: 个
    kind: count
    direction: higher
    aliases:
      - 公园   # a trailing comment
      - 城市公园

  - {code: roads, zh: "道路", en: "Roads", sector: city, unit: "个", kind: count, direction: higher, aliases: ["道路"]}
"""


def _new(code: str, *aliases: str, sector: str = "city", unit: str = "个") -> Indicator:
    return Indicator(
        code=code,
        zh="新建：口袋公园",
        en='Pocket parks, "small"',
        sector=sector,
        unit=unit,
        kind=COUNT,
        direction=HIGHER,
        headline=False,
        aliases=aliases,
        units={unit: Decimal(1), "万个": Decimal(10000)},
    )


def _grown(line: str, edited: str) -> bool:
    """``edited`` is ``line`` with one piece of text inserted somewhere."""
    cut = len(edited) - len(line)
    return cut >= 0 and any(
        edited[:i] + edited[i + cut :] == line for i in range(len(line) + 1)
    )


def _only_insertions(before: str, after: str) -> None:
    """Every line of ``before`` is in ``after``, in order, each as it was or with text
    inserted into it (an alias added inside a flow list); nothing else changed."""
    new = iter(after.splitlines())
    for line in before.splitlines():
        for candidate in new:
            if candidate == line:
                break
            if _grown(line, candidate):
                break
        else:
            raise AssertionError(f"line lost or changed: {line!r}")
    assert after != before


def test_aliases_and_an_indicator_are_written_in_the_files_own_layout():
    out = add_to_catalogue(
        SMALL,
        indicators=[_new("pocket_parks", "口袋公园", "街角: 公园")],
        aliases={"parks": ["社区公园", "公园"], "roads": ["城区道路"]},
    )
    _only_insertions(SMALL, out)
    assert "      - 社区公园\n" in out  # block list: one more item, same indent
    assert 'aliases: ["道路", "城区道路"]}' in out  # flow list: appended, quoted alike
    assert "# a trailing comment" in out and "# a comment that must stay" in out
    catalogue = parse_catalogue(out)
    assert catalogue.aliases["社区公园"].indicator == "parks"
    assert catalogue.aliases["城区道路"].indicator == "roads"
    assert catalogue.aliases["街角: 公园"].indicator == "pocket_parks"
    pocket = catalogue.indicator("pocket_parks")
    assert (pocket.zh, pocket.en) == ("新建：口袋公园", 'Pocket parks, "small"')
    assert pocket.units == {"个": Decimal(1), "万个": Decimal(10000)}
    assert out.splitlines()[-1].startswith("  - {code: pocket_parks,")


def test_the_shipped_file_takes_additions_and_keeps_every_line():
    text = DEFAULT_PATH.read_text(encoding="utf-8")
    out = add_to_catalogue(
        text,
        indicators=[_new("pocket_parks", "口袋公园", sector="infrastructure")],
        aliases={"gdp": ["全市地区生产总值（测试）"]},
    )
    _only_insertions(text, out)
    catalogue = parse_catalogue(out)
    assert catalogue.aliases["全市地区生产总值（测试）"].indicator == "gdp"
    assert catalogue.aliases["口袋公园"].indicator == "pocket_parks"
    assert len(catalogue.indicators) == len(parse_catalogue(text).indicators) + 1


def test_an_alias_another_indicator_owns_is_refused():
    with pytest.raises(CatalogueError, match="already belongs to 'roads'"):
        add_to_catalogue(SMALL, aliases={"parks": ["道路"]})
    with pytest.raises(CatalogueError, match="already belongs"):
        add_to_catalogue(SMALL, indicators=[_new("pocket_parks", "城市公园")])


def test_an_indicator_the_file_cannot_hold_is_refused_with_its_line():
    with pytest.raises(CatalogueError, match="unknown sector 'nowhere'"):
        add_to_catalogue(SMALL, indicators=[_new("x_y", "某某", sector="nowhere")])
    with pytest.raises(CatalogueError, match="already in the catalogue"):
        add_to_catalogue(SMALL, indicators=[_new("roads", "某某")])


def test_nothing_to_add_changes_nothing():
    assert add_to_catalogue(SMALL, aliases={"parks": ["公园"]}) == SMALL
