"""One catalogue source: what officials add in the workspace is a pending addition to
data/catalogue.yaml, shown as such, reported by verify_record, and written into the file by
`manage.py export_catalogue --write`; a database loaded from that file alone maps the rows
as the officials' mappings did."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from plans import models as m
from plans.catalogue_db import current_catalogue, mirror_catalogue
from plans.coverage import unmapped_rows
from plans.importer import import_text
from plans.mappings import (
    create_indicator,
    map_to_indicator,
    official_catalogue,
    pending_additions,
    subject_of,
)
from plans.pipeline import catalogue as cat

pytestmark = pytest.mark.django_db

CODE = "exported_indicator"


def _plain_unmapped(named, units) -> list[m.Target]:
    """Unmapped rows with one plain subject the file does not name, in a known unit."""
    return [
        t
        for t in unmapped_rows().exclude(unit="").exclude(subject="").order_by("pk")
        if not t.subjects
        and not any(c in t.subject for c in "、和及与")
        and subject_of(t)
        and subject_of(t) not in named
        and t.unit in units
    ]


def _officials_map_two_rows(make_user):
    """An official creates an indicator from one row and maps another row's subject to
    an indicator of the file; returns both rows and the file indicator's code."""
    file = cat.load_catalogue()
    editor = make_user("mapper", "reviewer")
    rows = _plain_unmapped(file.aliases, file.units)
    created = rows[0]
    percent = file.units[created.unit].dimension in ("percent", "percentage_point")
    create_indicator(
        created,
        code=CODE,
        name_zh=subject_of(created),
        name_en="Made in the workspace",
        sector=m.Sector.objects.order_by("order").first(),
        kind=cat.RATIO if percent else cat.COUNT,
        direction=cat.HIGHER,
        user=editor,
    )
    mapped, into = next(
        (t, i)
        for t in rows[1:]
        if subject_of(t) != subject_of(created)
        for i in m.Indicator.objects.exclude(code=CODE).order_by("code")
        if t.unit == i.unit or t.unit in (i.unit_conversions or {})
    )
    map_to_indicator(mapped, into, editor)
    return created, mapped, into.code


def test_an_officials_mapping_exported_and_reloaded_into_a_fresh_database_holds(
    seeded, make_user, tmp_path
):
    created, mapped, into = _officials_map_two_rows(make_user)
    created.refresh_from_db()
    mapped.refresh_from_db()
    assert (created.indicator.code, mapped.indicator.code) == (CODE, into)

    # Pending: in force, but not in the file; said so by verify_record.
    pending = pending_additions(current_catalogue())
    assert [i.code for i in pending.indicators] == [CODE]
    assert pending.indicators[0].aliases == (subject_of(created),)
    assert pending.aliases == {into: [subject_of(mapped)]}
    out = StringIO()
    call_command("verify_record", stdout=out)
    report = out.getvalue()
    assert "record consistent" in report
    assert "2 addition(s) by officials not in data/catalogue.yaml" in report
    assert f"alias {subject_of(mapped)} -> {into}" in report

    # Exported into a copy of the file: a dry run writes nothing, --write does.
    path = tmp_path / "catalogue.yaml"
    original = cat.DEFAULT_PATH.read_text(encoding="utf-8")
    path.write_text(original, encoding="utf-8")
    out = StringIO()
    call_command("export_catalogue", str(path), stdout=out)
    assert "dry run" in out.getvalue() and f"+  - {{code: {CODE}," in out.getvalue()
    assert path.read_text(encoding="utf-8") == original
    call_command("export_catalogue", str(path), "--write", stdout=StringIO())
    written = cat.load_catalogue(path)
    assert written.aliases[subject_of(created)].indicator == CODE
    assert written.aliases[subject_of(mapped)].indicator == into
    assert not pending_additions(written), "the file holds every addition"
    assert not m.SubjectAlias.objects.exists(), "loading the file settled the mappings"

    # A fresh database, loaded from that file alone: the same indicator for each row.
    spans = {
        (t.document.source_id, t.start, t.end): t.indicator.code
        for t in (created, mapped)
    }
    sources = [m.SourceFile.objects.get(pk=pk) for pk in {k[0] for k in spans}]
    m.Document.objects.all().delete()
    m.Indicator.objects.all().delete()
    m.Sector.objects.all().delete()
    m.CatalogueState.objects.all().delete()
    assert mirror_catalogue(path, force=True) is not None
    catalogue = official_catalogue(current_catalogue(path))
    for source in sources:
        import_text(
            source.text,
            name=source.name,
            sha256=source.sha256,
            size=source.size,
            encoding=source.encoding,
            publish=True,
            catalogue=catalogue,
        )
    again = {
        key: m.Target.objects.get(
            document__source_id=key[0], start=key[1], end=key[2]
        ).indicator.code
        for key in spans
    }
    assert again == spans


def test_pending_additions_are_shown_read_only_in_the_admin_and_the_workspace(
    seeded, make_user, client
):
    created, mapped, into = _officials_map_two_rows(make_user)
    boss = m.Indicator._meta.apps.get_model("auth", "User").objects.create_superuser(
        "boss", password="x-very-long-9"
    )
    client.force_login(boss)
    listing = client.get("/admin/plans/subjectalias/").content.decode()
    assert "export_catalogue --write" in listing
    assert subject_of(mapped) in listing
    assert "/admin/plans/subjectalias/add/" not in listing
    alias = m.SubjectAlias.objects.get(alias=subject_of(mapped))
    refused = client.post(
        f"/admin/plans/subjectalias/{alias.pk}/change/",
        {"alias": "改过", "indicator": alias.indicator_id},
    )
    assert refused.status_code == 403
    assert m.SubjectAlias.objects.get(pk=alias.pk).alias == subject_of(mapped)
    # Indicators: the file's and the officials' alike read-only; which is which shown.
    indicators = client.get("/admin/plans/indicator/?q=" + CODE).content.decode()
    assert CODE in indicators and 'alt="False"' in indicators
    made = m.Indicator.objects.get(code=CODE)
    refused = client.post(
        f"/admin/plans/indicator/{made.pk}/change/", {"name_zh": "改名", "code": CODE}
    )
    assert refused.status_code == 403

    queue = client.get("/workspace/unmapped/").content.decode()
    assert "data/catalogue.yaml" in queue and "export_catalogue --write" in queue
    assert f"<code>{CODE}</code>" in queue and f"<code>{into}</code>" in queue


def test_an_indicator_in_a_unit_the_file_lacks_is_refused(seeded, make_user):
    from plans.mappings import MappingError

    file = cat.load_catalogue()
    target = unmapped_rows().exclude(unit="").order_by("pk").first()
    target.unit = "某单位"
    with pytest.raises(MappingError, match="单位表"):
        create_indicator(
            target,
            code="odd_unit",
            name_zh="某",
            name_en="",
            sector=m.Sector.objects.first(),
            kind=cat.COUNT,
            direction=cat.HIGHER,
            user=make_user("mapper", "reviewer"),
        )
    assert "某单位" not in file.units
    assert not m.Indicator.objects.filter(code="odd_unit").exists()
