"""Short label leads (`水，自来水管道老旧…`): a list's items that name their parts by a word or two."""

from trainer.parse.heads import label_leads, split_head


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
