"""Decoding source bytes: encodings are detected, bad files are refused with a reason."""

import codecs

import pytest

from plans.pipeline.decode import SourceError, decode_source
from tests.conftest import SEED_FILES

SEED_TEXT = SEED_FILES[2].read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (SEED_TEXT.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + SEED_TEXT.encode("utf-8"), "utf-8-sig"),
        (SEED_TEXT.encode("gb18030"), "gb18030"),
        (SEED_TEXT.encode("utf-16"), "utf-16"),
        (SEED_TEXT.encode("utf-16-le"), "utf-16-le"),
        (SEED_TEXT.encode("utf-16-be"), "utf-16-be"),
    ],
)
def test_every_common_chinese_encoding_decodes_to_the_same_text(data, encoding):
    decoded = decode_source(data)
    assert decoded.text == SEED_TEXT
    assert decoded.encoding == encoding


def test_gbk_text_is_read_as_gb18030():
    text = "地区生产总值增长6%以上，城镇登记失业率控制在4.5%以内。"
    assert decode_source(text.encode("gbk")).text == text


def test_the_hash_is_of_the_bytes_not_the_text():
    utf8 = decode_source(SEED_TEXT.encode("utf-8"))
    gb = decode_source(SEED_TEXT.encode("gb18030"))
    assert utf8.text == gb.text
    assert utf8.sha256 != gb.sha256


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"", "empty"),
        (b"  \n\r\n ", "empty"),
        (codecs.BOM_UTF8, "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01", "binary"),
        (b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00" * 20, "binary"),
        (bytes(range(128, 256)) * 4, "undecodable"),
        (codecs.BOM_UTF8 + b"\xff\xfe\xfa bad", "undecodable"),
    ],
)
def test_bad_files_are_refused_with_a_reason(data, code):
    with pytest.raises(SourceError) as raised:
        decode_source(data)
    assert raised.value.code == code
    assert raised.value.message
