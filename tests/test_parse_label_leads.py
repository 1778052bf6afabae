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
