"""The catalogue has one source, data/catalogue.yaml: the Sector/Indicator tables mirror it,
reloaded by an import only when the file is not the one last mirrored, and shown read-only
in the admin with a note that points to the file."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from plans import models as m
from plans.catalogue_db import file_hash, mirror_catalogue
from plans.importer import import_path
from plans.pipeline import catalogue as cat
from tests.conftest import SEED_FILES

pytestmark = pytest.mark.django_db

CODE = "gdp_growth"


def _name() -> str:
    return m.Indicator.objects.get(code=CODE).name_zh


def test_an_import_reloads_the_catalogue_only_when_its_file_changed():
    import_path(SEED_FILES[1])
    state = m.CatalogueState.objects.get()
    assert state.sha256 == file_hash(cat.DEFAULT_PATH)
    in_file = cat.load_catalogue().indicator(CODE).zh
    assert _name() == in_file
    # A change behind the file's back (no import may ever make it; here it marks
    # whether the next import copied the file again).
    m.Indicator.objects.filter(code=CODE).update(name_zh="未重新载入")

    import_path(SEED_FILES[2])  # the same file as last mirrored: not read again
    assert _name() == "未重新载入"

    # The tables mirror another version of the file than the one in the repository now.
    m.CatalogueState.objects.update(sha256="0" * 64)
    import_path(SEED_FILES[0])
    assert _name() == in_file
    assert m.CatalogueState.objects.get().sha256 == file_hash(cat.DEFAULT_PATH)


def test_an_edited_catalogue_file_is_mirrored_once(tmp_path):
    edited = tmp_path / "catalogue.yaml"
    text = cat.DEFAULT_PATH.read_text(encoding="utf-8")
    in_file = cat.load_catalogue().indicator(CODE).zh
    assert text.count(f"zh: {in_file}\n") == 1, "the test edits one indicator's name"
    edited.write_text(
        text.replace(f"zh: {in_file}\n", "zh: 地区生产总值增速（改）\n"), "utf-8"
    )
    assert mirror_catalogue(cat.DEFAULT_PATH) is not None
    summary = mirror_catalogue(edited)
    assert summary is not None and summary.indicators_updated == 1
    assert _name() == "地区生产总值增速（改）"
    assert mirror_catalogue(edited) is None, "unchanged: not mirrored again"
    assert mirror_catalogue(cat.DEFAULT_PATH).indicators_updated == 1
    assert _name() == in_file


@pytest.mark.parametrize("model", ["indicator", "sector"])
def test_the_admin_shows_the_catalogue_read_only_pointing_to_the_file(client, model):
    mirror_catalogue(cat.DEFAULT_PATH)
    user = get_user_model().objects.create_superuser("boss", password="x-very-long-9")
    client.force_login(user)
    listing = client.get(f"/admin/plans/{model}/").content.decode()
    assert "data/catalogue.yaml" in listing
    assert f"/admin/plans/{model}/add/" not in listing
    obj = (m.Indicator if model == "indicator" else m.Sector).objects.order_by("pk")[0]
    page = client.get(f"/admin/plans/{model}/{obj.pk}/change/")
    assert page.status_code == 200
    assert "data/catalogue.yaml" in page.content.decode()
    refused = client.post(
        f"/admin/plans/{model}/{obj.pk}/change/", {"name_zh": "改名", "code": obj.code}
    )
    assert refused.status_code == 403
    assert type(obj).objects.get(pk=obj.pk).name_zh == obj.name_zh
