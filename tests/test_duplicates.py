"""The same text is stored once: duplicates are found on the normalised text (encoding,
NFKC, line ends, whitespace), through the command line, within one upload and between
jobs, and the refusal names the document already stored and links to it (issue 14, 4)."""

from __future__ import annotations

import codecs
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from plans import models as m
from plans.pipeline.decode import decode_source, text_fingerprint
from plans.workspace.models import ImportJob
from tests.conftest import SEED_FILES
from tests.test_workspace import memory_queue

SEED = SEED_FILES[2]
SEED_TEXT = SEED.read_text(encoding="utf-8")

FULL_WIDTH = str.maketrans("0123456789%", "０１２３４５６７８９％")

# The same text as a clumsy or different tool would save it.
VARIANTS = {
    "gb18030": lambda t: t.encode("gb18030"),
    "utf-16-bom": lambda t: codecs.BOM_UTF16_LE + t.encode("utf-16-le"),
    "utf-8-bom-crlf": lambda t: codecs.BOM_UTF8 + t.replace("\n", "\r\n").encode(),
    "full-width-digits": lambda t: t.translate(FULL_WIDTH).encode(),
    "spacing": lambda t: t.replace("\n", " \n\n\t").encode(),
}


def _counts() -> dict[str, int]:
    return {
        "files": m.SourceFile.objects.count(),
        "documents": m.Document.objects.count(),
        "rows": m.Target.objects.count(),
        "history": m.Target.history.count() + m.Document.history.count(),
    }


@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_every_variant_has_the_fingerprint_of_the_text(variant):
    decoded = decode_source(VARIANTS[variant](SEED_TEXT))
    assert VARIANTS[variant](SEED_TEXT) != SEED_TEXT.encode()
    assert text_fingerprint(decoded.text) == text_fingerprint(SEED_TEXT)


def test_a_changed_digit_is_another_text():
    changed = SEED_TEXT.replace("6", "7", 1)
    assert text_fingerprint(changed) != text_fingerprint(SEED_TEXT)


def test_import_sources_refuses_re_encoded_copies_naming_the_stored_document(
    seeded, tmp_path
):
    stored = m.Document.objects.get(source__name=SEED.name)
    paths = []
    for variant, encode in VARIANTS.items():
        paths.append(tmp_path / f"copy-{variant}.txt")
        paths[-1].write_bytes(encode(SEED_TEXT))
    before = _counts()
    err = io.StringIO()
    with pytest.raises(CommandError, match=f"{len(VARIANTS)} file"):
        call_command(
            "import_sources", *map(str, paths), stdout=io.StringIO(), stderr=err
        )
    refusals = err.getvalue().splitlines()
    assert len(refusals) == len(VARIANTS)
    for path, message in zip(paths, refusals, strict=True):
        assert message.startswith(f"{path}: not imported")
        assert f"already stored as document {stored.pk} " in message
        assert reverse("workspace:document", args=[stored.pk]) in message
        assert SEED.name in message
    assert _counts() == before


def test_a_stored_document_inside_a_bigger_file_is_refused(seeded, tmp_path):
    """A web page's copy: a header before the stored document's text, in GB18030."""
    stored = m.Document.objects.get(source__name=SEED.name)
    path = tmp_path / "page.txt"
    header = "来源：通辽市人民政府网\r\n发布时间：2025-02-10\r\n\r\n"
    path.write_bytes((header + SEED_TEXT.replace("\n", "\r\n")).encode("gb18030"))
    before = _counts()
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_sources", str(path), stdout=io.StringIO(), stderr=err)
    assert f"document {stored.pk} " in err.getvalue()
    assert _counts() == before


def test_two_encodings_in_one_command_store_the_text_once(db, tmp_path):
    first, second = tmp_path / "a.txt", tmp_path / "b.txt"
    first.write_bytes(SEED_TEXT.encode())
    second.write_bytes(VARIANTS["utf-16-bom"](SEED_TEXT))
    err = io.StringIO()
    with pytest.raises(CommandError, match="1 file"):
        call_command(
            "import_sources", str(first), str(second), stdout=io.StringIO(), stderr=err
        )
    assert m.SourceFile.objects.get().name == "a.txt"
    assert "b.txt: not imported" in err.getvalue()


def test_the_same_bytes_again_are_not_a_duplicate(seeded):
    out = io.StringIO()
    call_command("import_sources", str(SEED), stdout=out)
    assert "already imported, nothing changed" in out.getvalue()


# --- uploads -------------------------------------------------------------------------


@pytest.fixture
def queue():
    yield from memory_queue()


@pytest.fixture
def editor(make_user):
    return make_user("editor1", "editor")


def _post(client, *files: tuple[str, bytes]):
    return client.post(
        reverse("workspace:upload"),
        {"files": [SimpleUploadedFile(name, data) for name, data in files]},
    )


def test_two_encodings_in_one_upload_queue_one_job(client, db, editor, queue):
    client.force_login(editor)
    response = _post(
        client,
        ("plan.txt", SEED_TEXT.encode()),
        ("plan-utf16.txt", VARIANTS["utf-16-bom"](SEED_TEXT)),
        ("plan-crlf.txt", VARIANTS["utf-8-bom-crlf"](SEED_TEXT)),
    )
    assert list(ImportJob.objects.values_list("name", flat=True)) == ["plan.txt"]
    page = client.get(response["Location"]).content.decode()
    assert page.count("与同一次上传的“plan.txt”相同") == 2


def test_an_upload_of_stored_text_links_to_the_stored_document(
    client, seeded, editor, queue
):
    stored = m.Document.objects.get(source__name=SEED.name)
    before = _counts()
    client.force_login(editor)
    for variant in ["utf-8-bom-crlf", "full-width-digits", "utf-16-bom"]:
        response = _post(client, ("copy.txt", VARIANTS[variant](SEED_TEXT)))
        page = response.content.decode()
        assert response.status_code == 400, variant
        assert f"已导入的“{stored.title_shown}”相同" in page
        assert f'href="{reverse("workspace:document", args=[stored.pk])}"' in page
    assert _counts() == before
    assert ImportJob.objects.count() == 0


def test_a_second_job_with_the_same_text_fails_and_links_to_the_first(
    client, db, editor, queue, django_capture_on_commit_callbacks
):
    """Two uploads queued before either ran: the import itself refuses the second."""
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        _post(client, ("a.txt", SEED_TEXT.encode()))
        _post(client, ("b.txt", VARIANTS["gb18030"](SEED_TEXT)))
    assert queue.drain() == 2
    first, second = ImportJob.objects.order_by("pk")
    assert (first.status, second.status) == ("done", "failed")
    assert second.error_code == "duplicate_text"
    document = m.Document.objects.get()
    assert second.result["refers_to"]["id"] == document.pk
    page = client.get(second.get_absolute_url()).content.decode()
    assert f'href="{reverse("workspace:document", args=[document.pk])}"' in page
    assert "仅编码或格式不同" in page
    assert m.SourceFile.objects.count() == 1
