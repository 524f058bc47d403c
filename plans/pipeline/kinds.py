"""The kind (target, actual, context) and the year of each row, from the text around it.

In order: a number in a table written as text takes its column's year and kind; a number
in a review (``reviews``) is an actual of the year before the plan year; a time named at the
head of a clause (2015年, 去年, 过去五年, “十二五”期间) holds through its paragraph until a head
names this year or a later one; a goal year (到2025年, 2025年底前, “十四五”末, 今后五年) holds
to the end of its sentence, and a section headed by a five-year plan's goals sets its end
year (``goal_years``); a baseline (由X提高到Y) is an actual of the year before its target
(of its stated year, 由2010年的X; of the base year of a five-year review).
"""

from __future__ import annotations

import bisect
import re

from plans.pipeline.clauses import Candidate
from plans.pipeline.counted_to import counted_to, counted_year
from plans.pipeline.goal_years import NOT_TIME_PREFIX, SENTENCE_REACH
from plans.pipeline.lexicon import AFTER, alternation
from plans.pipeline.result_words import DIRECTIVE_HEAD, FORWARD_WORDS, ResultWords
from plans.pipeline.time_words import (
    FIVE_YEAR,
    LATER_YEAR,
    PARTS_OF_YEAR,
    TIME_HEAD,
    estimate_after_clause,
    estimated_year,
    gone_year,
    names_year,
    plan_end,
)
from plans.pipeline.types import ACTUAL, CONTEXT, OTHER, TARGET

_STATED_BASE_YEAR = re.compile(r"[由从]([12][0-9]{3})年(?:底|末)?的?$")
_YEARS_AGO = re.compile(r"([0-9]+|[一二两三四五六七八九十]+)年前的?$")
_PART_OF_YEAR = re.compile(PARTS_OF_YEAR + r"|截[至止]\d{1,2}月")
# a head counting up to a date ("截至12月31日", "截至10月底"), and words before it that ask
# for it rather than report it ("要求截至6月底…")
_COUNTED_TO = re.compile(r"截[至止](\d{1,2})月")
_ASKS = re.compile(r"要求|提出|强调|部署|明确|要|须")
_HEAD_LOOKBACK = 80  # clauses
_GOAL_SET_OUT = re.compile(
    r"(?:预期|主要|奋斗|发展)目标(?:是|为|[:：])[^0-9,;。]{0,16}$"
)
_LIST_ITEM = re.compile(
    r"\s*(?:[(（][一二三四五六七八九十]+[)）]|[一二三四五六七八九十]+是)"
)


