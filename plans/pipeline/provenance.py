"""Who issued a document and where it was published, as its own text says.

Pure functions over the head of a document (no Django). Nothing is guessed: a body is named
only when the text names it ("X关于印发…的通知", "X印发…", "发布机构：X", "信息来源：X"), a
web address only when one is written. Blank otherwise; the page then says the source does
not say.
"""

from __future__ import annotations

import re

# "通辽市人民政府办公室关于印发《…》的通知", "通辽市人民政府印发2025年…的通知"
_NOTICE = re.compile(
    r"([\u4e00-\u9fff]{2,24}?(?:人民政府办公室|人民政府办公厅|人民政府|政府办公室|"
    r"发展和改革委员会|发展改革委|委员会|办公室|办公厅))(?:关于)?印发"
)
_LABELLED = re.compile(
    r"(?:发布机构|发文机关|信息来源|来源)\s*[:：]\s*([^\s:：]{2,40})"
)
_URL = re.compile(r"https?://[\w\-./?=&%#:~+]+", re.ASCII)
HEAD = 2000


def issuer(head: str) -> str:
    """The issuing body the text names, or "" when it names none."""
    head = head[:HEAD]
    notice = _NOTICE.search(head)
    if notice:
        return notice.group(1)
    labelled = _LABELLED.search(head)
    return labelled.group(1) if labelled else ""


def source_url(head: str) -> str:
    """The first web address written in the text, or ""."""
    found = _URL.search(head[:HEAD])
    return found.group(0).rstrip(".,;)") if found else ""
