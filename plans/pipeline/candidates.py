"""Every number of a document that may be a row, with the unit written after it.

``Candidates.candidates()`` lists the numerals ``numbers.find_numbers`` finds, each with its
unit (``units.match_unit``) and the comparator after it, keeps those the rules of
``quantities`` and ``counted_in_words`` accept, adds the lost numbers, and drops overlaps.
"""

from __future__ import annotations

import bisect
import re

from plans.pipeline import units as U
from plans.pipeline.clauses import Candidate
from plans.pipeline.lost_numbers import LostNumbers
from plans.pipeline.numbers import (
    ARABIC,
    CHINESE,
    FRACTION,
    LOST,
    RANGE,
    Numeral,
    find_numbers,
    to_decimal,
)

# A figure named again: "表1中的8.1%增速", "…7.5%左右的目标,考虑了…".
_TABLE_REFERENCE = re.compile(r"(?:表|附表)[0-9一二三四五六七八九十]+中?的?$")
_GOAL_AFTER = re.compile(r"的(?:预期|年度|增长|增速)?目标")


class Candidates(LostNumbers):
    """The document's numbers that may be rows."""

    def candidates(self) -> list[Candidate]:
        out: list[Candidate] = []
        chrome = self.doc.chrome
        chrome_starts = [a for a, _ in chrome]
        for num in find_numbers(self.norm, self.start, self.end):
            k = bisect.bisect_right(chrome_starts, num.start) - 1
            if k >= 0 and num.start < chrome[k][1]:
                continue  # page chrome: a posting time, a view count
            c = self._from_numeral(num)
            if c is not None:
                if c.unit and U.base_of(c.unit) in self.cue.text_units:
                    c.context = True  # "报告全文约1.8万字": the length of a text
                out.append(c)
        out.extend(self._lost_numbers())
        out.sort(key=lambda c: (c.start, -c.end))
        kept: list[Candidate] = []
        for c in out:
            if kept and c.start < kept[-1].end:
                continue
            kept.append(c)
        return kept

    def _from_numeral(self, num: Numeral) -> Candidate | None:
        if num.form == CHINESE:
            return self._chinese(num)
        if num.form == FRACTION:
            return self._fraction(num)
        if num.form == LOST and self.dot_stops and self._stop_before(num):
            # "达到1219万平方米.100个新农村…": a full stop, then a whole number
            digits = num.text[1:]
            num = Numeral(num.start + 1, num.end, ARABIC, digits, to_decimal(digits))
        unit, uend = self._unit_after(num.end)
        if num.form == RANGE and not unit and "%" in num.text:
            unit = "%"
        named, named_end = "", 0
        if not unit and num.form == ARABIC:
            named, named_end = self.table_unit(
                num.start, num.end
            )  # "城镇化率(%)  43.5"
            if named and U.match_unit(named, 0) != named:
                named, named_end = "", 0
        value, vmax = num.value, num.value_max
        c = Candidate(num.start, num.end, uend, num.form, num.text, value, vmax, unit)
        if named:
            c.unit, c.unit_end = named, named_end
        if num.form == LOST:
            if not unit:
                return None
            c.missing, c.value = True, None
        self._post(c)
        if not self._keep_arabic(c):
            return None
        return c

    def _stop_before(self, num: Numeral) -> bool:
        """In a text ending sentences with ".", whether ".100个" starts a sentence.

        It does after a finished statement ("…1219万平方米.100个"), and before a count no
        decimal can be ("个", "所"); ".6亿元" after "投资" lost its leading digits.
        """
        if len(num.text) > 3:
            return True
        unit, _ = self._unit_after(num.end)
        if unit and U.base_of(
            unit
        ) not in self.units.money + self.units.capacity + self.units.area + ("%",):
            if not unit.startswith(U.magnitudes()):
                return True
        before = self.before(num.start, 10)
        m = re.search(r"[0-9]([^0-9]{0,6})$", before)
        if m:
            tail = m.group(1)
            for word, _ in self.lex.after_number.items():
                tail = tail.removesuffix(word)
            return U.match_unit(tail, 0) == tail
        return False

    def _estimated(self, c: Candidate) -> bool:
        """Whether an estimate cue (预计) stands before ``c`` in its sentence."""
        s0 = max(self.sentence(c.start)[0], c.start - 200)
        return any(w in self.norm[s0 : c.start] for w in self.cue.estimate)

    def _restates(self, c: Candidate, earlier: set[tuple[str, str]]) -> bool:
        """A figure quoted again to explain it: "增长7.5%左右的目标,考虑了…", "表1中的8.1%"."""
        if _TABLE_REFERENCE.search(self.before(c.start, 6)):
            return True
        if not _GOAL_AFTER.match(self.norm, c.after):
            return False
        cl0, _ = self.clause_of(c.start)
        if any(w in self.norm[cl0 : c.start] for w in self.cue.relation_leading):
            # "高于年初人代会12%的目标": a goal a result is measured against
            return False
        return (c.value_text, c.unit) in earlier
