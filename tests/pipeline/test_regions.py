"""Which region a document speaks for: a name, or none where the text names none."""

from __future__ import annotations

import pytest

from plans.pipeline.regions import region_from_text


@pytest.mark.parametrize(
    "sentence",
    [
        "全区上下认真贯彻区十四届人大四次会议精神,经济平稳增长。",
        "1月15日,出席市十五届人大四次会议的代表分组审议政府工作报告。",
        "会议认为,今年以来市政府认真执行市十五届人大五次会议批准的计划。",
        "各项指标均超额完成县十三届人大三次会议确定的目标。",
        "本报讯 记者从省十一届人大一次会议上获悉,全省经济运行良好。",
        "会议听取了市人民政府关于计划执行情况的报告。",
        "副市长受市人民政府委托作报告。",
    ],
)
def test_a_verb_before_a_bare_city_or_county_names_no_region(sentence):
    """A bare 市/县/区/省 after a verb is the speaker's own, unnamed: no region (these
    gave 认真贯彻区, 出席市, 均超额完成县, 记者从省 … before)."""
    assert region_from_text(sentence)[0] is None


@pytest.mark.parametrize(
    "sentence, region",
    [
        ("现在,我代表通辽市人民政府,向大会报告政府工作。", "通辽市"),
        ("认真贯彻朝阳区第十四届人民代表大会第四次会议精神。", "朝阳区"),
        ("出席商丘市第五届人民代表大会第二次会议的代表。", "商丘市"),
        ("从化区人民政府办公室关于印发重点工作的通知", "从化区"),
    ],
)
def test_a_named_region_is_still_found_after_the_same_verbs(sentence, region):
    assert region_from_text(sentence)[0] == region
