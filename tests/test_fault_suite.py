"""The security and fault suite's POST half and its generated uploads (issue 14, item 10).

Every URL of the site (``tests/site_urls.py``, walked from the resolver, admin included) is
POSTed by each role — anonymous, editor, reviewer, admin — with an empty and a junk body:
no server error ever, and nothing of the record changes for anyone but through the
workspace's own forms (which a junk body never satisfies). Generated malformed uploads
(a sample here, 1,000 in `make soak`) never give a server error and never change a row.
"""

from __future__ import annotations

import io
import random
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from plans import models as m
from plans.workspace.models import ImportJob, PendingRevision
from tests.conftest import SEED_FILES
from tests.site_urls import site_urls
from tests.test_workspace import memory_queue

ROLES = ["anonymous", "editor", "reviewer", "admin"]


def _record() -> tuple:
    """What a POST must not change: every row of the record, as counts and versions."""
    return (
        m.SourceFile.objects.count(),
        m.Document.objects.count(),
        sorted(m.Document.objects.values_list("pk", "status", "year", "title")),
        m.Target.objects.count(),
        sorted(
            m.Target.objects.values_list(
                "pk", "version", "review_status", "value", "indicator_id"
            )
        ),
        m.Target.history.count(),
        m.Region.objects.count(),
        m.Department.objects.count(),
        PendingRevision.objects.count(),
    )


@pytest.fixture
def users(make_user, django_user_model):
    admin = django_user_model.objects.create_superuser(
        "admin1", password="correct horse battery 9"
    )
    return {
        "anonymous": None,
        "editor": make_user("editor1", "editor"),
        "reviewer": make_user("reviewer1", "reviewer"),
        "admin": admin,
    }


JUNK = {
    "action": "publish",
    "version": "1",
    "value": "9" * 40,
    "rows": ["1:999", "x"],  # a stale version: refused
    "year": "99999",
    "next": "https://evil.example/",
    "files": "",
    "id": str(2**70),
}


@pytest.mark.parametrize(
    "role",
    # Each role's walk takes tens of seconds: anonymous in make test, all in make soak.
    [
        role if role == "anonymous" else pytest.param(role, marks=pytest.mark.soak)
        for role in ROLES
    ],
)
def test_every_url_posted_by_every_role_gives_no_error_and_changes_nothing(
    client, seeded, users, role
):
    ImportJob.objects.create(name="a.txt", status="failed")
    if users[role] is not None:
        client.force_login(users[role])
    before = _record()
    urls = [u for u in site_urls() if not u.startswith("/accounts/logout")]
    assert len(urls) > 40
    failures = []
    for url in urls:
        for body in ({}, JUNK):
            response = client.post(url, body)
            if response.status_code >= 500:
                failures.append((url, response.status_code))
            if role == "anonymous" and url.startswith(("/workspace/", "/admin/")):
                assert response.status_code in {302, 400, 403, 404, 405}, url
                if response.status_code == 302:
                    assert (
                        "/login" in response["Location"]
                        or "login" in (response["Location"])
                    ), url
    assert failures == []
    # Junk never satisfies a form: for every role, the record is as it was (queued
    # re-extractions aside, which change no row until they run).
    assert _record() == before


# --- generated malformed uploads ------------------------------------------------------

GOOD = SEED_FILES[0].read_bytes()


def _zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


def malformed(seed: int) -> tuple[str, bytes]:
    """One malformed upload, reproducible from its seed."""
    rnd = random.Random(seed)
    kind = rnd.randrange(12)
    size = rnd.randrange(0, 4000)
    noise = rnd.randbytes(size)
    chunk = GOOD[: rnd.randrange(1, 3000)]
    ext = rnd.choice([".txt", ".docx", ".pdf", ".TXT", "", ".doc", ".txt.exe"])
    if kind == 0:
        data = noise
    elif kind == 1:  # text with bytes valid in no encoding we read, in the middle
        cut = rnd.randrange(len(chunk) + 1)
        data = chunk[:cut] + b"\xff\xff\x80" + chunk[cut:]
    elif kind == 2:  # NULs and controls sprinkled into text
        data = bytes(
            b if rnd.random() > 0.05 else rnd.choice(b"\x00\x01\x1b") for b in chunk
        )
    elif kind == 3:  # a zip that is no .docx, or a .docx without its document
        data = _zip({rnd.choice(["a.txt", "word/x.xml", "[Content_Types].xml"]): noise})
    elif kind == 4:  # a .docx whose XML is broken
        data = _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": noise})
    elif kind == 5:  # a truncated zip
        whole = _zip({"word/document.xml": GOOD})
        data = whole[: rnd.randrange(1, len(whole))]
    elif kind == 6:  # a PDF header and junk
        data = b"%PDF-1." + bytes([48 + rnd.randrange(8)]) + b"\n" + noise
    elif kind == 7:  # byte-order marks that lie
        data = rnd.choice([b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"]) + noise
    elif kind == 8:  # UTF-16 with an odd byte count
        data = b"\xff\xfe" + chunk.decode("utf-8", "ignore").encode("utf-16-le")[:-1]
    elif kind == 9:  # one endless line of digits and punctuation, no region named
        data = "".join(rnd.choice("0123456789.,%万亿") for _ in range(size)).encode()
    elif kind == 10:  # whitespace only
        data = rnd.choice([b" ", b"\r\n", b"\t", "\u3000".encode()]) * rnd.randrange(
            1, 500
        )
    else:  # an image renamed
        data = (
            rnd.choice([b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff\xe0", b"GIF89a"]) + noise
        )
    return f"upload-{seed}{ext}", data


def _plan_rows() -> tuple[int, int, int]:
    return (
        m.SourceFile.objects.count(),
        m.Document.objects.count(),
        m.Target.objects.count(),
    )


def _upload_all(client, seeds, django_capture_on_commit_callbacks) -> None:
    before = _plan_rows()
    errors = []
    for queue in memory_queue():
        for seed in seeds:
            name, data = malformed(seed)
            with django_capture_on_commit_callbacks(execute=True):
                response = client.post(
                    reverse("workspace:upload"),
                    {"files": [SimpleUploadedFile(name, data)]},
                )
            if response.status_code >= 500:
                errors.append((seed, response.status_code))
            queue.drain()
    assert errors == []
    failed_inside = ImportJob.objects.filter(error_code="internal")
    assert list(failed_inside.values_list("name", "message")) == []
    assert _plan_rows() == before


def test_generated_malformed_uploads_a_sample(
    client, db, make_user, django_capture_on_commit_callbacks
):
    client.force_login(make_user("editor1", "editor"))
    _upload_all(client, range(60), django_capture_on_commit_callbacks)


@pytest.mark.soak
def test_a_thousand_generated_malformed_uploads(
    client, db, make_user, django_capture_on_commit_callbacks
):
    client.force_login(make_user("editor1", "editor"))
    _upload_all(client, range(1000, 2000), django_capture_on_commit_callbacks)
