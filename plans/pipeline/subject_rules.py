"""Clean subjects: what a number is about, without the words around it that are not.

Runs after extraction, on each document's rows, and changes only ``subject`` (never a
span, value, kind or year). The rules are general, each about how Chinese plan prose is
built, and each keeps the subject as written when it does not apply:

1. Qualifiers (力争, 确保, 努力, 争取), comparators and verbs of change (达到, 突破, 提高到,
   稳定在 …) are not part of a subject, at either end: "粮食产量力争" → 粮食产量.
2. A baseline belongs to the sentence, not to the subject: "适龄儿童入园率从66.5%" and
   "将临时救助封顶线由2万元" → 适龄儿童入园率, 临时救助封顶线.
3. An earlier number of the clause is not part of the next number's subject: "投资4.4亿元
   改造农村电网" → 改造农村电网; "30个社区公园和" → 社区公园.
4. A number with no subject before it, or only a growth word ("增长"), in a sentence that
   named its subject in an earlier clause takes that clause's subject: "粮食产量再创新高,
   达到132.6亿斤" → 粮食产量.
5. A count whose subject is only the verb ("新建15所以上公办幼儿园") takes the thing counted
   after the number: 新建公办幼儿园.

Every word the rules read (qualifiers, comparators, verbs of change, particles, predicates,
verbs of doing) is in data/lexicon.yaml (``subjects`` and ``subjects.clean``), read from the
lexicon in force each time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from plans.pipeline import lexicon
from plans.pipeline.types import CONTEXT, TargetRow

_NUMBER = r"[0-9０-９.．,，]*[0-9０-９]+|[一二两三四五六七八九十百千万亿]+"
# A baseline inside a subject: 由/从 + (up to 8 characters) + a number.
_BASELINE = re.compile(r"(?:由|从)[^,，。；;]{0,8}?(?:" + _NUMBER + r")")
# An earlier number of the clause with its unit (4.4亿元, 10大, 30个, a bare 70 at the end),
# unless it defines what is counted (10万元以上, 3岁以下, 较2020年): that stays.
_UNIT = (
    r"(?:%|个百分点|[万亿]?(?:元|斤|亩|吨|人次|人|户|千瓦|平方米|立方米|头|套|台|辆|名)"
    r"|公里|个|所|家|座|处|条|项|种|大)"
)
_EARLIER = re.compile(
    r"(?<![0-9.])[0-9]+(?:\.[0-9]+)?(?:" + _UNIT + r"(?!以上|以下|以内|及以上|的)|$)"
)
_CLAUSE_END = "，,。；;：:"


def _either(words: tuple[str, ...]) -> str:
    return "|".join(re.escape(w) for w in words)


@dataclass(frozen=True)
class _Words:
    """The lexicon's words as the rules use them (``subjects`` and ``subjects.clean``)."""

    leading: tuple[str, ...]  # qualifiers and leading particles
    trailing: tuple[str, ...]  # qualifiers, comparators, verbs of change, particles
    growth: tuple[str, ...]
    predicate: re.Pattern[str]  # where a clause's subject ends
    after_stop: re.Pattern[str]  # where the thing counted after a number ends
    doing: tuple[str, ...]  # a subject that is only what was done
    only_change: re.Pattern[str]  # all a clause may say before a number of its own


def _build(lex: lexicon.Lexicon) -> _Words:
    clean = lex.subjects
    qualifiers = tuple(lex.qualifiers)
    change = sorted(
        {
            *lex.before_number,
            *clean.trailing,
            *clean.change_to,
            *clean.joining_particles,
        },
        key=len,
        reverse=True,
    )
    return _Words(
        leading=(*qualifiers, *clean.leading_particles),
        trailing=(*qualifiers, *change),
        growth=clean.growth_suffixes,
        predicate=re.compile(_either(clean.predicates)),
        after_stop=re.compile(
            r"[，,。；;、：:（(“”\"]|" + _either(clean.counted_stops)
        ),
        doing=clean.doing,
        only_change=re.compile(
            f"^(?:{_either(clean.only_change_baselines)})?"
            f"(?:{_either(clean.only_change_verbs)})?$"
        ),
    )


