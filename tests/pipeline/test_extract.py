"""Rules of the extraction stage, each on small strings (docs EXTRACTION.md).

Every example is a sentence of the kind the seeds hold, run through ``extract_rows`` with a
hand-made Document, so these tests need neither the segmenter nor a database.
"""

from __future__ import annotations

import unicodedata
from decimal import Decimal

import pytest

from plans.pipeline.extract import extract_rows
from plans.pipeline.run import row_to_dict
from plans.pipeline.types import (
    ACTUAL,
    CONTEXT,
    LEAD,
    PLAN,
    TARGET,
    WORK_REPORT,
    DepartmentRef,
    Document,
    Repair,
    Section,
)


def rows(text: str, kind: str = PLAN, year: int | None = 2021, **doc) -> list[dict]:
    document = Document(
        start=0, end=len(text), title="", kind=kind, region="通辽市", year=year
    )
    for name, value in doc.items():
        setattr(document, name, value)
    return [row_to_dict(r) for r in extract_rows(text, document)]


def written(text: str, **kw) -> list[str]:
    """The spans of the rows, as written in the text."""
    return [text[r["start"] : r["end"]] for r in rows(text, **kw)]


def only(text: str, **kw) -> dict:
    found = rows(text, **kw)
    assert len(found) == 1, [(r["value_text"], r["unit"]) for r in found]
    return found[0]


# ------------------------------------------------------------------ values and units


@pytest.mark.parametrize(
    "text, value, unit",
    [
        ("新增城镇就业1.5万人。", 1.5, "万人"),
        ("新增城镇就业１．５万人。", 1.5, "万人"),
        ("新建5G基站1,200个。", 1200, "个"),
        ("粮食总产量突破200亿斤。", 200, "亿斤"),
        ("提高10个百分点。", 10, "个百分点"),
        ("确保年内实现2.78万建档立卡贫困人口稳定脱贫。", 2.78, "万"),
        ("紧密型农企联结带动33万农牧户。", 33, "万"),
        ("启动建设城市展览馆等10大公建项目。", 10, "大"),
        ("实现一般企业投资项目开工前审批最多30办结。", 30, ""),
        ("新增农业节水2.5亿立方米以上。", 2.5, "亿立方米"),
        ("开展创业培训1000人次。", 1000, "人次"),
        ("PM2.5平均浓度控制在28微克/立方米以下。", 28, "微克/立方米"),
        ("落实周转过渡房3000余套。", 3000, "套"),
        ("集装箱吞吐量达到100万TEU。", 100, "万TEU"),
        ("新增变电容量120万千伏安。", 120, "万千伏安"),
        ("新增光伏装机500兆瓦。", 500, "兆瓦"),
        ("城乡居民收入倍差为1.65,", 1.65, ""),
        ("城乡居民收入倍差缩小到1.9以内。", 1.9, ""),
        ("基尼系数为0.42。", 0.42, ""),
    ],
)
def test_a_number_keeps_its_value_and_the_unit_written_after_it(text, value, unit):
    row = only(text)
    assert row["value"] == value
    assert row["unit"] == unit
    assert row["value_missing"] is False


@pytest.mark.parametrize(
    "text, value_text, value, value_max, unit",
    [
        ("筛查干预青少年脊柱侧弯2~3万人。", "2~3", 2, 3, "万人"),
        ("筛查干预青少年脊柱侧弯２～３万人。", "２～３", 2, 3, "万人"),
        ("力争职普招生比例达2.5:7.5。", "2.5:7.5", "2.5:7.5", None, ""),
    ],
)
def test_ranges_and_ratios_are_one_row_each(text, value_text, value, value_max, unit):
    row = only(text)
    assert (row["value_text"], row["value"], row["value_max"], row["unit"]) == (
        value_text,
        value,
        value_max,
        unit,
    )


def test_digits_glued_together_by_a_lost_conjunction_are_two_numbers():
    text = "中心城区污水处理和再生水利用率分别达到94%50%以上。"
    assert written(text) == ["94%", "50%"]


# ------------------------------------------------------------------ Chinese numerals


@pytest.mark.parametrize(
    "text, span, unit, value",
    [
        ("推动铝基新材料产业产值超千亿。", "千亿", "亿", 1000),
        ("力争铝基新材料产业产值迈上千亿台阶。", "千亿", "亿", 1000),
        ("提高群众医保综合保障水平两个百分点以上。", "两个百分点", "个百分点", 2),
        ("每个旗县市区办好一所示范性高中。", "一所", "所", 1),
        ("确保每户至少落实一项扶持措施。", "一项", "项", 1),
        ("力争口岸过货量突破百万吨。", "百万吨", "万吨", 100),
    ],
)
def test_chinese_numerals_used_as_quantities_are_rows(text, span, unit, value):
    """The numeral's value is read (cn2an); the words stay as written beside it."""
    row = only(text)
    assert text[row["start"] : row["end"]] == span
    assert row["unit"] == unit
    assert row["value_text"] == span.removesuffix(unit)
    assert row["value"] == value


