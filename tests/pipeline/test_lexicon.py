"""The lexicon (data/lexicon.yaml): one file of every word the product interprets."""

from __future__ import annotations

import subprocess
from decimal import Decimal
from pathlib import Path

import pytest

from plans.pipeline import alignment, lexicon
from plans.pipeline.catalogue import load_catalogue
from plans.pipeline.run import process_text, rows_to_dicts

ROOT = Path(__file__).resolve().parents[2]
PLAN = "通辽市2025年国民经济和社会发展计划\n一、主要目标\n养老机构床位不多于500张。\n"


def _with_line(tmp_path: Path, after: str, line: str) -> Path:
    """A copy of the lexicon with one line added after the line ``after``."""
    text = lexicon.DEFAULT_PATH.read_text(encoding="utf-8")
    assert after in text
    path = tmp_path / "lexicon.yaml"
    path.write_text(text.replace(after, after + "\n" + line, 1), encoding="utf-8")
    return path


def test_every_comparator_sets_a_known_bound_and_the_stored_ones_come_first():
    lex = lexicon.load()
    assert {c.bound for c in lex.comparators.values()} <= set(lexicon.BOUNDS)
    assert lex.stored_comparators()[:4] == ["", "以上", "左右", "以内"]
    assert lex.bound_of("以上") == lexicon.FLOOR
    assert lex.bound_of("以内") == lexicon.CEILING
    assert lex.bound_of("左右") == lexicon.ABOUT
    assert lex.bound_of("达到") == lex.bound_of("") == lexicon.EXACT
    # a phrase reads by the words it holds; about wins, then the longest word
    assert lex.bound_of("控制在4.5%以内") == lexicon.CEILING
    assert lex.bound_of("不低于") == lexicon.FLOOR
    assert lex.bound_of("增长7%左右以内") == lexicon.ABOUT


def test_every_spelling_stores_a_comparator_of_the_lexicon():
    lex = lexicon.load()
    for stored in (*lex.before_number.values(), *lex.after_number.values()):
        assert stored in lex.comparators
    # longest spelling first, so 不超过 is read before the 超过 inside it
    keys = list(lex.before_number)
    assert keys.index("不超过") < keys.index("超过") < keys.index("超")


def test_adding_a_comparator_is_one_line(tmp_path):
    """不多于 is unknown today; one line in the lexicon makes every reader know it."""
    assert rows_to_dicts(process_text(PLAN))[0]["comparator"] == ""
    path = _with_line(
        tmp_path,
        '  上下: {bound: about, symbol: "≈", en: about, written: after}',
        '  不多于: {bound: ceiling, symbol: "≤", en: no more than, read: before}',
    )
    with lexicon.override(path) as lex:
        (row,) = rows_to_dicts(process_text(PLAN))
        assert (row["value"], row["unit"], row["comparator"]) == (500, "张", "不多于")
        assert row["subject"] == "养老机构床位"
        assert lex.bound_of("不多于") == alignment.comparator_bound("不多于")
        assert alignment.comparator_bound("不多于") == lexicon.CEILING
        assert alignment.comparator_symbol("不多于") == "≤"
        assert lex.comparator_en("不多于") == "no more than"
        assert "不多于" in lex.words_of(lexicon.CEILING)
    assert alignment.comparator_bound("不多于") == lexicon.EXACT  # back to the file


def test_a_mistake_in_the_lexicon_names_its_line(tmp_path):
    path = _with_line(
        tmp_path,
        '  上下: {bound: about, symbol: "≈", en: about, written: after}',
        "  不多于: {bound: lower, symbol: x}",
    )
    with pytest.raises(lexicon.LexiconError, match=r"lexicon.yaml:\d+: 不多于"):
        lexicon.load(path)
    bad = tmp_path / "bad.yaml"
    bad.write_text("comparator_spellings: [\n", encoding="utf-8")
    with pytest.raises(lexicon.LexiconError, match="not valid YAML"):
        lexicon.load(bad)


def test_a_spelling_must_store_a_known_comparator(tmp_path):
    path = _with_line(tmp_path, "    提高到: 达到", "    提升为: 达成")
    with pytest.raises(lexicon.LexiconError, match="提升为"):
        lexicon.load(path)


def test_the_catalogue_converts_units_as_the_lexicon_does():
    """Each unit of the catalogue's table has the lexicon's dimension and size."""
    lex = lexicon.load()
    catalogue = load_catalogue()
    for name, unit in catalogue.units.items():
        size = lex.unit_size(name)
        assert size is not None, name
        assert (size.dimension, size.factor) == (unit.dimension, unit.factor), name


def test_tolerance_years_and_numerals_come_from_the_file():
    lex = lexicon.load()
    assert alignment.ABOUT_TOLERANCE == lex.about_tolerance == Decimal("0.05")
    assert lex.years.five_year_plans["十四五"] == 2021
    first = next(p for p in lex.years.plan_positions if p.offset == 0)
    assert "开局之年" in first.words
    assert lex.digits["两"] == 2 and lex.powers["千"] == 1000
    assert lex.recorded_qualifiers() == ("力争", "确保")
    assert lex.is_stretch("力争") and not lex.is_stretch("确保")


def test_no_module_spells_the_comparator_list_again():
    found = subprocess.run(
        ["grep", "-rlE", "左右.*以内|以内.*左右", "plans", "--include=*.py"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    ).stdout.split()
    assert len(found) <= 1, found


def test_a_verb_of_change_added_to_the_lexicon_leaves_every_subject(tmp_path):
    """The subject rules read their verbs and particles from the lexicon (subjects.clean),
    so one word there is enough: 攀升到 is unknown today and stays in the subject."""
    text = "通辽市2025年国民经济和社会发展计划\n一、主要目标\n城镇化率攀升到60%。\n"
    assert rows_to_dicts(process_text(text))[0]["subject"] == "城镇化率攀升到"
    words = lexicon.DEFAULT_PATH.read_text(encoding="utf-8")
    assert "降至, 升至, 精简到]" in words
    path = tmp_path / "lexicon.yaml"
    path.write_text(words.replace("精简到]", "精简到, 攀升到]", 1), encoding="utf-8")
    with lexicon.override(path):
        assert rows_to_dicts(process_text(text))[0]["subject"] == "城镇化率"
    assert rows_to_dicts(process_text(text))[0]["subject"] == "城镇化率攀升到"


def test_the_subject_rules_spell_no_verb_or_particle_of_their_own():
    source = (ROOT / "plans" / "pipeline" / "subject_rules.py").read_text("utf-8")
    code = "\n".join(line.split("#")[0] for line in source.split('"""')[2].splitlines())
    for word in (
        "提升到",
        "降至",
        "精简到",
        "再创",
        "新建",
        "开工建设",
        "比上年",
        "用于",
    ):
        assert f'"{word}"' not in code and f"|{word}" not in code, word
