"""Pages a citizen can trust, read and cite: the about page, "last updated", each number's
citation page with its permalink, a document's provenance and review counts, the Atom
feed, the print stylesheet, and the issuing body found in a source's own text."""

from decimal import Decimal
from xml.etree import ElementTree

import pytest
from django.core.cache import cache
from django.db.models import F
from django.utils import timezone

from plans import models as m
from plans.pipeline import provenance
from tests import factories as f

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


def zh(client, url):
    return client.get(url, HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()


def en(client, url):
    client.cookies["django_language"] = "en"
    try:
        return client.get(url).content.decode()
    finally:
        del client.cookies["django_language"]


@pytest.mark.parametrize(
    ("heading", "english"),
    [
        ("一行数据是什么", "What a row is"),
        ("年度如何确定", "How years are set"),
        ("“数字缺失”与“已修复”", "“Number lost” and “repaired”"),
        ("人工核对与机器读取", "Checked by an official, or machine-read only"),
        ("文件之间的不一致", "When documents disagree"),
        ("完成与未完成如何判断", "How met and not met are decided"),
        ("许可与引用", "Licence and how to cite"),
    ],
)
def test_the_about_page_explains_each_rule_in_both_languages(
    tongliao, client, heading, english
):
    assert heading in zh(client, "/about/")
    assert english in en(client, "/about/")


def test_the_about_page_states_the_tolerance_the_product_uses(tongliao, client):
    from plans.pipeline.alignment import ABOUT_TOLERANCE

    share = f"{(ABOUT_TOLERANCE * 100).normalize():f}%"
    assert f"不超过目标值的{share}" in zh(client, "/about/")


def test_every_page_says_when_the_public_data_last_changed(tongliao, client):
    latest = m.Document.objects.published().order_by("-published_at")[0]
    shown = timezone.localtime(latest.published_at).strftime("%Y-%m-%d %H:%M")
    for url in ("/", "/about/", "/indicators/gdp_growth/", "/documents/"):
        html = zh(client, url)
        assert "数据最后更新" in html and shown in html, url
    assert "Data last updated:" in en(client, "/")


def test_last_updated_ignores_changes_to_drafts(tongliao, client):
    before = zh(client, "/").split("数据最后更新")[1][:80]
    draft_row = tongliao["rows"]["draft_gdp"]
    draft_row.value = Decimal("98")
    draft_row.save()
    cache.clear()
    assert zh(client, "/").split("数据最后更新")[1][:80] == before


def test_a_number_has_a_citation_page_with_its_permalink(tongliao, client):
    row = tongliao["rows"]["gdp_2025"]
    document = row.document
    document.issuer = "通辽市人民政府"
    document.issued = "2025年3月9日"
    document.source_url = "https://www.tongliao.gov.cn/plan-2025.html"
    document.save()
    html = zh(client, f"/targets/{row.pk}/")
    permalink = f"http://testserver/targets/{row.pk}/"
    assert f'value="{permalink}"' in html
    assert (
        "目标 Mubiao：地区生产总值增长，2025年，≥ 6%。据通辽市人民政府"
        "《2025年通辽市国民经济和社会发展计划》（2025年3月9日）。" + permalink
    ) in html
    assert 'href="https://www.tongliao.gov.cn/plan-2025.html"' in html
    assert "js/cite.js" in html and "<script>" not in html
    english = en(client, f"/targets/{row.pk}/")
    assert (
        "Cite this number" in english and "Mubiao: GDP growth, 2025, ≥ 6%." in english
    )


def test_a_drafts_number_has_no_citation_page(tongliao, client):
    row = tongliao["rows"]["draft_gdp"]
    assert client.get(f"/targets/{row.pk}/").status_code == 404


def test_every_row_table_links_each_number_to_its_citation(tongliao, client):
    row = tongliao["rows"]["gdp_2025"]
    assert f'href="/targets/{row.pk}/"' in zh(client, "/indicators/gdp_growth/")


def test_a_document_names_its_issuer_date_and_source_or_says_the_source_does_not(
    tongliao, client
):
    document = tongliao["documents"][2021]
    html = zh(client, document.get_absolute_url())
    assert "发布机关" in html and "原文未注明" in html
    assert "原文未注明网址" in html


def test_a_document_shows_which_rows_were_checked_and_which_are_machine_read(
    tongliao, client
):
    row = tongliao["rows"]["gdp_2025"]
    row.review_status = m.Target.ReviewStatus.ACCEPTED
    row.save()
    html = zh(client, row.document.get_absolute_url())
    assert "1 行经工作人员对照原文核对，2 行仅由机器读取、尚未核对" in html
    assert html.count('class="tag reviewed"') == 1
    assert html.count('class="tag machine"') == 2
    english = en(client, row.document.get_absolute_url())
    assert "1 rows checked by an official against the source, 2 machine-read" in english


def test_the_atom_feed_lists_published_documents_and_changed_numbers(tongliao, client):
    row = tongliao["rows"]["gdp_2025"]
    row.value = Decimal("6.5")
    row.value_text = "6.5"
    row.save()
    response = client.get("/feed/")
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ElementTree.fromstring(response.content)
    titles = [e.findtext(f"{ATOM}title") for e in feed.iter(f"{ATOM}entry")]
    assert "新发布：2025年通辽市国民经济和社会发展计划" in titles
    assert "目标变动：地区生产总值增长 ≥ 6% → ≥ 6.5%" in titles
    assert not any("草稿" in t for t in titles)
    links = [e.find(f"{ATOM}link").get("href") for e in feed.iter(f"{ATOM}entry")]
    assert f"http://testserver/targets/{row.pk}/" in links


def test_every_page_links_the_feed_and_a_print_stylesheet(tongliao, client):
    html = zh(client, "/")
    assert 'type="application/atom+xml" href="/feed/"' in html
    assert 'print.css" media="print"' in html


@pytest.mark.parametrize(
    ("head", "issuer"),
    [
        (
            "3月11日,通辽市人民政府印发2025年通辽市国民经济和社会发展计划的通知。",
            "通辽市人民政府",
        ),
        (
            "通辽市人民政府办公室关于印发《重点任务分工方案》的通知",
            "通辽市人民政府办公室",
        ),
        ("索 引 号:E000\n发布机构:赤峰市发展和改革委员会\n", "赤峰市发展和改革委员会"),
        ("2019-03-18 信息来源:市政府办公室 阅读量:", "市政府办公室"),
        ("各旗县市区人民*府:现予下达,请认真贯彻实施。", ""),
    ],
)
def test_the_issuer_is_what_the_text_names_never_a_guess(head, issuer):
    assert provenance.issuer(head) == issuer


def test_a_source_address_is_taken_only_when_written():
    assert provenance.source_url("来源：http://www.tongliao.gov.cn/a/1.html。") == (
        "http://www.tongliao.gov.cn/a/1.html"
    )
    assert provenance.source_url("通辽市人民政府") == ""


def test_a_conflict_names_both_documents_and_links_both_sentences(tongliao, client):
    plan = tongliao["documents"][2025]
    report = f.document(
        "今年主要预期目标：地区生产总值增长5.5%左右。",
        year=2025,
        kind="work_report",
        title="2025年通辽市政府工作报告",
    )
    other = f.target(
        report, "5.5%", indicator=tongliao["gdp"], value="5.5", comparator="左右"
    )
    mine = tongliao["rows"]["gdp_2025"]
    # Pages show a document's title as the importer shows it (title_shown).
    m.Document.objects.update(title_shown=F("title"))
    cache.clear()
    html = zh(client, plan.get_absolute_url())
    note = html.split('id="h-conflicts"')[1].split("</section>")[0]
    assert "《2025年通辽市国民经济和社会发展计划》" in note
    assert "《2025年通辽市政府工作报告》" in note
    assert f'href="#t{mine.pk}"' in note
    assert f'href="/documents/{report.pk}/#t{other.pk}"' in note
    indicator = zh(client, "/indicators/gdp_growth/")
    conflict = indicator.split('class="note-conflict"')[1].split("</li>")[0]
    assert "《2025年通辽市政府工作报告》" in conflict
    assert "《2025年通辽市国民经济和社会发展计划》" in conflict
