"""Place names in document titles and text: which region a document is about.

Generic first: a Chinese administrative name ends in 省/自治区/市/县/旗/盟/区/…, so the
words just before "政府工作报告" or "国民经济和社会发展计划" name the region. A small data
file (``regions.yaml``) adds what a title does not say: the parent of the cities and
banners of Inner Mongolia, short forms (科左中旗), province short names ("(内蒙古)") and
one known session per people's congress term, used to date a document from
"第五届人大四次会议".

All functions take NFKC-normalised text (see ``segment``) and do no I/O beyond reading
the data file once.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import yaml

from plans.pipeline import lexicon

DATA_FILE = Path(__file__).with_name("regions.yaml")

# Longer suffixes first is not needed: the lazy prefix stops at the first suffix that
# closes a name, and 自治区 is reached before its own last character 区.
_SUFFIX = r"(?:特别行政区|自治区|自治州|自治县|自治旗|地区|省|市|县|旗|盟|区)"
_TOKEN = re.compile(rf"[\u4e00-\u9fff]+?{_SUFFIX}")
_CJK_RUN_END = re.compile(r"[\u4e00-\u9fff]+$")
# The words around place names are the lexicon's (``places``): what stands before a name
# and is none of it, what a name never starts with, what ends like a name and names none.


@dataclass(frozen=True)
class RegionInfo:
    name: str
    parent: str | None = None
    aliases: tuple[str, ...] = ()
    congress: tuple[tuple[int, int, int], ...] = field(default=())
    name_en: str = ""


@cache
def _raw() -> dict:
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load(DATA_FILE.read_text(encoding="utf-8"), Loader=loader)


@cache
def _data() -> tuple[dict[str, RegionInfo], dict[str, str], dict[str, str]]:
    raw = _raw()
    regions: dict[str, RegionInfo] = {}
    alias_to_name: dict[str, str] = {}
    for name, info in raw["regions"].items():
        info = info or {}
        region = RegionInfo(
            name=name,
            parent=info.get("parent"),
            aliases=tuple(info.get("aliases") or ()),
            congress=tuple(tuple(a) for a in info.get("congress") or ()),
            name_en=info.get("en") or "",
        )
        regions[name] = region
        alias_to_name[name] = name
        for alias in region.aliases:
            alias_to_name[alias] = name
    provinces = dict(raw["provinces"])
    for full in provinces.values():
        alias_to_name.setdefault(full, full)
    return regions, alias_to_name, provinces


def canonical(name: str) -> str:
    """The full name for a short form (科左中旗 → 科尔沁左翼中旗, 内蒙古 → 内蒙古自治区)."""
    regions, alias_to_name, provinces = _data()
    if name in alias_to_name:
        return alias_to_name[name]
    return provinces.get(name, name)


def known_regions() -> list[RegionInfo]:
    """Every region of the data file, parents before children (file order)."""
    return list(_data()[0].values())


def nation() -> RegionInfo:
    """The root of the region tree (全国), with its English name."""
    raw = _raw()["nation"]
    return RegionInfo(name=raw["name"], name_en=raw.get("en") or "")


@cache
def english_names() -> dict[str, str]:
    """English names of the nation and of every region of the data file: the one list,
    read by the region tree (stored as ``Region.name_en``) and by the pages."""
    root = nation()
    names = {root.name: root.name_en}
    names.update({r.name: r.name_en for r in known_regions() if r.name_en})
    return names


def parent_of(name: str) -> str | None:
    """The parent region the data file knows for ``name``, or None."""
    info = _data()[0].get(canonical(name))
    return info.parent if info else None


def province_from_short(text: str) -> str | None:
    """A province named by its short or full form, e.g. "内蒙古" → 内蒙古自治区."""
    text = text.strip()
    provinces = _data()[2]
    if text in provinces:
        return provinces[text]
    if text in provinces.values():
        return text
    return None


def short_name(full: str) -> str | None:
    """A province-level region's short name (广西壮族自治区 → 广西), or None."""
    return next((k for k, v in _data()[2].items() if v == full), None)


def province_named_before(text: str) -> str | None:
    """The province-level region whose full or short name ``text`` ends with
    ("…河南省" → 河南省, "…广西" → 广西壮族自治区), or None."""
    for short, full in _data()[2].items():
        if text.endswith(full) or text.endswith(short):
            return full
    return None


def _is_name(token: str) -> bool:
    places = lexicon.current().places
    return (
        2 <= len(token) <= 12
        and not token.startswith(places.not_a_name_start)
        and token not in places.generic
        and not any(
            token.endswith(g) and len(token) - len(g) < 2 for g in places.generic
        )
    )


