"""Statistical communiques (统计公报): texts that report a year's results and set nothing.

Their title names the year they report on ("德州市2010年国民经济和社会发展统计公报"); the words
that make a title one are the lexicon's ``documents.results_titles``.
"""

from __future__ import annotations

import re

from plans.pipeline import lexicon
from plans.pipeline.document_year import _Evidence
from plans.pipeline.source_text import YEAR_PATTERN, year_of


def results_evidence(body: str) -> list[_Evidence]:
    """A statistical communique's title ("2010年国民经济和社会发展统计公报"): the year it
    reports on, stated. Empty for any other text."""
    words = lexicon.current().documents.results_titles
    first = body.lstrip().split("\n", 1)[0][:100]
    m = re.search(
        rf"{YEAR_PATTERN}年[^。]{{0,30}}?(?:{lexicon.alternation(words)})", first
    )
    year = year_of(m.group(1)) if m else None
    if m is None or year is None:
        return []
    return [
        _Evidence(
            year,
            3,
            True,
            f"the title says “{m.group(0)}”: a communique reports the results of {year}",
            0,
        )
    ]