def test_a_train_count_raised_from_two_pairs_to_three_gives_a_baseline_and_a_target():
    found = rows("积极争取通辽至北京动车组列车由每日两对增加至三对。")
    assert [(r["value"], r["unit"], r["kind"], r["year"]) for r in found] == [
        (2, "对", ACTUAL, 2020),
        (3, "对", TARGET, 2021),
    ]
    assert found[1]["comparator"] == "达到"


@pytest.mark.parametrize(
    "text",
    [
        "开工一批硅砂产业项目。",
        "推进科尔沁·乌尼尔草原旅游产业一体化发展。",
        "保持城市信用排名全区第一的好成绩。",
        "主动融入“一带一路”战略。",
        "年是“十四五”规划的开局之年。",
        "深入实施“五个千万工程”。",
        "开展强基、铸*、肃纪六个专项行动。",
        "全面贯穿一条主线、认真办好两件大事。",
        "加快培育五大产业集群。",
        "推进“一村一品”“一镇一特”发展。",
        "开展“一企一策”服务工作。",
        "高质量打造千万亩现代节水高产农业示范区。",
        "打造产值超百亿元的现代煤化工产业。",
        "实施一方是独生子女的夫妇可以生育两个孩子的政策。",
        "实现一般企业投资项目开工前审批最多跑一次。",
        "全面加快推进三次产业协同发展。",
    ],
)
def test_chinese_numerals_that_are_words_or_names_are_not_rows(text):
    assert rows(text) == []


# ------------------------------------------------------------------ not rows


@pytest.mark.parametrize(
    "text",
    [
        "2025年3月9日",
        "通政办发〔2019〕10号",
        "发文日期:2019-03-18",
        "一、发改、财政等工作(责任领导:张锐,共27条)",
        "全面落实自治区“8337”发展思路。",
        "高质量编制“1+8+1”年度行动方案。",
        "推出“12345+网格化”等惠企便民服务举措。",
        "在矿区推广应用5G技术。",
        "推进大青沟、银沙湾5A级景区创建。",
        "推进G5511查草高速公路、G334线保康至七棵树段二级公路项目建设。",
        "开工建设通辽至鲁北高速公路、省道304线舍伯吐至大兴二级路。",
        "推进霍林河南500千伏输变电工程。",
        "高质量办好第七届中蒙医药产业博览会。",
        "培育千亿级文旅产业。",
        "谋划打造百万吨级氢基能源产业集群。",
        "为落实好土地承包期再延长30年等重大政策提供支撑。",
        "落实《自治区培育壮大农副食品加工业行动方案(2025—2027)》。",
        "举办“8·18”哲里木赛马节。",
        "深入推进服务业高质量发展三年行动。",
        "为3岁以下婴幼儿享受普惠托育服务。",
        "力争用3到5年时间使城区空气污染源得到有效治理。",
        "2019316",
        "打造1小时经济圈。",
        "构建15分钟便民生活圈。",
        "提供24小时自助服务。",
        "实行7×24小时不打烊服务。",
        "排名进入全省前10名。",
        "力争综合考核进入全国前50强。",
    ],
)
def test_dates_names_slogans_and_list_numbers_give_no_row(text):
    assert rows(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "精准落实产业、就业、金融和社会帮扶等20条举措。",
        "实施营商环境7个专项提升工程。",
        "开展10大市容环境整治专项行动。",
        "抓实17项年度重点任务。",
        "省政府承诺的10件民生实事全部办结。",
        "今年继续实施12项民生实事。",
        "聚焦18个省定深度贫困县,",
        "围绕5个重点产业园区,",
    ],
)
def test_counts_of_campaigns_tasks_and_measures_are_context(text):
    assert [r["kind"] for r in rows(text)] == [CONTEXT]


@pytest.mark.parametrize(
    "text, span",
    [
        ("建成金煤化工10万吨草酸项目。", "10万吨"),
        ("加快推进国家第三批120万千瓦风电大基地建设。", "120万千瓦"),
        ("推动科尔沁500公里风景大道提质升级。", "500公里"),
        ("力促扎铝二期35万吨电解铝、锦联55万吨易拉罐等项目建成投产。", "35万吨"),
        ("投资3.8亿元的尘源点治理工程正在加快实施。", "3.8亿元"),
        ("加快推进一汽30万辆轿车扩能、石化120万吨乙烯改扩建等重点项目。", "30万辆"),
        ("加快建设占地300亩的快递物流园,", "300亩"),
        ("推进占地面积约500亩的冷链物流基地建设。", "500亩"),
        ("确保中国医药城10平方公里起步区基础设施年内基本完成。", "10平方公里"),
        ("高新区20平方公里核心区路网全面贯通。", "20平方公里"),
    ],
)
def test_the_capacity_of_a_named_project_is_context(text, span):
    found = rows(text)
    assert found[0]["kind"] == CONTEXT
    assert text[found[0]["start"] : found[0]["end"]] == span


