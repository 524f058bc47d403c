"""The later year a target is set for, where its text sets one (a goal year).

"到2015年,A达到X;B突破Y。": a goal year (到2025年, 2025年底前, "十四五"末, 今后五年) holds
for the rest of its sentence, across semicolons, unless a clause opens with a year of its
own; a section headed by a five-year plan's goals ("二、“十二五”时期主要目标") sets its end
year for the whole section. ``kinds`` asks here for a target's year.
"""

from __future__ import annotations

import bisect
import re

from plans.pipeline.candidates import Candidates
from plans.pipeline.numbers import normalise
from plans.pipeline.reviews import heading_cues
from plans.pipeline.time_words import (
    BY_YEAR,
    FIVE_YEAR,
    LATER_YEAR,
    NEXT_FIVE_YEARS,
    OWN_YEAR_HEAD,
    PERIOD,
    TIME_HEAD,
    plan_end,
)
from plans.pipeline.types import YEAR_STATED

# how far a sentence is read for a cue (bounded, so that extraction stays linear)
SENTENCE_REACH = 200
# one character before a time that makes it no head ("比2020年", "在2019年…基础上")
NOT_TIME_PREFIX = tuple("比较与同在从由自于以为是")
COMPARED = ("比", "较", "于", "同")
# an item of a list set out under a sentence ("——", "(一)", "一是"), and how many items up
# its lead is sought
ITEM = re.compile(
    r"\s*(?:—|[(（][一二三四五六七八九十0-9]+[)）]|[一二三四五六七八九十]+是"
    r"|[0-9]{1,2}[.、．](?![0-9]))"  # "1.经济增长。GDP年均增长10%左右"
)
BULLETS_REACH = 12
# a sentence listing goals named before it ("这些目标主要包括:"), and one in which a plan
# sets them ("《规划》明确了…等七大目标", "纲要提出了…的主要目标")
_GOALS_LISTED = re.compile(
    r"\s*(?:这些|上述|以上)(?:主要)?目标(?:主要)?(?:包括|是|有|为)[:：]"
)
_PLAN_SETS_GOALS = re.compile(
    r"(?:规划|纲要)[》”\"]?[^。\n]{0,10}?(?:明确|提出|确定|设定|描绘)了?[^。\n]{0,40}?目标"
)
# a five-year outline as a text names it (the plan itself, not a position in its period)
OUTLINE = re.compile(
    r"(?:[“\"]?十([一二三四五]?)五[”\"]?|第十([一二三四五]?)个五年)(?:规划|计划)"
    r"(?:纲要|(?:\(草案\))?》)"
)
# a year's position in a five-year period named right after the period's outline
_POSITION = re.compile(
    r"[^。,;]{0,8}?(?:之年|第[一二三四五]年|开局|收官|起步|中期|关键)"
)
# a year that bounds a span rather than naming a time ("2015年以前", "2025年底前")
_BOUND_AFTER = re.compile(r"(?:底|末)?(?:前|以前|之前|以后|之后)")
# a question asking for goals ("…的工作目标是什么?", "今年的目标有哪些?")
_GOALS_ASKED = re.compile(r"目标(?:任务)?(?:是什么|有哪些|是多少|如何|怎样)")
# a sentence saying a year's goals were met
_YEAR_DONE = re.compile(r"完成(?:了)?(?:全年|年度|年初确定的)[^。;\n]{0,20}?目标任务")
# a sentence's last character: a line ending without one runs on in the next line
ENDS = tuple("。;；!！?？:：")
# a five-year plan named where a heading or a lead names it: "“十一五”经济社会发展的主要
# 目标", "十一五…目标" (quoted, or before words that can only follow a plan's name)
PLAN_NAMED = re.compile(
    r"[“\"]十([一二三四五]?)五[”\"]|十([一二三四])五(?=规划|计划|时期|期间|末|经济|发展|目标)"
)