class KindsAndYears(ResultWords):
    """Each row's kind and year."""

    def _kind_year(
        self, c: Candidate, s0: int
    ) -> tuple[str, int | None, tuple[int, int] | None]:
        doc = self.doc
        if doc.reports_results and not self._goal_worded(c, doc.year):
            # a communique: every number is a result of its year (a goal it names stays one)
            return (CONTEXT, None, None) if c.context else (ACTUAL, doc.year, None)
        table = self._table_kind_year(c.start)
        if table is not None:
            return table[0], table[1], None
        aside = self._aside_year(c.start)
        if aside is not None and not c.context:
            return ACTUAL, aside[0], None
        in_review = self._in_review(c.start)
        if not in_review and not c.context and self.result_column(c.start):
            # "指标  年度目标  1—11月完成  完成率": the results so far beside the year's goals
            return ACTUAL, doc.present_year or doc.year, None
        base_year = doc.year
        kind = TARGET
        if in_review:
            # "完成年度下降3.5%的控制目标": the reviewed year's goal, named beside its result
            # (but "完成林业生态建设任务28.6万亩" reports what was done)
            named = self.norm.startswith(self.cue.goal_after, c.after or c.end)
            named = named or self._beside_its_result(c)
            kind = TARGET if named or self.goal_column(c.start) else ACTUAL
            base_year = self._reviewed_year(c.start)
        year, period = base_year, None
        # a sentence may name a past year at its head: "2007年,全县生产总值…", "去年…"
        past = self._past_head(c.start)
        if past is not None and (
            kind == TARGET if in_review else self._goal_worded(c, past[0])
        ):
            # "上半年…。实现年初确定的11.5%的预期目标…": this year's goal
            year = past[0]
        elif past is not None:
            kind, year = ACTUAL, past[0]
        elif not in_review:
            goal = self._goal_before(c.start)
            if goal is not None:
                year, period = goal
            else:
                ahead = self._nearest_head(c.start)
                if ahead is not None and ahead[0] == "own" and ahead[1] is not None:
                    year = ahead[1]  # a head's 明年 in a text of this year
        if c.context:
            return CONTEXT, None, None
        if kind == TARGET and not in_review:
            counted = self._counted(c, s0)
            if counted is not None:  # "截至2018年底,全县完成投资86亿元"
                kind, year, period = ACTUAL, counted[0], None
        if kind == TARGET and past is None and not in_review and self._result_said(c):
            kind, year = ACTUAL, self._own_result_year(c.start)
        if kind == TARGET and past is None and not in_review:
            estimated, now = self._estimated_at_verb(c)
            if estimated:  # "今年全县地区生产总值预计增长6.2%"
                kind, year = ACTUAL, now
        baseline = self._is_baseline(c)
        cl0, _ = self.clause_of(c.start)
        five = FIVE_YEAR.search(self.norm, cl0, c.start)
        if five and not baseline and doc.year and kind == TARGET:
            end = plan_end(five.group(1))
            if end >= doc.year:
                # "与“十四五”期间年均增长6%左右的目标相衔接": a goal for the period's end
                return TARGET, end, (end - 4, end)
        if baseline:
            head = self.norm[max(s0, c.start - 12) : c.start]
            stated = _STATED_BASE_YEAR.search(head)
            if stated:  # "由2010年的1086.2亿元"
                return ACTUAL, int(stated.group(1)), None
            if year is not None and self._five_year_review(c.start):
                # "五年来…由3.3%提高到3.9%": the level the period started from
                return ACTUAL, year - 5, None
            ago = _YEARS_AGO.search(self.norm[max(s0, c.start - 8) : c.start])
            if ago and year is not None:
                n = ago.group(1)
                years = int(n) if n.isdigit() else 5
                return ACTUAL, year - years, None
            if year and doc.year and year > doc.year:
                # "到2020年,…由1.6%提高到2.2%" in a 2016 text: the level it starts from is
                # the one before the text's own year, not before the goal's
                return ACTUAL, doc.year - 1, None
            return ACTUAL, (year - 1 if year else None), None
        return kind, year, period

    def _head_at(self, i: int) -> tuple[str, int | None] | None:
        """The time a sentence starting at ``i`` opens with: ("past", year) or ("own", None).

        Each clause head is read once per document (rows look back over the same heads).
        """
        heads: dict[int, tuple[str, int | None] | None]
        heads = self.__dict__.setdefault("_heads", {})
        if i not in heads:
            heads[i] = self._read_head(i)
        return heads[i]

    def _read_head(self, i: int) -> tuple[str, int | None] | None:
        y0 = self.doc.year
        m = TIME_HEAD.match(self.norm, i, min(self.end, i + 40))
        if m is None and DIRECTIVE_HEAD.match(self.norm, i, min(self.end, i + 12)):
            return "own", None
        if m is None or m.group("pre").endswith(NOT_TIME_PREFIX):
            return None
        gone = gone_year(m, self.lex.digits)  # "刚刚过去的2007年", "“十一五”前四年"
        if gone:
            return "past", gone
        # the year the text's 今年 names: the plan year, or the year before it in news
        # of a year-end conference that sets next year's targets
        now = self.doc.present_year or y0
        est = estimate_after_clause(self.norm, i, m)  # "据预计,2011年…可达…"
        if est and (
            not y0 or est < y0 or est == y0 and (now != y0 or self.doc.dated_late)
        ):
            return "past", est
        if m.group("est"):
            # "预计2019年…" in a text planning 2020, "预计明年…" in news of this year
            est = estimated_year(self.norm, m.end(), self.lex.years.relative, now)
            if est is not None and y0 is not None and est != y0:
                return ("past", est) if est < y0 else ("own", est)
        counted = _COUNTED_TO.search(m.group("part") or "")
        asks = counted and _ASKS.search(self.norm, i, m.start("part"))
        if counted and not asks and not self._goal_said(i):
            # "本报讯 截至12月31日,全县完成投资86亿元": what is counted up to a date is
            # done, whatever the text plans; dated January, the December is last year's
            now = now or self._year_named_before(i)  # undated: the year last named
            return "past", counted_year(int(counted.group(1)), now, self.doc.dated)
        part = (
            m.group("part")
            and not m.group("pre")
            and not self._asked_for(i, m.end())  # "会议要求,一季度要完成投资20亿元"
            and (
                (self.doc.kind == OTHER and not self._goal_said(i))
                or self._reports_result(i)
                or (now or 0) < (y0 or 0)  # 今年前三季度 in a text planning the next
                # a text dated late in its year, or one that looks to next year's goals
                # ("研究明年主要预期目标"), speaks of parts of this year that are over
                or (
                    (self.doc.dated_late or self._looks_to_next_year())
                    and not self._goal_said(i)
                )
            )
        )
        if part or (
            m.group("est")
            and (
                y0 is None
                or now != y0
                or self.doc.dated_late
                or self._after_part_of_year(i)
            )
        ):
            # a part of this year's result (上半年…) in news of the economy, or an estimate
            # of it (预计全年…) where the text's 今年 is known not to be the plan year
            return "past", now or self._year_named_before(i)
        if (
            m.group("est")
            and now is not None
            and now == y0
            and self._after_year_done(i)
        ):
            # "…圆满完成了全年经济社会发展主要目标任务。预计地区生产总值超过2100亿元": in a
            # text planning its year, estimates after the last year's goals were met are its
            return "past", now - 1
        if m.group("part") or m.group("est"):
            # "会议强调,要确保上半年…": what a meeting asks for looks ahead
            directive = DIRECTIVE_HEAD.match(self.norm, i, min(self.end, i + 12))
            return ("own", None) if directive else None
        if y0 is None:
            # no year known: a head still tells a result from a goal, and a review of
            # five years that names its last ("过去五年,…,2020年达到…") ends in that year
            if m.group("five"):
                stop = self._next_boundary(self.full_stops, m.end())
                named = LATER_YEAR.search(
                    self.norm, m.end(), min(stop, m.end() + SENTENCE_REACH)
                )
                return "past", int(named.group(1)) if named else None
            if m.group("last"):
                return "past", None
            fy = m.group("fy")
            if fy is not None and plan_end(fy) < self._latest_period_end():
                if not self._goal_said(i):  # "十一五期间,…达9.7亿元。…到十二五末…"
                    return "past", plan_end(fy)
            pre = m.group("pre")
            if m.group("y") and (
                not pre.endswith(("到", "至")) or pre.endswith("截至")
            ):
                # a year before the five-year period the text plans for is a past one
                y = int(m.group("y"))
                first = self._planned_period_start()
                if first is not None and y < first:
                    return "past", y
                if (
                    i < self._this_year_at() or self._reports_result(i)
                ) and not self._goal_said(i):
                    # "2017年,…增长8.1%。今年,…增长8%左右": a year reported without a
                    # goal's words before the text first speaks of its own 今年 is past,
                    # as is one whose sentence words a result ("截止2007年底,…同比增长32%")
                    return "past", y
                if not self.norm[self.sentence(i)[0] : i].strip():
                    return "own", y  # "2009年,全县生产总值增长10%": the year's goal
            return ("own", None) if m.group("now") or m.group("own") else None
        if m.group("now") and now is not None and now < y0:
            return "past", now
        if m.group("y"):
            y = int(m.group("y"))
            if y < y0 and not m.group("pre").endswith(("到", "至")):
                return "past", y
            if y == y0 == now and self.doc.dated_late and not self._goal_said(i):
                return "past", y  # "…,2025年达到3800亿元" in December 2025: its result
            return "own", None
        if m.group("last") or m.group("five"):
            return "past", y0 - 1
        if m.group("fy") is not None:
            end = plan_end(m.group("fy"))
            # late in a period's last year, the period is reported on, not planned
            done = end < y0 or (end == y0 and self.doc.dated_late)
            if m.group("since") and not done:
                return "past", y0 - 1  # "“十三五”以来" in 2019: what 2016–2018 did
            return ("past", end) if done else ("own", None)
        return "own", self._next_year(m.group("own"), now, y0)

    def _looks_to_next_year(self) -> bool:
        """Whether the text names next year's goals or work (明年 before a plan's word for
        them, ``plan_signals``: "研究明年主要预期目标", "谋划明年重点工作")."""
        if "_next_year_goals" not in self.__dict__:
            nxt = [w for w, k in self.lex.years.relative.items() if k == 1]
            signals = self.lex.documents.plan_signals
            pattern = (
                f"(?:{alternation(nxt)})[^。;\\n,]{{0,16}}?(?:{alternation(signals)})"
            )
            found = re.compile(pattern).search(self.norm, self.start, self.end)
            self.__dict__["_next_year_goals"] = bool(nxt and signals and found)
        return self.__dict__["_next_year_goals"]

    def _counted(self, c: Candidate, s0: int) -> tuple[int | None] | None:
        """The year of a count up to a date before ``c`` in its sentence (``counted_to``),
        where neither its sentence nor the words after it make it a goal."""
        lo = max(s0, c.start - SENTENCE_REACH)
        now = self.doc.present_year or self.doc.year
        counted = counted_to(self.norm, lo, c.start, now, self.doc.dated)
        if counted is None or self._goal_said(lo) or self._goal_worded(c, None):
            return None
        return counted

    def _next_year(self, word: str | None, now: int | None, y0: int) -> int | None:
        """The year a head's 明年 names where it is not the plan year: news of this year
        ("前三季度…。会议要求,…力争明年地区生产总值增长9.5%") looks one year past its own."""
        if not word or now is None:
            return None
        ahead = self.lex.years.relative.get(word)
        if not ahead or ahead <= 0 or now + ahead <= y0:
            return None
        return now + ahead

    def _this_year_at(self) -> int:
        """Where the text first names its own year as 今年 (or 本年); -1 if it never does."""
        if "_this_year" not in self.__dict__:
            words = [w for w, k in self.lex.years.relative.items() if k == 0]
            at = [self.norm.find(w, self.start, self.end) for w in words]
            self.__dict__["_this_year"] = min((a for a in at if a >= 0), default=-1)
        return self.__dict__["_this_year"]

    def _goal_worded(self, c: Candidate, past: int | None) -> bool:
        """ "11.5%的预期目标": the words right after the number call it a goal, or its
        result follows it ("预期增长20%,实际增长36.8%"); after a
        part of this year's results, "力争三季度末完成68亿元" commits to one (a qualifier of
        the lexicon; after a past year's results, 力争 may report an effort)."""
        if self.norm.startswith(self.cue.goal_after, c.after or c.end):
            return True
        if self._goal_named_before(c) or self.goal_column(c.start):
            return True
        if self._beside_its_result(c):
            return True
        if past != (self.doc.present_year or self.doc.year):
            return False
        return self._committed(self.norm[self.clause_of(c.start)[0] : c.start])

    def _beside_its_result(self, c: Candidate) -> bool:
        """ "预期增长20%,实际增长36.8%": the goal its result is set beside."""
        _, cl1 = self.clause_of(c.start)
        return self.norm[cl1 : cl1 + 1] == "," and self.norm.startswith(
            self.cue.result_beside_goal, cl1 + 1
        )

    def _goal_named_before(self, c: Candidate) -> bool:
        """ "固定资产投资年度目标增长10%": the clause names the goal right before the
        number; "高于年度目标6.6个百分点" measures a result against it (as 超出 does)."""
        if "_goal_named" not in self.__dict__:
            self.__dict__["_goal_named"] = re.compile(
                f"(?:{alternation(self.cue.goal_before)})"
                f"(?:{alternation(self.cue.goal_before_verbs)}){{0,2}}[:：]?\\s*$"
            )
        cl0, _ = self.clause_of(c.start)
        head = self.norm[cl0 : c.start]
        if any(
            w in head for w in self.cue.relation_leading + self.cue.measured_against
        ):
            return False  # "超出年度目标2.4个百分点", "超额完成计划3.8个百分点": a gap
        goal = alternation(self.cue.goal_before)
        share = "占" in head or re.search(f"完成[^,;。]{{0,4}}(?:{goal})$", head)
        if share and c.unit == "%" and self.after(c.after or c.end, 1) != "的":
            return (
                False  # "占年度计划23%": the share of the goal done (not "…15亿元的")
            )
        # "…提到的全市发展主要预期目标是地区生产总值增长7%左右": the goal set out before
        # the indicator it sets
        return bool(
            self.__dict__["_goal_named"].search(head) or _GOAL_SET_OUT.search(head)
        )

    def _after_part_of_year(self, i: int) -> bool:
        """Whether a text reporting a part of this year's results (上半年…同比增长…)
        comes before ``i``, outside a review: its 预计全年 estimates this year's result."""
        if "_part_result_at" not in self.__dict__:
            at = None
            for m in _PART_OF_YEAR.finditer(self.norm, self.start, self.end):
                if self._reports_result(m.start()):
                    at = m.start()
                    break
            self.__dict__["_part_result_at"] = at
        at = self.__dict__["_part_result_at"]
        return at is not None and at < i and not self._in_review(i)

    def _reports_result(self, i: int) -> bool:
        """Whether the sentence from ``i`` words a result ("同比增长", "初步核算")."""
        end = min(self._next_boundary(self.sent, i), i + SENTENCE_REACH)
        said = self.norm[i:end]
        return any(w in said for w in self.cue.result) and not self._goal_said(i)

    def _goal_said(self, i: int) -> bool:
        """Whether the sentence from ``i`` words a goal: a bound or a commitment."""
        end = min(self._next_boundary(self.sent, i), i + SENTENCE_REACH)
        said = self.norm[i:end]
        if any(w in said for w in self.cue.result_but_goal):
            return True
        if "_bound_after" not in self.__dict__:
            words = [w for w, c in self.lex.comparators.items() if c.read == AFTER]
            named = alternation(self.cue.goal_after)  # a goal it bounds: lexicon
            pattern = rf"[0-9%‰]\s*(?:{alternation(words)})(?!{named})"
            self.__dict__["_bound_after"] = re.compile(pattern)
        return bool(self.__dict__["_bound_after"].search(said))

    def _aside_year(self, pos: int) -> tuple[int | None] | None:
        """ "(2021年完成12.2%)", "(上年增长8.1%)": an aside in brackets that opens on a
        past year reports that year's result, whatever its sentence sets."""
        i = self.norm.rfind("(", max(self.start, pos - 12), pos)
        if i < 0 or ")" in self.norm[i:pos]:
            return None
        head = self._read_head(i + 1)
        return (head[1],) if head is not None and head[0] == "past" else None

    def _past_head(self, pos: int) -> tuple[int | None] | None:
        """The past year a number reports, named at the head of its sentence (not past
        "…为全面实现2013年农业总产值增长10%以上", naming the plan year after it)."""
        h = self._nearest_head(pos)
        s0, y0 = max(self.sentence(pos)[0], pos - SENTENCE_REACH), self.doc.year
        if h and h[0] == "past" and not names_year(self.norm, s0, pos, y0, h[1]):
            return (h[1],)
        return None

    def _nearest_head(self, pos: int) -> tuple[str, int | None] | None:
        """The time named at the nearest clause head before ``pos`` that names one.

        The nearest clause head that names a time decides, looking back through the
        paragraph: "2015年,…预计地区生产总值256亿元;财政总收入31.2亿元。全县新建
        公路85公里。" are all 2015; a head naming this year or a later one (今年, 到2020年)
        ends the reach ("在2019年完成造林10万亩的基础上,今年再完成12万亩").
        """
        para = max(self.norm.rfind("\n", self.start, pos) + 1, self.start)
        # nor past the end of a review ("…。会议确定该县今年的奋斗目标是:…")
        para = max([para] + [b for _, b in self.reviews if b <= pos])
        k = bisect.bisect_left(self.clause, pos) - 1
        for _ in range(_HEAD_LOOKBACK):
            i = self.clause[k] + 1 if k >= 0 else self.start
            if i < para:
                i = para
            head = self._head_at(i)
            if head is not None and not self._answering_now(head, i, pos):
                return head
            if i <= para:
                return self._bracket_head(pos)
            if _LIST_ITEM.match(self.norm, i):
                # A new list item ("二是…", "(三)…") is a new topic: an earlier item's
                # year does not reach into it.
                return None
            k -= 1
        return None

    def _result_said(self, c: Candidate) -> bool:
        """A result measured against a goal (``_measured``), or one its sentence words as
        a result (同比, 占年度计划: ``cues.result_compared``) without a goal's words and with no
        time that looks ahead before it: news of the economy lists results under headings
        of their own ("一是工业生产提速增效。全区完成工业总产值52.7亿元,同比增长41%")."""
        if self._measured(c):
            return True
        if (
            self._goal_worded(c, None)
            or c.post_comparator
            or self._asked_goals(c.start)
        ):
            return False
        ahead = self._nearest_head(c.start)
        if ahead is not None and ahead[0] == "own":
            return False
        s0 = self.sentence(c.start)[0]
        if self.norm.startswith("其中", s0) and s0 > self.start:
            # "其中,…" goes on with the sentence before (on the line above, too)
            p = len(self.norm[self.start : s0 - 1].rstrip("。;!?\n ")) + self.start
            s0 = self.sentence(max(p - 1, self.start))[0]
        said = self.norm[
            s0 : min(self._next_boundary(self.sent, s0), s0 + SENTENCE_REACH)
        ]
        if self._goal_said(s0):
            return False
        if any(w in said for w in self.cue.result_compared):
            return True
        # news that opens on a part of the year's results and sets out no goals reports
        # results in its sentences that neither ask nor plan ("二是制造业增速较快。完成
        # 产值20243亿元,增长10.7%")
        return self._results_news() and not FORWARD_WORDS.search(said)

    def _measured(self, c: Candidate) -> bool:
        """ "增长8.9%,比全年10%的目标低1.1个百分点": a result measured against a goal its
        clause names, or the gap between them; not a goal (a bound or commitment)."""
        if "_against" not in self.__dict__:
            rel, goal = map(
                alternation, (self.cue.measured_against, self.cue.goal_before)
            )
            self.__dict__["_against"] = re.compile(f"(?:{rel})[^,;。]*?(?:{goal})")
        against = self.__dict__["_against"]
        cl0, cl1 = self.clause_of(c.start)
        head = self.norm[cl0 : c.start]
        if self._goal_worded(c, None) or c.post_comparator or self._committed(head):
            return False
        if against.search(head):
            return True  # the gap: "比全年10%的目标低1.1个百分点"
        if cl1 >= self.end or self.norm[cl1] != ",":
            return False
        return bool(
            against.match(self.norm, cl1 + 1, self._next_boundary(self.sent, cl1 + 1))
        )
