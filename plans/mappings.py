"""Officials grow the catalogue: map an unmapped subject to an indicator, or create one.

The file ``data/catalogue.yaml`` is the catalogue's one source. What officials add in the
workspace is a *pending addition* to it, stored until it reaches the file: ``SubjectAlias``
rows, and ``Indicator`` rows without a file entry. ``official_catalogue()`` is the file
catalogue with the pending additions, and is what the mapping uses, so a mapping made once
holds for every row with that subject, and survives re-import and re-extraction. One
action, one transaction, recorded in history.

``pending_additions()`` lists what the file does not hold yet; ``manage.py
export_catalogue --write`` writes it into the file (``pipeline.catalogue_write``), to be
committed to the repository. Once the file names a subject, mirroring the file settles the
``SubjectAlias`` (``catalogue_db.sync_catalogue`` deletes it: the file decides).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from plans import models as m
from plans.pipeline import catalogue as cat
from plans.pipeline.catalogue_write import add_to_catalogue
from plans.pipeline.conversions import unit_as_read
from plans.pipeline.normalise import clean_subject

CODE = re.compile(r"^[a-z][a-z0-9_]{1,62}$")


class MappingError(ValueError):
    """A mapping that cannot be made, said in words for the official."""


def _stored_indicator(
    indicator: m.Indicator, catalogue: cat.Catalogue
) -> cat.Indicator:
    units = {u: Decimal(f) for u, f in (indicator.unit_conversions or {}).items()}
    units.setdefault(indicator.unit, Decimal(1))
    return cat.Indicator(
        code=indicator.code,
        zh=indicator.name_zh,
        en=indicator.name_en,
        sector=indicator.sector.code,
        unit=indicator.unit,
        kind=indicator.kind or cat.LEVEL,
        direction=indicator.direction
        if indicator.direction in cat.DIRECTIONS
        else cat.HIGHER,
        headline=indicator.headline,
        aliases=tuple(indicator.aliases or ()),
        units=units,
    )


# The last catalogue made, with what it was made of: the same file catalogue and the same
# additions give back the same object (and what it built on first use, the suggestions'
# table), so the many refreshes of one command do not rebuild it.
_LAST: tuple[cat.Catalogue, tuple, cat.Catalogue] | None = None


def official_catalogue(catalogue: cat.Catalogue | None = None) -> cat.Catalogue:
    """The file catalogue plus the indicators and aliases officials added (read from the
    database on every call: a catalogue made by another process or request holds)."""
    global _LAST
    base = catalogue or cat.load_catalogue()
    added = [
        _stored_indicator(stored, base)
        for stored in m.Indicator.objects.exclude(
            code__in=list(base.indicators)
        ).select_related("sector")
    ]
    subject_aliases = list(
        m.SubjectAlias.objects.values_list("alias", "indicator__code")
    )
    made_of = (tuple(added), tuple(subject_aliases))
    last = _LAST
    if last is not None and last[0] is base and last[1] == made_of:
        return last[2]
    indicators = dict(base.indicators)
    aliases = dict(base.aliases)
    for indicator in added:
        indicators[indicator.code] = indicator
        for alias in indicator.aliases:
            aliases.setdefault(
                alias, cat.AliasTarget(indicator.code, cat.BASE_DEFINITION)
            )
    for alias, code in subject_aliases:
        if code in indicators:
            # The file wins where it already names the subject (an alias has one owner).
            aliases.setdefault(alias, cat.AliasTarget(code, cat.BASE_DEFINITION))
    made = replace(base, indicators=indicators, aliases=aliases)
    _LAST = (base, made_of, made)
    return made


@dataclass
class PendingAdditions:
    """Officials' additions the catalogue file does not hold yet."""

    indicators: list[cat.Indicator] = field(default_factory=list)  # with their aliases
    aliases: dict[str, list[str]] = field(default_factory=dict)  # file code -> subjects

    def __len__(self) -> int:
        return len(self.indicators) + sum(len(a) for a in self.aliases.values())

    def lines(self) -> list[str]:
        """Each addition in one line, as commands print it."""
        out = [
            f"indicator {i.code} ({i.zh}, {i.unit}, sector {i.sector})"
            + (f" with aliases {', '.join(i.aliases)}" if i.aliases else "")
            for i in self.indicators
        ]
        out += [
            f"alias {alias} -> {code}"
            for code, names in sorted(self.aliases.items())
            for alias in names
        ]
        return out

    def export(self, text: str, *, path: str = "") -> str:
        """The catalogue file's ``text`` with these additions written in."""
        return add_to_catalogue(
            text, indicators=self.indicators, aliases=self.aliases, path=path
        )