_built: list[tuple[lexicon.Lexicon, _Words]] = []


def _words() -> _Words:
    """The words of the lexicon in force (built once per lexicon, so an override in a
    test or a reloaded file is read)."""
    lex = lexicon.current()
    if not _built or _built[0][0] is not lex:
        _built[:] = [(lex, _build(lex))]
    return _built[0][1]


_COUNT_UNITS = {
    "个",
    "所",
    "家",
    "座",
    "处",
    "条",
    "项",
    "名",
    "户",
    "套",
    "台",
    "辆",
    "种",
    "大",
}


def clean_subjects(text: str, rows: list[TargetRow]) -> None:
    """Clean the subject of every row of one document in place (see the module doc)."""
    previous: TargetRow | None = None
    for row in rows:
        if row.kind != CONTEXT and row.value_text + row.unit:
            row.subject = _clean(text, row, previous)
        previous = row


def strip_words(subject: str) -> str:
    """Rule 1: qualifiers, comparators and verbs of change off both ends."""
    words = _words()
    text = subject.strip(" \u3000\t")
    changed = True
    while changed and text:
        changed = False
        for word in words.leading:
            if text.startswith(word) and len(text) > len(word):
                text, changed = text[len(word) :], True
        for word in words.trailing:
            if text.endswith(word) and len(text) > len(word):
                text, changed = text[: -len(word)], True
    return text


def _clean(text: str, row: TargetRow, previous: TargetRow | None) -> str:
    words = _words()
    subject = row.subject
    # Rule 2: a baseline and what follows it are not the subject.
    base = _BASELINE.search(subject)
    if base and base.start() > 0:
        subject = subject[: base.start()]
    # Rule 3: only what follows the clause's last earlier number.
    earlier = list(_EARLIER.finditer(subject))
    if earlier:
        tail = subject[earlier[-1].end() :]
        head = subject[: earlier[-1].start()]
        subject = tail if len(strip_words(tail)) >= 2 else head
    subject = strip_words(subject)
    only_change = words.only_change.match(row.subject.strip())
    if (not subject or subject in words.growth) and only_change:
        own = _from_earlier_clause(text, row, previous)
        if own:
            return own + subject if subject in words.growth else own
        return subject
    # Rule 5: names listed up to 等 ("锦联铝板带箔、创源…等25个铝新材料项目") are examples;
    # what is counted follows the number.
    if row.unit in _COUNT_UNITS and subject.endswith("等"):
        counted = _counted_after(text, row.end)
        if counted:
            return counted
    # A verb alone, then the thing counted after the number.
    if row.unit in _COUNT_UNITS and subject.endswith(words.doing):
        counted = _counted_after(text, row.end)
        if counted and counted[:3] not in subject:
            return subject + counted
    return subject


def _from_earlier_clause(text: str, row: TargetRow, previous: TargetRow | None) -> str:
    """Rule 4: the subject an earlier clause of the same sentence named."""
    if previous is not None and previous.quote == row.quote and previous.subject:
        own = previous.subject
        cut = _words().predicate.search(own)
        own = own[: cut.start()] if cut and cut.start() >= 2 else own
        return strip_words(own)
    lo = max(text.rfind(c, 0, row.start) for c in _CLAUSE_END)
    start = max(text.rfind(c, 0, lo) for c in "。；;\n") + 1 if lo > 0 else 0
    clause = text[start:lo] if lo > 0 else ""
    if not clause or any(ch.isdigit() for ch in clause):
        return ""
    clause = clause.split(",")[-1].split("，")[-1].strip()
    cut = _words().predicate.search(clause)
    if cut is None or cut.start() < 2:
        return ""
    return strip_words(clause[: cut.start()])


def _counted_after(text: str, end: int) -> str:
    rest = text[end : end + 24]
    rest = re.sub(r"^(?:以上|以下|左右|多)?的?", "", rest)
    stop = _words().after_stop.search(rest)
    noun = rest[: stop.start()] if stop else rest[:12]
    if (
        not noun
        or not re.match(r"[\u4e00-\u9fff“\"]", noun)
        or re.search(r"[0-9]", noun)
    ):
        return ""
    return noun[:15]
