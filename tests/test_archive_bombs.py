"""Archive and decompression bombs: sizes are measured on the real inflated bytes, never on
what an archive's headers claim, and a refused file costs the worker little memory."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import pytest

from plans.pipeline import formats
from plans.pipeline.decode import SourceError
from tests.bombs import deflated, deflated_zeros, lying_docx, lying_zip, pdf_bomb

ROOT = Path(__file__).resolve().parent.parent
# Peak memory of converting one file, in a fresh interpreter, beyond what imports cost.
MEASURE = """
import json, resource, sys
from plans.pipeline import formats
import docx, pypdf, lxml.etree  # noqa: F401  (imports are not the file's cost)
data = open(sys.argv[1], "rb").read()
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
try:
    formats.convert(data, sys.argv[2])
    code = "ok"
except formats.SourceError as error:
    code = error.code
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"code": code, "grown_mb": (after - before) / 1024}))
"""


def convert_in_subprocess(tmp_path: Path, data: bytes, name: str) -> dict:
    path = tmp_path / name
    path.write_bytes(data)
    done = subprocess.run(
        [sys.executable, "-c", MEASURE, str(path), name],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def small_docx() -> bytes:
    document = docx.Document()
    document.add_paragraph("地区生产总值增长6%以上")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_a_docx_whose_headers_understate_its_size_is_refused_with_little_memory(
    tmp_path,
):
    # 600 MB of real content in a file of well under 1 MB, headers claiming 100 bytes:
    # before the streamed check this grew the worker by more than 1 GB.
    bomb = lying_docx(small_docx(), 600 << 20)
    assert len(bomb) < 1 << 20
    with zipfile.ZipFile(io.BytesIO(bomb)) as archive:
        assert archive.getinfo("word/document.xml").file_size == 100
    result = convert_in_subprocess(tmp_path, bomb, "bomb.docx")
    assert result["code"] == "zip_bomb"
    assert result["grown_mb"] < 200


def test_the_refusal_names_the_real_size_not_the_claimed_one():
    bomb = lying_docx(small_docx(), 3 << 20)
    with pytest.raises(SourceError) as refused:
        formats.convert(bomb, "bomb.docx", max_unpacked=1 << 20)
    assert refused.value.code == "zip_bomb"
    assert "whatever its headers claim" in refused.value.message


def test_overlapping_entries_are_counted_each_time_they_are_unpacked():
    # Three hundred directory entries share one member's data (1 MB each when inflated),
    # each claiming 100 bytes: the archive says 30 KB, unpacking it all makes 300 MB.
    base = [
        (name, *deflated(zipfile.ZipFile(io.BytesIO(small_docx())).read(name)))
        for name in zipfile.ZipFile(io.BytesIO(small_docx())).namelist()
    ]
    shared = ("word/media/image.bin", *deflated_zeros(1 << 20))
    bomb = lying_zip(
        [*base, shared],
        liars=frozenset({"word/media/image.bin"}),
        shared_copies=300,
    )
    with zipfile.ZipFile(io.BytesIO(bomb)) as archive:
        assert sum(member.file_size for member in archive.infolist()) < 1 << 20
    with pytest.raises(SourceError) as refused:
        formats.convert(bomb, "overlap.docx", max_unpacked=50 << 20)
    assert refused.value.code == "zip_bomb"


def test_an_honest_docx_within_the_budget_still_converts():
    text = formats.convert(
        lying_docx(small_docx(), 2 << 20, liars=frozenset()), "a.docx"
    )
    assert text.text.strip() == "地区生产总值增长6%以上"


def test_a_truncated_member_is_refused_as_damaged():
    bomb = lying_docx(small_docx(), 1 << 20)
    with pytest.raises(SourceError) as refused:
        formats.convert(bomb[: len(bomb) // 2] + bomb[-200:], "cut.docx")
    assert refused.value.code in {"corrupt", "zip_bomb"}


def test_a_pdf_whose_pages_share_a_huge_stream_is_refused_quickly(tmp_path):
    bomb = pdf_bomb(pages=200, padding=3 << 20)
    assert len(bomb) < 100_000
    result = convert_in_subprocess(tmp_path, bomb, "bomb.pdf")
    assert result["code"] == "zip_bomb"
    assert result["grown_mb"] < 200


def test_a_pdf_with_one_stream_beyond_the_limit_is_refused(tmp_path):
    result = convert_in_subprocess(
        tmp_path, pdf_bomb(pages=1, padding=70 << 20), "b.pdf"
    )
    assert result["code"] == "zip_bomb"
    assert result["grown_mb"] < 200


@pytest.mark.slow
@pytest.mark.soak
def test_the_largest_accepted_docx_keeps_the_worker_under_200_mb(tmp_path):
    # A real document.xml of about 45 MB (the unpacked budget is 50 MB): python-docx's
    # whole tree needed 350 MB; the streamed reader keeps to a small part of that.
    template = zipfile.ZipFile(io.BytesIO(small_docx()))
    body = template.read("word/document.xml").decode()
    para = "<w:p><w:r><w:t>地区生产总值增长6%以上，粮食产量稳定在200亿斤以上。</w:t></w:r></w:p>"
    cut = body.index("<w:sectPr")
    big = body[:cut] + para * ((45 << 20) // len(para.encode())) + body[cut:]
    members = [
        (name, *deflated(template.read(name)))
        for name in template.namelist()
        if name != "word/document.xml"
    ]
    members.append(("word/document.xml", *deflated(big.encode())))
    data = lying_zip(members, liars=frozenset())
    assert len(data) < formats.DEFAULT_MAX_UNPACKED
    result = convert_in_subprocess(tmp_path, data, "big.docx")
    assert result["code"] == "ok"
    assert result["grown_mb"] < 200