def pending_additions(catalogue: cat.Catalogue | None = None) -> PendingAdditions:
    """What officials added in the workspace that ``catalogue`` (the file) lacks: their
    indicators, and the subjects they mapped that the file does not name. A subject the
    file gives another indicator is not pending: the file decides."""
    base = catalogue or cat.load_catalogue()
    pending = PendingAdditions()
    mapped: dict[str, list[str]] = {}
    for alias, code in m.SubjectAlias.objects.order_by("alias").values_list(
        "alias", "indicator__code"
    ):
        if alias not in base.aliases:
            mapped.setdefault(code, []).append(alias)
    for stored in (
        m.Indicator.objects.exclude(code__in=list(base.indicators))
        .select_related("sector")
        .order_by("pk")
    ):
        own = [a for a in stored.aliases or () if a not in base.aliases]
        names = list(dict.fromkeys(own + mapped.pop(stored.code, [])))
        pending.indicators.append(
            replace(_stored_indicator(stored, base), aliases=tuple(names))
        )
    pending.aliases = {code: names for code, names in mapped.items() if names}
    return pending


def subject_of(target: m.Target) -> str:
    """The subject an alias is made of: the row's subject, cleaned as the mapping cleans."""
    return clean_subject(target.subject)


def remap(alias: str):
    """Map again every row whose subject cleans to ``alias``; returns the summary."""
    from plans.refresh import refresh_targets

    pks = [
        t.pk
        for t in m.Target.objects.only("pk", "subject")
        if clean_subject(t.subject) == alias
    ]
    # Through the one refresh path (plans.refresh), as every writer.
    return refresh_targets(m.Target.objects.filter(pk__in=pks))


@transaction.atomic
def map_to_indicator(target: m.Target, indicator: m.Indicator, user) -> m.SubjectAlias:
    """Map ``target``'s subject (and so every row written so) to ``indicator``."""
    alias = subject_of(target)
    if not alias:
        raise MappingError(_("这一行没有主题，无法对应指标；请先编辑主题。"))
    conversions = indicator.unit_conversions or {indicator.unit: "1"}
    if target.unit not in conversions and target.unit != indicator.unit:
        raise MappingError(
            _("单位“%(unit)s”不能换算为指标“%(name)s”的单位（%(units)s）。")
            % {
                "unit": target.unit or "—",
                "name": indicator.name_zh,
                "units": "、".join(conversions),
            }
        )
    existing = cat.load_catalogue().aliases.get(alias)
    if existing is not None and existing.indicator != indicator.code:
        raise MappingError(
            _("主题“%(alias)s”在指标目录文件中已对应指标 %(code)s。")
            % {"alias": alias, "code": existing.indicator}
        )
    made, _created = m.SubjectAlias.objects.update_or_create(
        alias=alias, defaults={"indicator": indicator, "created_by": user}
    )
    remap(alias)
    return made


@transaction.atomic
def create_indicator(
    target: m.Target,
    *,
    code: str,
    name_zh: str,
    name_en: str,
    sector: m.Sector,
    kind: str,
    direction: str,
    user,
) -> m.Indicator:
    """Create an indicator measured in the row's unit and map the row's subject to it."""
    if not CODE.match(code):
        raise MappingError(
            _("代码只能用小写英文字母、数字和下划线，以字母开头（如 new_parks）。")
        )
    if m.Indicator.objects.filter(code=code).exists():
        raise MappingError(_("代码 %(code)s 已被使用。") % {"code": code})
    as_read = unit_as_read(target.unit)  # a page's ％ is the catalogue's %
    if not as_read:
        raise MappingError(_("这一行没有单位，无法新建指标。"))
    if kind not in cat.KINDS:
        raise MappingError(_("指标类型无效。"))
    if kind == cat.GROWTH_RATE and as_read != "%":
        raise MappingError(_("增长率指标的单位必须是 %。"))
    # What the catalogue file accepts, so that the indicator can be written into it.
    unit = cat.load_catalogue().units.get(as_read)
    if unit is None:
        raise MappingError(
            _(
                "单位“%(unit)s”不在指标目录的单位表中，请先在 data/catalogue.yaml 中添加。"
            )
            % {"unit": as_read}
        )
    if kind in (cat.LEVEL, cat.COUNT) and unit.dimension in (
        "percent",
        "percentage_point",
    ):
        raise MappingError(
            _("总量或数量指标不能以“%(unit)s”计量。") % {"unit": as_read}
        )
    indicator = m.Indicator(
        code=code,
        name_zh=name_zh.strip() or subject_of(target),
        name_en=name_en.strip(),
        sector=sector,
        unit=as_read,
        kind=kind,
        direction=direction,
        aliases=[],
        unit_conversions={as_read: "1"},
    )
    indicator._history_user = user
    indicator.save()
    map_to_indicator(target, indicator, user)
    return indicator
