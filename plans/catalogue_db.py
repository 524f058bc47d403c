"""The indicator catalogue: one source, ``data/catalogue.yaml``; the tables mirror it.

``Sector`` and ``Indicator`` are a read-only mirror of the file (the admin shows them but
cannot change them); the only other entries are officials' pending additions
(``plans.mappings``), which ``manage.py export_catalogue --write`` writes into the file. ``mirror_catalogue`` writes the file's sectors and indicators into the
tables (update in place, never delete: rows point at them) and records the file's SHA-256
in ``CatalogueState``; import calls it and it does nothing while the hash is unchanged.
``current_catalogue`` is the parsed file, read once per process while the file is unchanged,
so a command that refreshes thousands of rows reads the YAML once.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.db import transaction

from plans import models as m
from plans.bulk_writes import add_history, insert_objects
from plans.cache import bump_version
from plans.pipeline import catalogue as cat

_CACHE: dict[str, tuple[str, cat.Catalogue]] = {}


def file_hash(path: str | Path = cat.DEFAULT_PATH) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def current_catalogue(path: str | Path = cat.DEFAULT_PATH) -> cat.Catalogue:
    """The parsed catalogue file, parsed again only when its bytes changed."""
    key = str(Path(path).resolve())
    digest = file_hash(path)
    cached = _CACHE.get(key)
    if cached is None or cached[0] != digest:
        _CACHE[key] = (digest, cat.load_catalogue(path))
    return _CACHE[key][1]


@dataclass
class SyncSummary:
    sectors_created: int = 0
    sectors_updated: int = 0
    sectors_unchanged: int = 0
    indicators_created: int = 0
    indicators_updated: int = 0
    indicators_unchanged: int = 0
    not_in_file: list[str] = field(default_factory=list)  # officials' (pending), kept
    aliases_settled: list[str] = field(default_factory=list)  # now named by the file

    def describe(self) -> str:
        text = (
            f"sectors: {self.sectors_created} new, {self.sectors_updated} updated, "
            f"{self.sectors_unchanged} unchanged; indicators: {self.indicators_created} "
            f"new, {self.indicators_updated} updated, {self.indicators_unchanged} unchanged"
        )
        if self.not_in_file:
            text += (
                "; officials' indicators not in the file yet (kept, pending "
                f"`manage.py export_catalogue`): {', '.join(self.not_in_file)}"
            )
        if self.aliases_settled:
            text += (
                "; officials' subject mappings the file now decides (removed): "
                f"{', '.join(self.aliases_settled)}"
            )
        return text


def _definition_json(definition: cat.Definition) -> dict:
    return {
        "code": definition.code,
        "zh": definition.zh,
        "en": definition.en,
        "aliases": list(definition.aliases),
        "since": definition.since,
        "until": definition.until,
        "by_year": definition.by_year,
        "effective_year": definition.effective_year,
        "note_zh": definition.note_zh,
        "note_en": definition.note_en,
    }


def _indicator_fields(indicator: cat.Indicator, sector: m.Sector) -> dict:
    return {
        "name_zh": indicator.zh,
        "name_en": indicator.en,
        "sector": sector,
        "unit": indicator.unit,
        "kind": indicator.kind,
        "direction": indicator.direction,
        "headline": indicator.headline,
        "aliases": list(indicator.aliases),
        "unit_conversions": {u: str(f) for u, f in indicator.units.items()},
        "definition_changes": [_definition_json(d) for d in indicator.definitions],
    }


def _save_if_changed(instance, values: dict) -> bool:
    changed = [k for k, v in values.items() if getattr(instance, k) != v]
    for key in changed:
        setattr(instance, key, values[key])
    if changed:
        instance.save()
    return bool(changed)


@transaction.atomic
def sync_catalogue(catalogue: cat.Catalogue) -> SyncSummary:
    """Create or update every sector and indicator of ``catalogue``; delete nothing."""
    summary = SyncSummary()
    sectors = {s.code: s for s in m.Sector.objects.all()}
    for sector in catalogue.sectors.values():
        values = {"name_zh": sector.zh, "name_en": sector.en, "order": sector.order}
        stored = sectors.get(sector.code)
        if stored is None:
            sectors[sector.code] = m.Sector.objects.create(code=sector.code, **values)
            summary.sectors_created += 1
        elif _save_if_changed(stored, values):
            summary.sectors_updated += 1
        else:
            summary.sectors_unchanged += 1

    indicators = {i.code: i for i in m.Indicator.objects.all()}
    created = []
    for indicator in catalogue.indicators.values():
        values = _indicator_fields(indicator, sectors[indicator.sector])
        stored = indicators.get(indicator.code)
        if stored is None:
            created.append(m.Indicator(code=indicator.code, **values))
            summary.indicators_created += 1
        elif _save_if_changed(stored, values):
            summary.indicators_updated += 1
        else:
            summary.indicators_unchanged += 1
    # A fresh database gets the whole catalogue: in bulk, each with its history record.
    insert_objects(created, ("code",), m.Indicator.objects.all())
    add_history(created, m.Indicator)
    if created:
        bump_version()
    summary.not_in_file = sorted(set(indicators) - set(catalogue.indicators))
    # An official's subject mapping the file now names (exported, or decided otherwise
    # by an editor) is the file's: the stored one goes, so the file is the one source.
    for alias in m.SubjectAlias.objects.order_by("alias"):
        if alias.alias in catalogue.aliases:
            summary.aliases_settled.append(alias.alias)
            alias.delete()
    return summary


@transaction.atomic
def mirror_catalogue(
    path: str | Path = cat.DEFAULT_PATH, *, force: bool = False
) -> SyncSummary | None:
    """Mirror the file into the tables when its hash changed (or ``force``); None when
    the tables already mirror this very file."""
    digest = file_hash(path)
    state = m.CatalogueState.objects.select_for_update().first()
    if state is not None and state.sha256 == digest and not force:
        return None
    summary = sync_catalogue(current_catalogue(path))
    if state is None:
        m.CatalogueState.objects.create(sha256=digest)
    else:
        state.sha256 = digest
        state.save()
    return summary


def stored_catalogue() -> cat.Catalogue:
    """The catalogue as the tables hold it (each indicator in its own unit only).

    For rows made directly through the models (test factories), whose indicators need
    not come from the file."""
    indicators = {}
    aliases = {}
    for stored in m.Indicator.objects.select_related("sector"):
        indicator = catalogue_indicator(stored)
        units = {stored.unit: Decimal(1)} | {
            unit: Decimal(str(factor))
            for unit, factor in (stored.unit_conversions or {}).items()
        }
        indicators[stored.code] = replace(indicator, units=units)
        for alias in {stored.name_zh, *(stored.aliases or [])}:
            aliases[alias] = cat.AliasTarget(stored.code, cat.BASE_DEFINITION)
        for definition in indicator.definitions:
            for alias in definition.aliases:
                aliases[alias] = cat.AliasTarget(stored.code, definition.code)
    sectors = {
        s.code: cat.Sector(code=s.code, zh=s.name_zh, en=s.name_en, order=s.order)
        for s in m.Sector.objects.all()
    }
    return cat.Catalogue(
        version=1, units={}, sectors=sectors, indicators=indicators, aliases=aliases
    )


def definitions_of(raw: Any) -> list[cat.Definition]:
    """The definition variants stored on an indicator (``Indicator.definition_changes``)."""
    out = []
    for item in raw or []:
        if not isinstance(item, dict) or not item.get("code"):
            continue
        since, until = item.get("since"), item.get("until")
        if since is None and until is None:
            continue
        out.append(
            cat.Definition(
                code=str(item["code"]),
                zh=str(item.get("zh", "")),
                en=str(item.get("en", "")),
                aliases=tuple(item.get("aliases") or ()),
                since=since,
                until=until,
                by_year=bool(item.get("by_year")),
                note_zh=str(item.get("note_zh", "")),
                note_en=str(item.get("note_en", "")),
            )
        )
    return out


def catalogue_indicator(indicator: m.Indicator) -> cat.Indicator:
    """The stored indicator as the alignment module's catalogue entry."""
    return cat.Indicator(
        code=indicator.code,
        zh=indicator.name_zh,
        en=indicator.name_en,
        sector=indicator.sector.code if indicator.sector_id else "",
        unit=indicator.unit,
        kind=indicator.kind,
        direction=indicator.direction,
        headline=indicator.headline,
        aliases=tuple(indicator.aliases or ()),
        units={},
        definitions=tuple(definitions_of(indicator.definition_changes)),
    )