@pytest.mark.parametrize(
    "text",
    [
        "新增铝深加工产能50万吨以上。",
        "尽快形成1500吨蒙药生产能力。",
        "力争实现肉牛加工60万头。",
        "新建设施农业园区1万亩。",
        "完成造林100万亩。",
        "新增新能源公交车500辆。",
        "新增城镇污水处理能力30万吨/日。",
        "城陵矶港集装箱吞吐量突破10万标箱。",
    ],
)
def test_a_capacity_stated_as_an_indicator_is_a_target(text):
    assert only(text)["kind"] == TARGET


# ------------------------------------------------------------------ lost numbers


@pytest.mark.parametrize(
    "text, unit, comparator",
    [
        ("粮食产量稳定在亿斤以上。", "亿斤", "以上"),
        ("年度计划投资.6亿元,其中", "亿元", ""),
        ("改造老旧小区个,继续推进", "个", ""),
        ("敷设光纤骨干网,新增5G基站个。", "个", ""),
        ("牛产业贷款余额达到亿元以上。", "亿元", "以上"),
        ("新改建农村公路公里,改造", "公里", ""),
        ("新增养老床位张,养老机构", "张", ""),
        ("完成危房改造任务户,年底前", "户", ""),
        ("建设个人畜分离养殖小区,培育", "个", ""),
        ("固定资产投资增长%;一般公共预算收入", "%", ""),
        ("城镇化率提高个百分点,", "个百分点", ""),
        ("研发投入强度达到%以上。", "%", "以上"),
    ],
)
def test_a_unit_whose_digits_were_lost_is_a_row_without_a_value(text, unit, comparator):
    row = only(text)
    assert row["value"] is None
    assert row["value_missing"] is True
    assert (row["unit"], row["comparator"]) == (unit, comparator)
    assert text[row["start"] : row["end"]].endswith(unit)


def test_two_subjects_sharing_one_lost_number_give_one_row_with_both():
    row = only("完成科尔沁沙地综合治理和天然草原修复各万亩,推进")
    assert row["value_missing"] is True
    assert row["subjects"] == ["科尔沁沙地综合治理", "天然草原修复"]


@pytest.mark.parametrize(
    "text",
    [
        "力争万元工业增加值用水量下降。",
        "新签约亿元以上项目。",
        "开展个人养老金制度试点。",
        "加快建设国家级冷凉地区无公害水果蔬菜生产基地。",
        "推进农村牧区住户改造,",
    ],
)
def test_units_with_no_digits_inside_words_are_not_lost_numbers(text):
    assert rows(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "比上年增长8,",
        "粮食产量为2024年最高。",
        "出生人口性别比为107,",
        "人口自然增长率为5‰。",
    ],
)
def test_a_bare_number_after_wei_is_a_row_only_for_a_ratio_with_decimals(text):
    assert [r for r in rows(text) if r["unit"] == ""] == []


# ------------------------------------------------------------------ definitions


@pytest.mark.parametrize(
    "text, span",
    [
        ("集体收入10万元以上嘎查村占比达到60%以上。", "60%"),
        ("每千人拥有3岁以下婴幼儿托位数达0.6个。", "0.6个"),
        ("为4000名6~9周岁儿童开展免费牙齿窝沟封闭。", "4000名"),
        ("力争万元工业增加值用水量较2020年下降13.5%以上。", "13.5%"),
        ("全年实施投资5000万元以上重点项目901个。", "901个"),
    ],
)
def test_numbers_inside_an_indicators_definition_are_not_rows(text, span):
    assert written(text) == [span]


# ------------------------------------------------------------------ comparators


