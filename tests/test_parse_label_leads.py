"""Heads decided above one item: short label leads (`水，自来水管道老旧…`), lead clauses a whole list shares, whole numbered lines."""

from trainer.parse.heads import label_leads, line_head, split_head
from trainer.parse.normalize import split_lines
from trainer.parse.paragraphs import join_lines


def test_labels_of_a_list_are_heads() -> None:
    texts = [
        "水，自来水管道老旧，经常停水。",
        "电，电线老化，线路设计过时。",
        "外墙老化脱落、垃圾露天堆放，环境卫生差。",
    ]
    assert label_leads(texts) == ["水", "电", ""]
    assert split_head(texts[0], "水") == ("水", "自来水管道老旧，经常停水。", False)


def test_one_short_clause_alone_is_no_label() -> None:
    assert label_leads(["水，自来水管道老旧，经常停水。", "加强管网改造，确保供水稳定。"]) == ["", ""]


def test_connectives_places_and_repeats_are_no_labels() -> None:
    assert label_leads(["但是，资金缺口较大，进度缓慢。", "可见，群众意见较多，亟待解决。"]) == ["", ""]
    assert label_leads(["在城市，停车难问题突出。", "在农村，道路硬化率不高。"]) == ["", ""]
    assert label_leads(["水，管道老旧，经常停水。", "水，水压不足，高层断水。"]) == ["", ""]


def test_a_lead_clause_every_item_shares_names_no_point() -> None:
    texts = [
        "做好垃圾分类工作，是改善城市人居环境、建设干净整洁美丽家园的迫切需要。垃圾围城的问题依然突出。",
        "做好垃圾分类工作，是落实省市决策部署，推动资源循环利用、减少环境污染的需要。可回收物要用得上。",
        "做好垃圾分类工作，要从每家每户做起，一个家庭带动一栋楼，一栋楼带动一个小区。",
    ]
    heads = label_leads(texts)
    # through the next clause; a 是 predicate to its stop
    assert heads == [
        "做好垃圾分类工作，是改善城市人居环境、建设干净整洁美丽家园的迫切需要",
        "做好垃圾分类工作，是落实省市决策部署，推动资源循环利用、减少环境污染的需要",
        "做好垃圾分类工作，要从每家每户做起",
    ]
    assert split_head(texts[2], heads[2]) == (heads[2], "一个家庭带动一栋楼，一栋楼带动一个小区。", False)


def test_a_lead_clause_some_items_share_is_their_head() -> None:
    # two of three alike (a list that says its subject again): the GUIDE's head rule, no list decision
    texts = [
        "老旧小区改造，能让居民得到看得见摸得着的实惠，也是政府保民生的一项要紧工作。",
        "工程改造涉及方方面面基础投资，能够带动相关行业产能，释放更多就业岗位。",
        "老旧小区改造，会带动群众添置各类物品，从而进一步促消费、扩内需、助增长。",
    ]
    assert label_leads(texts) == ["", "", ""]


def test_an_opener_all_items_share_is_left_to_the_head_rule() -> None:
    texts = ["近年来，社区养老服务设施不断完善，覆盖面持续扩大。", "近年来，专业护理人员队伍逐步壮大，服务水平提升。"]
    assert label_leads(texts) == ["", ""]


def test_a_whole_numbered_line_over_its_paragraph_is_its_head() -> None:
    line = "加强值守，畅通信息，切实做到汛情险情早发现、早报告、早研判、早处置"
    assert line_head(line, has_body=True) == line
    assert line_head(line, has_body=False) == ""  # the line is the whole item: the head rule cuts it
    assert line_head("加强值守，畅通信息。切实做到汛情险情早发现、早报告、早研判、早处置", has_body=True) == ""
    assert line_head("压实责任，严明纪律，为安全度汛提供坚强保障", has_body=True) == ""  # short: whole anyway


def test_a_numbered_line_is_not_joined_to_a_paragraph_many_times_longer() -> None:
    body = "汛期各级防汛办公室要严格执行二十四小时值班和领导带班制度，值班人员必须坚守岗位，雨情水情要及时上报，不得迟报漏报。"
    paras = join_lines(split_lines(f"二、加强值守，畅通信息，切实做到汛情险情早发现、早报告\n{body}"))
    assert [p.text for p in paras] == ["二、加强值守，畅通信息，切实做到汛情险情早发现、早报告", body]
    # a line as long as the next is a line broken mid-sentence, as a PDF breaks them
    paras = join_lines(
        split_lines(
            "二、加强值守，畅通信息，切实做到汛情险情早发现、早报告\n早研判、早处置，确保指令上传下达畅通无阻。"
        )
    )
    assert len(paras) == 1