class GoalYears(Candidates):
    """The goal year a target is set for."""

    def _goals_in(
        self, lo: int, hi: int
    ) -> list[tuple[int, int, tuple[int, int] | None]]:
        """Later years set as goals in ``norm[lo:hi]``: (position, year, period)."""
        n, plan_year = self.norm, self.doc.year
        found: list[tuple[int, int, tuple[int, int] | None]] = []
        for m in BY_YEAR.finditer(n, lo, hi):
            y = int(m.group(1))
            if plan_year is None or y >= plan_year:
                found.append((m.start(), y, None))
        if plan_year is not None:
            # "力争2025年底前全部完成", "2025年全市地区生产总值达到…" in a 2023 plan
            for m in LATER_YEAR.finditer(n, lo, hi):
                y = int(m.group(1))
                if y > plan_year and n[max(lo, m.start() - 1) : m.start()] not in (
                    COMPARED + NOT_TIME_PREFIX
                ):
                    found.append((m.start(), y, None))
        for m in FIVE_YEAR.finditer(n, lo, hi):
            if n[max(lo, m.start() - 2) : m.start()].rstrip('“"').endswith(COMPARED):
                continue  # "比“十一五”末下降15%": the base of a comparison
            first = plan_end(m.group(1)) - 4
            if plan_year is None or first + 4 >= plan_year:
                found.append((m.start(), first + 4, (first, first + 4)))
        for m in PERIOD.finditer(n, lo, hi):
            a, b = int(m.group(1)), int(m.group(2))
            if a < b and (plan_year is None or b >= plan_year):
                found.append((m.start(), b, (a, b)))
        for m in NEXT_FIVE_YEARS.finditer(n, lo, hi):
            # the five years end where their sentence says ("今后五年,…,到2021年突破
            # 300亿元"), else four years after the plan year
            stop = min(self._next_boundary(self.full_stops, hi), hi + SENTENCE_REACH)
            end = BY_YEAR.search(n, m.end(), stop)
            named = int(end.group(1)) if end else self._five_years_named()
            if named is not None and (plan_year is None or named > plan_year):
                found.append((m.start(), named, (named - 4, named)))
            elif plan_year is not None:
                found.append((m.start(), plan_year + 4, (plan_year, plan_year + 4)))
        return found

    def _five_years_named(self) -> int | None:
        """The year a text's 今后五年 end where one of its sentences names it ("今后五年的
        奋斗目标是:到2011年…"): the same five years wherever else the text names them."""
        if "_five_named" not in self.__dict__:
            n, plan_year, named = self.norm, self.doc.year, None
            for m in NEXT_FIVE_YEARS.finditer(n, self.start, self.end):
                stop = min(
                    self._next_boundary(self.full_stops, m.end()),
                    m.end() + SENTENCE_REACH,
                )
                end = BY_YEAR.search(n, m.end(), stop)
                if end and (plan_year is None or int(end.group(1)) > plan_year):
                    named = int(end.group(1))
                    break
            self.__dict__["_five_named"] = named
        return self.__dict__["_five_named"]

    def _goal_before(self, pos: int) -> tuple[int, tuple[int, int] | None] | None:
        """The later year a target at ``pos`` is set for, if the text sets one.

        "到2015年,A达到X;B突破Y。": a goal year holds for the rest of its sentence,
        across semicolons, unless a clause opens with a year of its own (今年, 2011年 …);
        a section headed by a five-year plan ("二、“十二五”时期主要目标") sets its end
        year for the whole section.
        """
        n = self.norm
        lo = self._prev_boundary(self.full_stops, pos)
        named = self._goals_in(lo, pos)
        best = max(named, default=None)
        if best is not None and best[2] is None:
            # "“十二五”时期…,到2015年达到…": the year named last, in the period named before
            periods = [g[2] for g in named if g[1] == best[1] and g[2]]
            best = (best[0], best[1], periods[-1]) if periods else best
        if best is None:
            best = self._average_of_plan(lo, pos)
        if best is not None:
            k = bisect.bisect_left(self.sent, best[0])
            while k < len(self.sent) and self.sent[k] < pos:
                if OWN_YEAR_HEAD.match(n, self.sent[k] + 1):
                    return None
                k += 1
            return best[1], best[2]
        if OWN_YEAR_HEAD.match(n, self._prev_boundary(self.sent, pos)):
            return None
        top = self.top_level.at(pos)
        if top is not None and len(top.path[0]) <= 40:
            goals = self._heading_goals(normalise(top.path[0]))
            if goals:
                return goals[-1]
        lead = self._bullets_lead(pos)
        if lead:
            goals = self._heading_goals(lead)
            if goals:
                return goals[-1]
        listed = self._plans_goals_listed(pos)
        if listed is not None:
            return listed
        end = self._outline_end()
        if end is not None and (self.doc.year is None or end >= self.doc.year):
            return end, (end - 4, end)
        return None

    def _plans_goals_listed(
        self, pos: int
    ) -> tuple[int, tuple[int, int] | None] | None:
        """ "《…“十二五”规划》…。《规划》明确了…七大目标。这些目标主要包括:…": goals
        listed after the sentence in which a five-year plan sets them are the plan's."""
        n, plan_year = self.norm, self.doc.year
        s0 = self._prev_boundary(self.full_stops, pos)
        if not _GOALS_LISTED.match(n, s0, pos):
            return None
        before = n[max(self.start, s0 - 240) : s0]
        sets = list(_PLAN_SETS_GOALS.finditer(before))
        if not sets:
            return None
        named = list(PLAN_NAMED.finditer(before, 0, sets[-1].end()))
        if not named:
            return None
        m = named[-1]
        end = plan_end(m.group(1) if m.group(1) is not None else m.group(2))
        return (end, (end - 4, end)) if plan_year is None or end >= plan_year else None

    def _average_of_plan(
        self, lo: int, pos: int
    ) -> tuple[int, int, tuple[int, int] | None] | None:
        """ "“十三五”规划纲要草案…明确提出…经济年均增长保持在6.5%以上": an annual average
        set in a sentence naming a five-year plan is that plan's, for its last year."""
        n, plan_year = self.norm, self.doc.year
        if "年均" not in n[max(lo, pos - 16) : pos]:
            return None
        for m in PLAN_NAMED.finditer(n, lo, pos):
            end = plan_end(m.group(1) if m.group(1) is not None else m.group(2))
            if plan_year is None or end >= plan_year:
                return m.start(), end, (end - 4, end)
        return None

    def _bullets_lead(self, pos: int) -> str:
        """The last sentence before a run of items ("——经济保持平稳较快增长。…",
        "(一)经济总量。…") that ``pos`` stands in: "纲要确定了“十一五”时期…的主要目标。"
        leads its items as a heading would; "" where ``pos`` is in no item of a list."""
        n = self.norm
        line = max(n.rfind("\n", self.start, pos) + 1, self.start)
        for _ in range(
            3
        ):  # a line that runs on from an item's ("…价格总水平基本\n稳定,")
            prev = self._line_before(line)
            if ITEM.match(n, line, pos) or prev is None:
                break
            if n[prev:line].rstrip().endswith(ENDS) or not n[prev:line].strip():
                break
            line = prev
        if not ITEM.match(n, line, pos):
            return ""
        for _ in range(BULLETS_REACH):
            prev = self._line_before(line)
            while prev is not None and not n[prev:line].strip():
                line, prev = prev, self._line_before(prev)  # blank lines between items
            if prev is None:
                return ""
            text = n[prev : line - 1].strip()
            above = self._line_before(prev)
            if above is not None and not ITEM.match(text):
                wrapped = n[above:prev].strip()
                if ITEM.match(wrapped) and not wrapped.endswith(ENDS):
                    line = prev  # the second line of an item wrapped across two
                    continue
            if not ITEM.match(text):
                last = text.rstrip("。:").rsplit("。", 1)[-1]
                if (
                    len(last) > 40
                ):  # "本报讯 昨日,从…会议上获悉,本市“十二五”…主要目标是:"
                    last = last.rsplit(",", 1)[-1]
                return last if len(last) <= 40 else ""
            line = prev
        return ""

    def _latest_period_end(self) -> int:
        """The last year of the latest five-year period the text names (0 if none): an
        earlier period it names is over ("十一五期间,…。展望十二五,…到十二五末…")."""
        if "_latest_period" not in self.__dict__:
            ends = [
                plan_end(m.group(1) if m.group(1) is not None else m.group(2))
                for m in PLAN_NAMED.finditer(self.norm, self.start, self.end)
            ] + [
                plan_end(m.group(1))
                for m in FIVE_YEAR.finditer(self.norm, self.start, self.end)
            ]
            self.__dict__["_latest_period"] = max(ends, default=0)
        return self.__dict__["_latest_period"]

    def _year_named_before(self, pos: int) -> int | None:
        """In a text of no known year, the year it last names before ``pos`` as a time
        ("2013年,我镇…。…截至6月底,…"; not 到2015年, 比2010年, 2015年以前)."""
        if self.doc.year is not None or self.doc.present_year is not None:
            return None
        n, found = self.norm, None
        for m in LATER_YEAR.finditer(n, self.start, pos):
            if n[max(self.start, m.start() - 1) : m.start()] in (
                COMPARED + NOT_TIME_PREFIX + ("到", "至")
            ) or _BOUND_AFTER.match(n, m.end()):
                continue
            found = int(m.group(1))
        return found

    def _asked_goals(self, pos: int) -> bool:
        """Whether the paragraph of ``pos`` answers a question about goals put in the one
        before it ("记者:2009年,…全县的工作目标是什么?" / "县长:地区生产总值实现26.2亿元,
        同比增长10%"): an interview's answer sets goals, in whatever words."""
        n = self.norm
        line = max(n.rfind("\n", self.start, pos) + 1, self.start)
        prev = self._line_before(line)
        while prev is not None and not n[prev:line].strip():
            line, prev = prev, self._line_before(prev)
        asked = n[prev:line].strip() if prev is not None else ""
        return asked.endswith(("?", "？")) and bool(_GOALS_ASKED.search(asked))

    def _after_year_done(self, i: int) -> bool:
        """Whether the sentence before ``i`` (or the one before that) says a year's goals
        were met ("圆满完成了全年经济社会发展主要目标任务"): what follows reports it."""
        lo = self._prev_boundary(self.full_stops, max(self.start, i - 1))
        lo = self._prev_boundary(self.full_stops, max(self.start, lo - 1))
        return bool(_YEAR_DONE.search(self.norm, lo, i))

    def _outline_end(self) -> int | None:
        """The last year of the five-year outline a text speaks of ("“十三五”规划纲要",
        "第十五个五年规划纲要(草案)", "《西部大开发“十二五”规划》"), where the text sets
        no goals of its own year (no 今年, 明年): its goals without a year are the
        outline's."""
        if "_outline" not in self.__dict__:
            n, end = self.norm, None
            now = [w for w, k in self.lex.years.relative.items() if k in (0, 1)]
            annual = self.doc.year_source == YEAR_STATED  # "2026年…计划" in its title
            if not annual and not any(w in n[self.start : self.end] for w in now):
                for m in OUTLINE.finditer(n, self.start, self.end):
                    if _POSITION.match(n, m.end(), min(self.end, m.end() + 14)):
                        continue  # "“十三五”规划纲要实施的第一年": the text's own year
                    digit = next(g for g in m.groups() if g is not None)
                    end = max(end or 0, plan_end(digit))
            self.__dict__["_outline"] = end
        return self.__dict__["_outline"]

    def _line_before(self, line: int) -> int | None:
        """Where the line before the one starting at ``line`` starts (None at the top)."""
        if line <= self.start:
            return None
        return max(self.norm.rfind("\n", self.start, line - 1) + 1, self.start)

    def _heading_goals(self, heading: str) -> list[tuple[int, tuple[int, int] | None]]:
        if not heading_cues(self.lex)[2].search(heading):
            return []
        plan_year = self.doc.year
        if "今年" in heading or (plan_year and f"{plan_year}年" in heading):
            return []  # "“十四五”时期和2021年主要目标": both periods, sentences decide
        out: list[tuple[int, tuple[int, int] | None]] = []
        for m in PLAN_NAMED.finditer(heading):
            first = plan_end(m.group(1) if m.group(1) is not None else m.group(2)) - 4
            if plan_year is None or first + 4 > plan_year:
                out.append((first + 4, (first, first + 4)))
        for m in BY_YEAR.finditer(heading):
            y = int(m.group(1))
            if plan_year is None or y > plan_year:
                out.append((y, None))
        if plan_year is not None and NEXT_FIVE_YEARS.search(heading):
            out.append((plan_year + 4, (plan_year, plan_year + 4)))
        return out

    def _five_year_review(self, pos: int) -> bool:
        """Whether the nearest time named before ``pos`` is a past five-year period.

        Looks back through the clauses of the paragraph, then through the heads of up to
        ten paragraphs before it ("“十二五”时期,…" over a list of "——…" paragraphs).
        """
        n = self.norm
        para = max(n.rfind("\n", self.start, pos) + 1, self.start)
        k = bisect.bisect_left(self.clause, pos) - 1
        starts: list[int] = []
        while k >= 0 and self.clause[k] + 1 > para:
            starts.append(self.clause[k] + 1)
            k -= 1
        starts.append(para)
        line = para
        for _ in range(10):
            if line <= self.start:
                break
            line = max(n.rfind("\n", self.start, line - 1) + 1, self.start)
            starts.append(line)
        for i in starts:
            m = TIME_HEAD.match(n, i, min(self.end, i + 40))
            if m is None or m.group("pre").endswith(NOT_TIME_PREFIX):
                continue
            if m.group("five"):
                return True
            if m.group("fy") is not None:
                end = plan_end(m.group("fy"))
                return self.doc.year is not None and end < self.doc.year
            return False
        return False

    def _answering_now(self, head: tuple[str, int | None], i: int, pos: int) -> bool:
        """ "过去一年,全省生产总值…增长11%,今年预期增长10%左右;财政总收入1780亿元,…":
        this year named after a result within one sentence answers that result, and
        holds only to the sentence's end (; or 。), not over the results after it."""
        s0, s1 = self.sentence(i)
        digits = any(ch.isdigit() for ch in self.norm[s0:i])
        return head == ("own", None) and s1 < pos and digits