@pytest.mark.parametrize(
    "text, comparator",
    [
        ("力争普惠性幼儿园覆盖率达到60%以上。", "以上"),
        ("医疗保险参保率稳定在95%以上。", "以上"),
        ("城镇登记失业率控制在4.5%以内。", "以内"),
        ("地区生产总值增长7%左右。", "左右"),
        ("每千人口拥有执业(助理)医师数达到2.8人。", "达到"),
        ("每千人拥有托位数达0.6个。", "达到"),
        ("每千人口托位数提高到4.8个。", "达到"),
        ("年内肉牛存栏增加至272万头。", "达到"),
        ("力争投资突破600亿元。", "突破"),
        ("空气优良天数占比超90%。", "超"),
        ("开展法律援助案件不少于1000件。", "不少于"),
        ("每个旗县市区至少建设2所公办托育机构。", "不少于"),
        ("节水量约50万吨。", "左右"),
        ("实施总面积近7000万亩的五大生态功能区布局。", ""),
        ("蔬菜面积稳定在20万亩。", ""),
        ("城镇登记失业率控制在3.87%。", ""),
        ("登记失业率不超过4%。", "以内"),
        ("城镇登记失业率低于4.5%。", "以内"),
        ("万元GDP能耗不高于0.5吨标准煤。", "以内"),
        ("PM2.5平均浓度控制在28微克/立方米以下。", "以内"),
        ("推动铝基新材料产业产值超过千亿。", "超"),
        ("高新技术企业总数超过900家。", "超"),
        ("旅游总收入逾300亿元。", "超"),
        ("城乡居民收入倍差缩小到1.9。", "达到"),
        ("城乡低保标准提高到每人每年9000元。", "达到"),
        ("化肥用量不低于5万吨。", "不低于"),
        ("新增城镇就业1.5万人。", ""),
        ("食品抽检量达到每千人4批次。", "达到"),
        ("群众诉求最多30天办结。", "以内"),
        ("企业开办时间压缩至1个工作日。", "达到"),
        ("每万人口全科医生数提高到每万人4人。", "达到"),
    ],
)
def test_the_comparator_is_read_from_the_words_around_the_number(text, comparator):
    assert only(text)["comparator"] == comparator


# ------------------------------------------------------------------ qualifiers


def test_a_qualifier_governs_only_the_numbers_after_it_in_its_sentence():
    text = "全年开复工重点项目500个以上,力争投资突破600亿元。新增城镇就业1.2万人。"
    assert [(r["value"], r["qualifier"]) for r in rows(text)] == [
        (500, ""),
        (600, "力争"),
        (1.2, ""),
    ]


def test_a_qualifier_ends_at_a_semicolon():
    text = "确保培训3万人次以上,新增城镇就业1.5万人;农牧民转移就业40万人。"
    assert [r["qualifier"] for r in rows(text)] == ["确保", "确保", ""]


@pytest.mark.parametrize(
    "text",
    ["保证中小学生每天综合体育运动不少于2小时。", "计划治沙面积7.2万亩以上。"],
)
def test_to_guarantee_and_to_plan_are_not_qualifiers(text):
    assert only(text)["qualifier"] == ""


# ------------------------------------------------------------------ kind and year


def test_a_baseline_is_the_actual_of_the_year_before_the_target():
    found = rows("将临时救助封顶线由2万元提高至5万元。", year=2021)
    assert [(r["value"], r["kind"], r["year"], r["comparator"]) for r in found] == [
        (2, ACTUAL, 2020, ""),
        (5, TARGET, 2021, "达到"),
    ]


@pytest.mark.parametrize(
    "text, baseline",
    [
        ("行政审批事项由326项减少128项,", 326),
        ("行政审批事项由326项精简为198项,", 326),
        ("县级收费项目从40项压减了12项,", 40),
    ],
)
def test_the_level_before_a_change_is_a_baseline(text, baseline):
    first = rows(text, year=2021)[0]
    assert (first["value"], first["kind"], first["year"]) == (baseline, ACTUAL, 2020)


REPORT = (
    "一、过去一年工作的回顾2013年是本届政府的开局之年。地区生产总值完成1811.8亿元,"
    "增长9.7%。每百户农牧民家庭小汽车拥有量由5年前的4.4辆提高到9.8辆。"
    "二、2014年的主要工作任务主要预期目标是:地区生产总值增长10%。"
)


def test_a_work_report_gives_actuals_for_the_year_it_reviews_and_targets_for_its_own():
    found = rows(REPORT, kind=WORK_REPORT, year=2014)
    assert [(r["value"], r["kind"], r["year"]) for r in found] == [
        (1811.8, ACTUAL, 2013),
        (9.7, ACTUAL, 2013),
        (4.4, ACTUAL, 2008),
        (9.8, ACTUAL, 2013),
        (10, TARGET, 2014),
    ]


def test_an_estimated_result_in_a_review_is_an_actual():
    text = "2013年工作回顾2013年,预计地区生产总值3500亿元,增长9.5%。2014年重点工作安排"
    assert [r["kind"] for r in rows(text, kind=WORK_REPORT, year=2014)] == [
        ACTUAL,
        ACTUAL,
    ]


@pytest.mark.parametrize(
    "text, year, period",
    [
        ("到2025年,城镇化率达到60%。", 2025, None),
        ("“十四五”时期年均增长5.5%。", 2025, [2021, 2025]),
        ("地区生产总值增长6%。", 2021, None),
    ],
)
def test_the_year_of_a_target_is_the_plan_year_unless_the_text_sets_one(
    text, year, period
):
    row = only(text)
    assert (row["year"], row["period"]) == (year, period)


def test_a_document_without_a_known_year_gives_rows_without_one():
    assert only("地区生产总值增长7%左右。", year=None)["year"] is None


# ------------------------------------------------------------------ subjects


