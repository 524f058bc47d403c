"""An Atom feed of newly published documents and changed targets (Django's syndication
framework): what a journalist or researcher follows to hear of new numbers."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from plans import formatting as fmt
from plans import models as m

DOCUMENTS = 20
CHANGES = 40


@dataclass
class Entry:
    title: str
    description: str
    link: str
    when: datetime
    guid: str


def _value(record) -> str:
    return fmt.display(
        comparator=record.comparator,
        value=record.value,
        value_max=record.value_max,
        written=record.value_text,
        unit=record.unit,
        missing=record.value_missing,
    )


def entries() -> list[Entry]:
    """Published documents and the latest changes to the value of a published row,
    newest first. Queries: documents, row history, the changed rows' documents."""
    out = [
        Entry(
            title=_("新发布：%(title)s") % {"title": d.title},
            description=_("%(region)s，%(year)s年，%(kind)s。")
            % {
                "region": fmt.region_name(d.region.name, d.region.name_en),
                "year": d.year or "?",
                "kind": d.get_kind_display(),
            },
            link=d.get_absolute_url(),
            when=d.published_at,
            guid=f"document-{d.pk}-{d.published_at.isoformat()}",
        )
        for d in m.Document.objects.published()
        .filter(published_at__isnull=False)
        .select_related("region")
        .order_by("-published_at")[:DOCUMENTS]
    ]
    published = m.Document.objects.published().values("pk")
    records = list(
        m.Target.history.filter(history_type="~", document_id__in=published)
        .exclude(review_status=m.Target.ReviewStatus.REJECTED)
        .order_by("-history_date", "-history_id")[:CHANGES]
    )
    for record in records:
        before = record.prev_record
        if before is None or _value(before) == _value(record):
            continue  # a change of review state or mapping, not of the number
        out.append(
            Entry(
                title=_("目标变动：%(subject)s %(before)s → %(after)s")
                % {
                    "subject": record.subject,
                    "before": _value(before),
                    "after": _value(record),
                },
                description=record.quote,
                link=reverse("plans:target", args=[record.id]),
                when=record.history_date,
                guid=f"change-{record.history_id}",
            )
        )
    return sorted(out, key=lambda e: e.when, reverse=True)


class UpdatesFeed(Feed):
    feed_type = Atom1Feed
    link = "/"

    def title(self):
        return _("目标 Mubiao：新发布的文件和变动的目标")

    def subtitle(self):
        return _("每个数字均注明出处；原文缺失的数字标为缺失，不作推测。")

    def items(self):
        return entries()

    def item_title(self, item: Entry) -> str:
        return item.title

    def item_description(self, item: Entry) -> str:
        return item.description

    def item_link(self, item: Entry) -> str:
        return item.link

    def item_pubdate(self, item: Entry) -> datetime:
        return item.when

    def item_updateddate(self, item: Entry) -> datetime:
        return item.when

    def item_guid(self, item: Entry) -> str:
        return item.guid

    item_guid_is_permalink = False