def place_names(run: str) -> list[str]:
    """Split a run of characters ending in place names: "内蒙古自治区通辽市" → both.

    Returns [] when the run does not end with a place name.
    """
    run = run.strip()
    for word in lexicon.current().places.not_a_name_before:
        cut = run.rfind(word)
        if cut >= 0:
            run = run[cut + len(word) :]
    if not run:
        return []
    # A known name (or alias) closing the run wins over the generic split: it also
    # copes with names that contain a suffix character inside them.
    _, alias_to_name, provinces = _data()
    for length in range(min(len(run), 12), 1, -1):
        tail = run[-length:]
        if tail in alias_to_name:
            head = place_names(run[:-length]) if length < len(run) else []
            return [*head, alias_to_name[tail]]
    tokens = _TOKEN.findall(run)
    if not tokens or "".join(tokens) != run:
        return []
    if not _is_name(tokens[-1]):
        return []
    return [canonical(t) for t in tokens if _is_name(t)]


def region_before(prefix: str) -> tuple[str | None, str | None]:
    """The region named at the end of ``prefix`` (the words before a document keyword).

    ``"2014年通辽市"`` → ("通辽市", "内蒙古自治区"); ``"(内蒙古)通辽市人民"`` → the same,
    the parent read from the bracket. Returns (None, None) when no name closes it.
    """
    text = prefix.rstrip()
    changed = True
    while changed:
        changed = False
        year = re.search(r"(?:\d{4}|[〇○零一二三四五六七八九]{4})?年$", text)
        if year and year.group(0):
            text = text[: year.start()].rstrip()
            changed = True
        for word in lexicon.current().places.trailing:
            if text.endswith(word) and len(text) > len(word):
                text = text[: -len(word)]
                changed = True
    run = _CJK_RUN_END.search(text)
    if not run:
        return None, None
    words = run.group(0)
    # "2014年通辽市", "1月9日在包头市": the 年/月/日 closes a date, not a name.
    if words[0] in "年月日" and run.start() > 0 and text[run.start() - 1].isdigit():
        words = words[1:]
    names = place_names(words)
    if not names:
        return None, None
    region = names[-1]
    parent = names[-2] if len(names) > 1 else None
    if parent is None:
        bracket = re.search(
            r"[(（【\[]([\u4e00-\u9fff]{2,8})[)）】\]]\s*$", text[: run.start()]
        )
        if bracket:
            parent = province_from_short(bracket.group(1))
    if parent is None:
        parent = parent_of(region)
    return region, parent


_TEXT_PATTERNS = (
    # strongest first: who delivers the report, which congress approved it
    re.compile(r"我代表([^\s,.;:!?,。、;:“”()]{2,16}?)人民政府"),
    re.compile(
        r"([^\s,.;:!?,。、;:“”()]{2,16}?)第[一二三四五六七八九十\d]+届人民代表大会"
    ),
    re.compile(r"([^\s,.;:!?,。、;:“”()]{2,16}?)第?[一二三四五六七八九十\d]+届人大"),
    re.compile(r"([^\s,.;:!?,。、;:“”()]{2,16}?)人民政府(?:办公室|办公厅)"),
    re.compile(r"([^\s,.;:!?,。、;:“”()]{2,16}?)人民政府"),
)


def region_from_text(text: str) -> tuple[str | None, str | None, str]:
    """The region the text speaks for, from phrases like 我代表通辽市人民政府.

    Returns (region, parent, reason); (None, None, "") when no phrase names one.
    """
    for pattern in _TEXT_PATTERNS:
        found: Counter[tuple[str, str | None]] = Counter()
        example: dict[str, str] = {}
        for match in pattern.finditer(text):
            region, parent = region_before(match.group(1))
            if region:
                found[(region, parent)] += 1
                example.setdefault(region, match.group(0))
        if found:
            (region, parent), count = found.most_common(1)[0]
            reason = f"text names it: “{example[region]}” ({count}×)"
            return region, parent, reason
    return None, None, ""


def congress_year(
    region: str | None, term: int, session: int
) -> tuple[int, str] | None:
    """The year of session ``session`` of congress term ``term`` of ``region``.

    Only from an anchor of the same term in the data file (one session a year);
    returns (year, explanation) or None when no anchor is known.
    """
    if not region:
        return None
    info = _data()[0].get(canonical(region))
    if not info:
        return None
    for anchor_term, anchor_session, anchor_year in info.congress:
        if anchor_term == term:
            year = anchor_year + session - anchor_session
            why = (
                f"{region}第{term}届人大第{anchor_session}次会议在{anchor_year}年"
                f" → 第{session}次会议在{year}年"
            )
            return year, why
    return None