def test_one_number_for_several_subjects_is_one_row_with_all_of_them():
    row = only("民营企业、普惠金融贷款均增长12%以上。")
    assert row["subjects"] == ["民营企业", "普惠金融贷款"]
    assert row["comparator"] == "以上"


def test_respectively_pairs_each_number_with_its_subject():
    found = rows("城乡居民人均可支配收入分别增长6%和6.5%。")
    assert [(r["value"], r["subjects"]) for r in found] == [
        (6, ["城镇居民人均可支配收入"]),
        (6.5, ["农村居民人均可支配收入"]),
    ]
    found = rows("城镇居民人均可支配收入和农牧民人均纯收入分别增长10%和11%。")
    assert [r["subjects"] for r in found] == [
        ["城镇居民人均可支配收入"],
        ["农牧民人均纯收入"],
    ]


def test_the_subject_is_the_text_before_the_number_as_written():
    assert only("地区生产总值增长6%以上,")["subject"] == "地区生产总值增长"
    assert only("粮食产量稳定在亿斤以上。")["subject"] == "粮食产量"


def test_a_relative_clause_after_a_target_is_kept_as_its_relation():
    row = only("地区生产总值增长7%左右,高于全区平均增速;")
    assert row["relation"] == "高于全区平均增速"


# ------------------------------------------------------------------ provenance


def test_a_repeated_task_gives_its_rows_once_and_records_the_repeat():
    task = "推动污水处理厂全部达标排放,中心城区污水处理率达到94%以上。"
    text = f"12. {task}\n55. {task}\n"
    found = rows(text, kind="task_division", year=2019)
    assert len(found) == 1
    second = text.index("94%", text.index("55."))
    assert found[0]["duplicates"] == [[second, second + 3]]


def test_a_row_takes_the_section_and_departments_of_the_innermost_section():
    text = "一、稳就业\n2.千方百计扩大就业。新增城镇就业1.5万人。(责任部门:市人社局)\n"
    outer = Section(path=("一、稳就业",), start=0, end=len(text))
    inner_start = text.index("2.")
    dept = DepartmentRef("市人社局", LEAD)
    inner = Section(
        path=("一、稳就业", "2.千方百计扩大就业"),
        start=inner_start,
        end=len(text),
        number="2",
        departments=[dept],
    )
    row = only(text, sections=[outer, inner])
    assert row["section"] == ["一、稳就业", "2.千方百计扩大就业"]
    assert row["section_number"] == "2"
    assert row["departments"] == [{"name": "市人社局", "role": LEAD}]


def test_a_row_whose_sentence_holds_a_repaired_mask_is_flagged():
    text = "落实涉企优惠*策,新增贷款2亿元。另,新增就业1万人。"
    repair = Repair(
        position=text.index("*"), original="*", repaired="政", evidence="政策"
    )
    found = rows(text, repairs=[repair])
    assert [r["text_repaired"] for r in found] == [True, False]


def test_rows_stay_inside_their_document_and_offsets_point_into_the_full_text():
    text = "新闻:全市原煤产量2633.98万吨。\n计划:新增城镇就业1.5万人。"
    start = text.index("计划")
    doc = Document(
        start=start, end=len(text), title="", kind=PLAN, region=None, year=2025
    )
    found = extract_rows(text, doc)
    assert [text[r.start : r.end] for r in found] == ["1.5万人"]
    assert found[0].value == Decimal("1.5")


# ------------------------------------------------------------------ width invariance


SAMPLES = [
    "地区生产总值增长6%以上,规模以上工业增加值增长7%;城镇登记失业率控制在4.5%以内。",
    "力争职普招生比例达2.5:7.5,新建5G基站1,200个,筛查2~3万人。",
    "将临时救助封顶线由2万元提高至5万元(约束性)。",
]


@pytest.mark.parametrize("text", SAMPLES)
def test_full_width_and_half_width_text_give_the_same_rows(text):
    wide = "".join(
        chr(ord(c) + 0xFEE0) if c in "0123456789,.%:;()~" else c for c in text
    )
    assert unicodedata.normalize("NFKC", wide) == text

    def key(r):
        return (
            unicodedata.normalize("NFKC", r["value_text"]),
            r["value"] if not isinstance(r["value"], str) else None,
            unicodedata.normalize("NFKC", r["unit"]),
            r["comparator"],
            r["qualifier"],
            r["kind"],
            r["year"],
            r["start"],
            r["end"],
        )

    assert [key(r) for r in rows(wide)] == [key(r) for r in rows(text)]
    assert rows(text)


