"""How to cite one number: a citation line in the reader's language, with its permalink.

The line names what the number is (indicator or subject, year, value as shown), where it
comes from (the document's title as written, its issuing body and date when the source
says them) and the permalink. Pure over a row dict and a document.
"""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _

from plans import formatting as fmt
from plans import models as m


def citation(row: dict, document: m.Document, *, permalink: str) -> str:
    """ "目标 Mubiao：地区生产总值增长，2025年，≥ 6%。据通辽市人民政府《…》（2025年3月9日）。
    <permalink>（访问于 2026-12-03）" or its English."""
    if row.get("indicator_code"):
        name = fmt.localised(row["indicator_zh"], row["indicator_en"])
    else:
        name = row["subject"]
    value = fmt.display_row(row)
    if row.get("qualifier"):
        value = f"{fmt.qualifier_label(row['qualifier'])} {value}"
    # As the pages show it: a year the title lost is given in brackets ([2021]).
    source = _("《%(title)s》") % {"title": document.title_shown or document.title}
    if document.issuer:
        source = _("%(issuer)s%(title)s") % {"issuer": document.issuer, "title": source}
    if document.issued:
        source += _("（%(date)s）") % {"date": document.issued}
    return _(
        "目标 Mubiao：%(name)s，%(year)s年，%(value)s。据%(source)s。%(link)s（访问于 %(today)s）"
    ) % {
        "name": name,
        "year": row.get("year") or "?",
        "value": value,
        "source": source,
        "link": permalink,
        "today": timezone.localdate().isoformat(),
    }
