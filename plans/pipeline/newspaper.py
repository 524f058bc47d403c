"""A newspaper page of several articles (本报讯 under each headline): the articles that
report no plan, report or meeting of a government are set aside like page chrome.

A digital edition's page ("黑龙江日报 第01版") carries the plan's report beside an ice
festival's visitors or an oil field's output: those figures are news, not targets.
"""

from __future__ import annotations

import re
from functools import cache

from plans.pipeline import lexicon
from plans.pipeline.source_text import Line

# an article's lead: "本报讯", "本报26日讯", "本报哈尔滨1月25日讯", "本报记者 王明 报道",
# "新华社哈尔滨1月25日电"
_LEAD = re.compile(
    r"^\s*(?:本[报刊][^。\n]{0,12}?讯|本报记者[^。\n]{0,16}?报道|"
    r"(?:新华社|中新社)[^。\n]{0,12}?电)"
)


@cache
def _topic(lex: lexicon.Lexicon) -> re.Pattern[str]:
    d = lex.documents
    words = (
        d.naming_signals
        + d.plan_signals
        + d.congress_occasion
        + d.conference_occasion
        + d.article_topics
    )
    return re.compile(lexicon.alternation(words))


def _is_headline(line: Line) -> bool:
    return len(line.text.strip()) <= 40 and not re.search(r"[。;；]", line.text)


def off_topic_articles(lines: list[Line]) -> list[tuple[int, int]]:
    """The spans (of the normalised text) of a page's articles about no plan, report or
    meeting, when the page holds two articles or more; nothing otherwise."""
    heads = [
        i
        for i in range(len(lines) - 1)
        if _is_headline(lines[i]) and _LEAD.match(lines[i + 1].text)
    ]
    if len(heads) < 2:
        return []
    topic = _topic(lexicon.current())
    out = []
    for k, i in enumerate(heads):
        j = heads[k + 1] if k + 1 < len(heads) else len(lines)
        article = "\n".join(line.text for line in lines[i:j])
        if not topic.search(article):
            out.append((lines[i].start, lines[j - 1].end))
    return out