def test_an_execution_report_named_in_the_title_starts_at_its_heading_not_the_title():
    text = (
        "关于某市2022年国民经济和社会发展计划执行情况与2023年计划草案的报告\n"
        "一、2022年国民经济和社会发展计划执行情况\n"
        "2022年,全市地区生产总值增长4.5%。2020年粮食产量达到50亿斤。\n"
        "二、2023年经济社会发展的总体要求和主要目标\n"
        "地区生产总值增长6%左右。\n"
    )
    found = rows(text, year=2023)
    assert [(r["value"], r["kind"], r["year"]) for r in found] == [
        (4.5, ACTUAL, 2022),
        (50, ACTUAL, 2020),
        (6, TARGET, 2023),
    ]


@pytest.mark.parametrize(
    "text, value",
    [
        ("三次产业结构调整为14.1:53.6:32.3。", "14.1:53.6:32.3"),
        ("力争职普招生比例达2.5:7.5。", "2.5:7.5"),
    ],
)
def test_a_ratio_keeps_all_its_parts(text, value):
    assert only(text)["value"] == value


def test_circled_list_markers_are_not_digits():
    text = "(二)改善民生。①新建幼儿园3所;②改造农村危房1500户。"
    assert [(r["value"], r["subject"]) for r in rows(text)] == [
        (3, "新建幼儿园"),
        (1500, "改造农村危房"),
    ]


def test_a_description_ending_in_de_before_another_number_is_not_a_row():
    assert written("新建日处理能力10万吨的污水处理厂1座。") == ["1座"]
    assert written("实施总面积近7000万亩的五大生态功能区布局。") == ["7000万亩"]


@pytest.mark.parametrize(
    "text",
    [
        "吸引游客上万,",
        "带动就业数万人。",
        "成千上万。",
        "建设个体工商户服务中心,",
        "每公里,",
    ],
)
def test_words_for_approximate_amounts_are_not_lost_numbers(text):
    assert [r for r in rows(text) if r["value_missing"]] == []


def test_a_base_year_is_not_the_year_of_the_target():
    row = only("城乡居民收入在2020年的基础上增长10%。", year=2023)
    assert row["year"] == 2023


@pytest.mark.parametrize(
    "text, span",
    [
        ("人均预期寿命达到78岁。", ["78岁"]),
        ("人均预期寿命提高到78.3岁,", ["78.3岁"]),
        ("为65岁以上老人免费体检2.1万人次。", ["2.1万人次"]),
        ("年满60岁,", []),
    ],
)
def test_an_age_is_a_row_only_as_the_value_an_indicator_reaches(text, span):
    assert written(text) == span


@pytest.mark.parametrize(
    "text, kind, year",
    [
        ("2023年,全市粮食产量达到141亿斤。", ACTUAL, 2023),
        ("去年全市地区生产总值增长5.2%。", ACTUAL, 2023),
        ("2024年,地区生产总值增长6%左右。", TARGET, 2024),
    ],
)
def test_a_sentence_that_names_a_past_year_reports_an_actual(text, kind, year):
    row = only(text, year=2024)
    assert (row["kind"], row["year"]) == (kind, year)


# ------------------------------------------------------------------ review sections


@pytest.mark.parametrize(
    "heading",
    [
        "一、上年计划执行情况和“十一五”发展回顾",
        "一、去年国民经济和社会发展计划执行情况",
        "一、过去一年和“十三五”时期工作回顾",
        "一、过去一年及五年来的工作回顾",
    ],
)
def test_a_review_heading_without_a_year_still_marks_its_results_as_actuals(heading):
    text = (
        f"{heading}\n全市实现地区生产总值836.5亿元,增长9.2%;新建学校12所。\n"
        "二、今年经济社会发展的主要预期目标\n地区生产总值增长8%左右。\n"
    )
    found = rows(text, year=2016)
    assert [(r["value"], r["kind"], r["year"]) for r in found] == [
        (836.5, ACTUAL, 2015),
        (9.2, ACTUAL, 2015),
        (12, ACTUAL, 2015),
        (8, TARGET, 2016),
    ]


@pytest.mark.parametrize(
    "heading, kind",
    [
        ("一、去年工作总结", ACTUAL),
        ("一、2019年主要工作成绩", ACTUAL),
        ("一、今年工作安排", TARGET),
        ("一、2020年重点工作", TARGET),
        ("一、推动产业转型升级", TARGET),
        ("一、推动高质量发展取得新成效", TARGET),
        ("一、过去五年的主要成就", ACTUAL),
    ],
)
def test_a_top_level_section_is_a_review_when_its_heading_looks_back(heading, kind):
    body = "粮食产量达到50亿斤,新增城镇就业1.2万人。"
    text = f"{heading}\n{body}\n"
    sec = Section(path=(heading,), start=0, end=len(text), number="一")
    found = rows(text, year=2020, sections=[sec])
    assert [r["kind"] for r in found] == [kind, kind]
    assert {r["year"] for r in found} == {2019 if kind == ACTUAL else 2020}


# ------------------------------------------------------------------ goal years


