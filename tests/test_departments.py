"""Issue 12: the department register: one department per body, masks only where proven."""

from __future__ import annotations

import pytest

from plans import models as m
from plans.pipeline.departments import RegisterError, load_register, parse_register


def test_every_name_of_a_body_resolves_to_its_register_name():
    register = load_register()
    names = {
        register.resolve(n).name
        for n in ("人社局", "市人社局", "市人力资源和社会保障局", "通辽市人社局")
    }
    assert names == {"市人力资源和社会保障局"}
    assert register.resolve("市场监督管理局").name == "市市场监督管理局"


def test_a_mask_is_repaired_only_when_the_text_writes_the_name_unmasked():
    register = load_register()
    proven = register.resolve("财*局", "……牵头单位：市财政局……")
    assert (proven.name, proven.masked) == ("市财政局", False)
    assert "市财政局" in proven.evidence
    unproven = register.resolve("财*局", "……牵头单位：财*局……")
    assert (unproven.name, unproven.masked) == ("财*局", True)


def test_unknown_names_are_kept_as_written():
    found = load_register().resolve(" 某某专班 ")
    assert (found.name, found.entry, found.masked) == ("某某专班", None, False)


def test_a_name_listed_for_two_bodies_is_an_error():
    text = "departments:\n  - {name: 市甲局, en: A, aliases: [甲局]}\n  - {name: 市乙局, en: B, aliases: [甲局]}\n"
    with pytest.raises(RegisterError, match="甲局"):
        parse_register(text)


@pytest.mark.django_db
def test_departments_on_the_record_and_their_pages(seeded, client):
    names = list(m.Department.objects.values_list("name", flat=True))
    assert "人社局" not in names and "市人社局" not in names
    html = client.get("/departments/").content.decode()
    assert html.count(">市人力资源和社会保障局<") == 1
    # No two departments with rows are one body of the register.
    register = load_register()
    shown = m.Department.objects.filter(target_links__isnull=False).distinct()
    entries = [register.lookup(d.name) for d in shown]
    entries = [e.name for e in entries if e]
    assert len(entries) == len(set(entries))

    # A mask no text proves stays visible and is counted on the departments page.
    masked = shown.filter(masked=True)
    assert all("*" in d.name for d in masked)
    if masked:
        assert 'id="masked-departments"' in html
        assert masked[0].name in html
    # A mask the text proves is repaired: seed 000 masks 财*局; whether it is proven depends on its own text.
    # Seed 000 masks 政 and 军 everywhere; the repair stage proves them from the text
    # (pinned mask set), so 财*局 and 退役*人事务局 are their bodies, written as they were.
    links = m.SectionDepartment.objects.filter(name_as_written__contains="*")
    assert links
    by_written = {k.name_as_written: k.department.name for k in links}
    assert by_written["财*局"] == "市财政局"
    assert by_written["退役*人事务局"] == "市退役军人事务局"
    document = links[0].section.document
    assert document.repairs.filter(repaired="政").exists()
    for link in links:
        assert link.department.masked == ("*" in link.department.name)

    # A department's page lists what it was given in every year it was given something.
    department = m.Department.objects.get(name="市农牧局")
    rows = (
        m.Target.objects.public()
        .filter(department_links__department=department)
        .distinct()
    )
    page = client.get(f"/departments/{department.pk}/").content.decode()
    assert f"{rows.count()} 条目标" in page
    years = sorted({y for y in rows.values_list("year", flat=True) if y})
    assert len(years) >= 2, years  # across years, not one document's
    assert f"{years[0]}–{years[-1]} 年" in page