@pytest.mark.parametrize(
    "text, years",
    [
        (
            "到2025年,地区生产总值达到2000亿元,年均增长6%以上;财政收入突破150亿元。",
            [2025] * 3,
        ),
        ("主要目标是:到2030年,森林覆盖率达到35%;城镇化率达到70%。", [2030, 2030]),
        ("到“十四五”末,地区生产总值力争达到4500亿元,城镇化率超过60%。", [2025, 2025]),
        ("产值突破2100亿元,到2025年达到3000亿元。新增企业150家。", [2021, 2025, 2021]),
        ("到2025年,城镇化率达到60%;今年新增城镇就业1.2万人。", [2025, 2021]),
        ("单位地区生产总值能耗比“十三五”末下降3%。", [2021]),
        ("力争2023年底前完成改造老旧小区300个。", [2023]),
        ("新增城镇就业1万人,2025年达到5万人。", [2021, 2025]),
        ("地区生产总值比2025年翻一番,增长7%。", [2021]),
    ],
)
def test_a_goal_year_holds_to_the_end_of_its_sentence_across_semicolons(text, years):
    assert [r["year"] for r in rows(text, year=2021)] == years


def test_a_section_on_a_five_year_plan_sets_its_end_year_for_its_targets():
    heading = "二、“十二五”时期经济社会发展的主要目标"
    text = (
        f"{heading}\n地区生产总值年均增长15%。城镇化率达到80%。今年新增就业3000人。\n"
        "三、今年的主要预期目标\n地区生产总值增长16%左右。\n"
    )
    cut = text.index("三、")
    sections = [
        Section(path=(heading,), start=0, end=cut, number="二"),
        Section(
            path=("三、今年的主要预期目标",), start=cut, end=len(text), number="三"
        ),
    ]
    found = rows(text, year=2011, sections=sections)
    assert [(r["value"], r["year"]) for r in found] == [
        (15, 2015),
        (80, 2015),
        (3000, 2011),
        (16, 2011),
    ]


# ------------------------------------------------------------------ counts in words


@pytest.mark.parametrize(
    "text, spans",
    [
        ("新建两个城市社区卫生服务中心。", ["两个"]),
        ("年内建成三个县级全民健身中心。", ["三个"]),
        ("培育两家国家级专精特新企业,", ["两家"]),
        ("新建幼儿园两所,改扩建中小学三所。", ["两所", "三所"]),
        (
            "新建幼儿园两所;改扩建中小学三所;新增学位1800个。",
            ["两所", "三所", "1800个"],
        ),
        ("加快城镇污水处理设施建设,新建县城污水处理厂四座。", ["四座"]),
        ("9.新建廉租住房两处、300套。", ["两处", "300套"]),
        ("确保两所安置房配套学校建成交付。", ["两所"]),
        ("新建改扩建中小学和幼儿园三所,", ["三所"]),
        ("力争新建应急避难场所五个;", ["五个"]),
        ("新开工三个重大项目。", ["三个"]),
        ("新建一个垃圾焚烧发电厂。", ["一个"]),
        ("新建两座桥梁、三条农村公路。", ["两座", "三条"]),
    ],
)
def test_counts_written_in_words_after_a_building_verb_are_rows(text, spans):
    found = rows(text)
    assert [text[r["start"] : r["end"]] for r in found] == spans
    assert all(r["kind"] == TARGET for r in found)


@pytest.mark.parametrize(
    "text",
    [
        "推进两个转变。",
        "坚持两个毫不动摇,",
        "建设三个“中心”,",
        "确保完成十个全覆盖”任务。",
        "继续办好十件民生实事。",
        "新建六个专项行动工作机制。",
        "打造一村一品示范村。",
        "争取三个方面取得突破。",
        "两个确保落到实处,",
        "打造一个宜居宜业的美丽家园。",
        "建设一个更加美好的新时代。",
        "建设一个现代化中心城市。",
        "实施三个一百工程。",
        "全面完成四个专项整治行动。",
        "继续实施四个千万亩生态修复保护工程。",
    ],
)
def test_counts_in_words_of_slogans_and_programmes_are_not_rows(text):
    assert rows(text) == []


# ------------------------------------------------------------------ past years named at a sentence's head


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "2015年,预计全年实现地区生产总值256亿元;财政总收入31.2亿元。"
            "全县新建农村公路85公里。",
            [(256, ACTUAL, 2015), (31.2, ACTUAL, 2015), (85, ACTUAL, 2015)],
        ),
        (
            "去年,全市粮食产量达到50亿斤.新增城镇就业1.2万人.今年新增城镇就业1.5万人.",
            [(50, ACTUAL, 2015), (1.2, ACTUAL, 2015), (1.5, TARGET, 2016)],
        ),
        (
            "“十二五”期间,全县地区生产总值年均增长9.8%。",
            [(9.8, ACTUAL, 2015)],
        ),
        (
            "过去五年,累计新增城镇就业28万人。",
            [(28, ACTUAL, 2015)],
        ),
        (
            "报告指出,过去一年,全市地区生产总值增长6.8%。今年预期增长7%左右。",
            [(6.8, ACTUAL, 2015), (7, TARGET, 2016)],
        ),
        (
            "(二)一年来,全区新建学校3所。",
            [(3, ACTUAL, 2015)],
        ),
        (
            "2014年,全市实现地区生产总值800亿元。2016年,地区生产总值增长7%。",
            [(800, ACTUAL, 2014), (7, TARGET, 2016)],
        ),
        (
            "地区生产总值比2015年增长7%,在2015年的基础上翻一番达到500亿元。",
            [(7, TARGET, 2016), (500, TARGET, 2016)],
        ),
    ],
)
def test_a_past_time_at_a_sentence_head_holds_through_its_paragraph(text, expected):
    found = rows(text, year=2016)
    assert [(r["value"], r["kind"], r["year"]) for r in found] == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "6.2015年全市完成造林10万亩,今年再完成造林12万亩。",
            [(10, ACTUAL, 2015), (12, TARGET, 2016)],
        ),
        (
            "地区生产总值增长7%左右,2015年为6.9%。",
            [(7, TARGET, 2016), (6.9, ACTUAL, 2015)],
        ),
        (
            "以2015年为基期,城乡居民收入年均增长8%。",
            [(8, TARGET, 2016)],
        ),
        (
            "研发投入为2015年的1.5倍。",
            [(1.5, TARGET, 2016)],
        ),
    ],
)
def test_a_clause_that_opens_with_a_time_sets_the_year_of_what_follows(text, expected):
    found = rows(text, year=2016)
    assert [(r["value"], r["kind"], r["year"]) for r in found] == expected


def test_a_past_time_does_not_reach_into_the_next_paragraph():
    text = "2015年,全市粮食产量达到50亿斤。\n粮食产量稳定在52亿斤以上。"
    found = rows(text, year=2016)
    assert [(r["kind"], r["year"]) for r in found] == [(ACTUAL, 2015), (TARGET, 2016)]


def test_the_next_five_years_of_a_new_term_end_four_years_after_the_plan_year():
    text = "今后五年,地区生产总值年均增长6.5%左右。今年地区生产总值增长7%左右。"
    found = rows(text, kind=WORK_REPORT, year=2022)
    assert [(r["year"], r["period"]) for r in found] == [
        (2026, [2022, 2026]),
        (2022, None),
    ]


def test_a_review_without_headings_ends_where_a_paragraph_opens_on_the_plan_year():
    text = (
        "过去的一年,全市地区生产总值增长7%,新建学校5所。\n"
        "今年是“十三五”开局之年。全市地区生产总值增长7.5%左右。\n"
    )
    found = rows(text, kind=WORK_REPORT, year=2016)
    assert [(r["value"], r["kind"], r["year"]) for r in found] == [
        (7, ACTUAL, 2015),
        (5, ACTUAL, 2015),
        (7.5, TARGET, 2016),
    ]


# ------------------------------------------------------------------ half-width full stops


HALF_WIDTH = (
    "全市各类在建工程达到1219万平方米.100个示范村建设全面铺开.年度计划投资.6亿元,"
    "粮食产量稳定在亿斤以上.三次产业结构比例为11.8:53.4:34.8.城乡居民收入倍差为1.65.\n"
    "3.新建学校5所."
)


def test_a_text_ending_sentences_with_half_width_stops_gives_the_same_rows():
    found = rows(HALF_WIDTH)
    assert [(HALF_WIDTH[r["start"] : r["end"]], r["value_missing"]) for r in found] == [
        ("1219万平方米", False),
        ("100个", False),
        (".6亿元", True),
        ("亿斤", True),
        ("11.8:53.4:34.8", False),
        ("1.65", False),
        ("5所", False),
    ]


def test_half_width_stops_end_the_reach_of_a_qualifier_and_a_past_year():
    text = "2015年,全市新建学校5所.力争新增就业1万人.今年新建学校6所."
    found = rows(text, year=2016)
    assert [(r["value"], r["kind"], r["qualifier"]) for r in found] == [
        (5, ACTUAL, ""),
        (1, ACTUAL, "力争"),
        (6, TARGET, ""),
    ]


def test_a_heading_naming_both_the_plan_year_and_a_five_year_plan_sets_no_year():
    heading = "二、“十四五”时期和2021年主要目标"
    text = f"{heading}\n地区生产总值增长6%以上。\n"
    sec = Section(path=(heading,), start=0, end=len(text), number="二")
    assert only(text, year=2021, sections=[sec])["year"] == 2021


def test_a_size_in_words_before_a_facility_in_a_list_is_not_a_count():
    text = "新建、改建肉牛标准化万头养殖场5个、千头养殖场10个。"
    assert written(text) == ["5个", "10个"]
