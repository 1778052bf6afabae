"""What a point's head says about its section's kind, as tables of words; no parsing, no voting logic."""

# A list whose heading names no kind (a topic phrase, `政府应…`, no heading at all) takes the kind most of
# its heads read as: a call to act (`加强组织领导`, `政府部门要切实履行…`, `多积累素材`), a shortcoming
# (`教师配置不均衡`), a result (`经济基础更加坚实`, `率先…`, `…走在全省前列`), a benefit (`有利于…`).
# Each row is a kind and a pattern; `vocab.head_kind` takes the first row that matches. Linear: literal
# alternations and bounded classes only.

from __future__ import annotations

import re

from trainer.core.model import SectionKind

# Verbs a call to act opens with (after an optional subject and modal).
VERBS = (
    r"(?:推进|推动|加强|完善|健全|深化|构建|提升|强化|优化|破解|打造|建立|创新|促进|落实|补齐|激发|夯实|加大|提高|扩大"
    r"|拓宽|规范|引导|鼓励|支持|发挥|实施|搭建|畅通|突出|抓好|做好|用好|坚持|树立|培育|排查|细化|营造|明确|压实|聚焦"
    r"|加快|严格|转变|调整|建设|保障|筑牢|织密|守住|严守|压减|简化|整合|统筹|坚守|厘清|倾听|汇聚|凝聚|增强|改进|改革"
    r"|呼吁|号召|制止|杜绝|防止|避免|禁止|严禁|严惩|打击|整治|增加|增设|减少|降低|拓展|开展|加速|扶持|推广|普及|留意"
    r"|积累|了解|关注|重视|注重|依法|从严|履行|承担|落细|织牢|扎牢|用活|盘活|释放|破除|打通|疏通|丰富|培养|吸引|留住"
    r"|解决|化解|缓解|克服|消除|遏制|纠正|扭转|改善|弥补|应对|打破|抓住|对待|看待)"
)
# Verbs that act on a shortcoming (`解决发展不平衡`, `避免形式单一`): a head they open is a call even
# when it ends in a deficit.
_FIX = r"(?:解决|破解|化解|缓解|克服|消除|遏制|纠正|扭转|改善|弥补|补齐|补足|防止|避免|杜绝|治理|整治|应对|改变|打破|破除|减少|降低)"
# Adverbs between the modal and the verb (`要切实履行`, `严厉制止`).
_ADVERB = (
    r"(?:扎实|着力|大力|全面|持续|加快|进一步|切实|积极|深入|不断|严厉|认真|主动|及时|尽快|努力|重点|高度|全力|坚决"
    r"|着重|统筹|因地制宜|分类|精准|协同|正确|多|少|先)"
)
# What may stand before a call to act: a connective or a time word (`同时号召…`, `平时多留意…`).
_BEFORE = r"(?:同时|首先|其次|再次|最后|另外|此外|还|也|平时|日常|平常)?"
_MODAL = r"(?:要|应|应当|应该|须|必须|需|需要|还要|务必|坚持|注重|着力|[一二三四五六七八九十]要)"
# A call to act, with or without a short subject before its modal (`政府部门要切实履行监管职责`,
# `强化落实还需建立健全…`); a subject needs the modal, or `人口红利…` would read as a call.
CALL_START = re.compile(
    rf"^{_BEFORE}{_MODAL}?{_ADVERB}?{_ADVERB}?{VERBS}(?![是的了])|^如何|^怎样|^怎么办|^{_BEFORE}{_MODAL}?{_ADVERB}发展"
    # `把好准入关`, `以数字化赋能基层治理`, `让数据多跑路`
    r"|^[把守管带当算下打走念答写讲唱绘]好|^以[\u4e00-\u9fff“”]{1,12}?(?:赋能|促进|推动|带动|引领|助力|倒逼|撬动|激活"
    r"|解决|破解|化解|疏通|打通"
    r"|为(?:抓手|引领|导向|核心|重点|突破口|载体|依托|契机|牵引|目标|中心))"
    r"|^让[\u4e00-\u9fff“”]{1,8}?(?:多|少|更|有|能|敢|愿|会|不再)"
    # `笃学不倦，以绳锯木断的毅力筑牢思想防线`: with what spirit to act
    r"|(?:^|[，,])以[^，。；]{1,12}的(?:毅力|勇气|作风|精神|决心|态度|担当|韧劲|干劲|姿态|力度|魄力|定力)[\u4e00-\u9fff]{2}"
    rf"|^[\u4e00-\u9fff]{{1,8}}?{_MODAL}{_ADVERB}?{_ADVERB}?{VERBS}[\u4e00-\u9fff]"
)
# Advice said to a reader (`选商家要擦亮眼`, `遇到问题别沉默`, `先想清楚再掏钱`, `要实事求是`): a call to act
# too; not an angle to understand from (`要从…的历史意义来认识…`).
_ADVICE = re.compile(
    r"(?<![个特分区类级差告识鉴性辨甄判派离])别(?![人处])|不要|切勿|谨防|千万|^先[\u4e00-\u9fff]{1,8}再"
    r"|^[\u4e00-\u9fff]{0,6}?(?<![主重需必只想简纲首摘])要(?![求素点害紧闻事件务])(?!从[^，。；]{0,30}?来(?:认识|理解|看待|把握))"
    # the call in a second clause, after the aim (`完成隐患治理最后一公里，企业要建立奖惩机制`)
    r"|[，,][\u4e00-\u9fff]{1,6}?(?<![主重需必只想简纲首摘])要(?![求素点害紧闻事件务])(?!从[^，。；]{0,30}?来(?:认识|理解))"
)
SHORTCOMING = re.compile(
    r"不[够强高足畅全成平充规健到完优力善严实深细准精合均当]|欠缺|盲区|单一|脱节|形式化|表面化|走过场|流于形式|空转|漏洞"
    r"|缺乏|有待|滞后|薄弱|障碍|风险|短缺|难以|过多|过频|过度|过重|过快|过高|偏高|偏低|偏弱|偏少|偏慢|较慢|缓慢|严峻"
    r"|重复|参差不齐|陈旧|不及时|滥用|泛滥|失衡|不匹配|不对称|繁琐|弱化|缺位|缺失|乏力|低下|落后|有限|较弱|较低|较差"
    r"|较少|缺少|空心化|形式主义|官僚主义|难度|压力|仍需|亟待|亟需|尚需|还需|问题突出|较为突出|尤为突出|日益突出"
    r"|减弱|萎缩|下滑|加剧|差异|歧视|因素|碎片化|失调|错位|矛盾|难[以于]?[\u4e00-\u9fff]{0,2}$|困难|混乱|无序|冷落"
    r"|尚未|仍未|未能|淡薄|各自为政|条块分割|多头管理|推诿扯皮|一刀切|层层加码|重复建设|走形变样|打折扣|不作为|乱作为"
    r"|(?:^|“|存在)重[\u4e00-\u9fff]{1,4}[、，,]?(?<![减年较])轻[\u4e00-\u9fff]"  # `重建设轻管理`
    # an excess (`过于侧重经济效益`), a demand that rises (`对主播的专业素养提出更高要求`: a challenge)
    r"|过于|提出(?:了)?(?:更高|更严|新)的?要求|要求(?:更高|更严|提升|提高|越来越高)"
)
# A deficit said of something at the end of a head (`培养体系脱节`, `政策执行偏差`, `心理健康问题日益凸显`):
# a shortcoming, whatever verb its subject opens with, unless the head opens by acting on it.
DEFICIT_END = re.compile(
    rf"^(?!{_BEFORE}{_MODAL}?{_ADVERB}?{_FIX}).*(?:"
    r"不[够强高足畅全成平充规健到完优力善严实深细准精合均当衡佳紧科明顺灵通][\u4e00-\u9fff]?|欠缺|脱节|偏差|滞后|薄弱|缺位|缺失"
    r"|乏力|低下|落后|失衡|严重|淡薄|受限|受阻|时有发生|屡禁不止|屡见不鲜|(?<![珍宝富尊高可])贵"
    r"|失灵|失真|失序|错位|错配|弱化|虚化|空转|单一|陈旧|混乱|无序|碎片化|空心化|形式化|表面化|较弱|较低|较差|偏高|偏低"
    r"|偏弱|偏少|偏慢|缓慢|严峻|堪忧|短缺|匮乏|过[多高重快频大]|难以[\u4e00-\u9fff]{1,2}"
    r"|有待(?:进一步|继续|不断)?[\u4e00-\u9fff]{2}"  # `安全生产档案有待进一步完善`: still lacking
    # what still needs doing, said of a subject (`规范体系需要进一步完善`, `执法力度还需进一步加强`)
    r"|[\u4e00-\u9fff]{2}(?:也|还|仍|尚)?(?:需要|需|亟需|亟待)(?:进一步|继续|不断|持续)[\u4e00-\u9fff]{2}"
    # a trouble that grows (`心理健康问题日益凸显`, `生活成本压力持续攀升`)
    r"|(?:问题|矛盾|隐患|风险|压力|负担|成本|困难|难题|短板|老龄化|差距|鸿沟|现象|倾向)[\u4e00-\u9fff]{0,4}"
    r"(?:凸显|突出|显现|加剧|增多|频发|高发|攀升|上升|加重|加深|拉大|扩大|严重|普遍)"
    # a quality that is low, a cost that is high (`群众参与度低`, `维权成本高`; not `文化程度低`, a trait)
    r"|(?:能力|意识|水平|效率|质量|积极性|主动性|(?<!程)度|率|感|竞争力|吸引力|公信力|执行力|活力|动力|效能|效益)"
    r"(?:低|弱|差|不高|不强|偏低|较低|下降)"
    r"|(?:成本|负担|压力|门槛|费用|价格|难度)(?:高|大|重|偏高|较高|较大|较重)"
    r")$"
)
# A result at the end of a head (`经济基础更加坚实`), or a lead over others (`率先…`, `…走在全省前列`).
_RESULT_END = re.compile(
    # not after a modal (`认识要进一步加深`: a call; `体系需要进一步完善`: still lacking)
    r"(?<![要应需须待])(?:更加|愈加|日益|日趋|日渐|逐步|不断|稳步|持续|显著|明显|大幅|逐年|加快|加速|进一步|得到|取得)"
    r"[\u4e00-\u9fff]{1,3}了?$|提质(?:增效|扩面|增量|升级|提速)$|(?:基本|初步)(?:建成|形成|实现|完成|解决|消除|构建|建立|覆盖|达到|扭转|遏制)"
    # what was done, in the past (`实现了从…到…的转变`, `累计完成…`, `审批时限压缩60%`, `受到群众好评`)
    r"|^[\u4e00-\u9fff]{0,10}?(?:实现|完成|形成|建成|取得|获得|赢得|打造|培育|建立)了|^累计"
    r"|(?:压缩|缩短|减少|降低|提高|提升|增长|增加|下降|节约)了?(?:[\d.]+%|[\d.]+[个项天件家户])"
    r"|(?:受到|获得|赢得)[\u4e00-\u9fff]{0,8}(?:好评|肯定|认可|欢迎|赞誉|表彰)"
    # what was improved, then the verb, at the end (`抽检力度加大`, `服务水平提升`), where a call puts the verb first
    r"|[\u4e00-\u9fff](?:力度|水平|能力|意识|质量|效率|效能|体系|机制|覆盖面|满意度|获得感)"
    r"(?:加大|增强|提升|提高|改善|完善|健全|强化|扩大)了?$"
)
_LEADING = re.compile(
    r"^率先|走在[\u4e00-\u9fff]{0,6}前列|位居[\u4e00-\u9fff]{0,6}前|名列前茅|全国首[个家批创]|全省首[个家批创]"
    r"|荣获|获评|被评为|入选[\u4e00-\u9fff]{0,8}(?:名单|示范|试点)"
)
# `有利于提升综合国力`, `能把基层干部从屏幕前解放出来`, `是…的必然要求`: what a thing is good for.
BENEFIT = re.compile(
    # also after a first clause naming the thing (`发展数字经济，能有效提升全要素生产率`)
    r"(?:^|[，,])(?:有利于|有助于|有益于|能够|能(?![力源耗级])|可以(?=[助使让促帮]))"
    # after a short subject (`心得体会可以帮助我们…`, `数字经济有利于…`, `医保能够减轻…`, `医保还能推动…`)
    r"|^(?:(?!缺|没有|不|无|难)[^，,。；]){1,10}?(?:有利于|有助于|有益于|可以(?=[助使让促帮])|能够"
    r"|(?:还|也|更|才)能(?![力源耗级])|能(?=推动|促进|提高|提升|减轻|增强|降低|带动|激发|汇聚|保障|改善|形成))"
    r"|是[^，。]{0,16}(?:必然要求|必由之路|必然选择|内在要求|应有之义|重要基础|重要保障|重要支撑|重要途径|有效途径|重要策略"
    r"|重要手段|有效手段|重要抓手|前提|重要举措|关键举措|重要内容|关键一招|有力支撑|重要引擎|动力源泉|重要体现"
    r"|(?:重要|强大|根本|不竭|持久|内生|强劲)动力|重要措施|有效措施|固本之策|治本之策|根本之策)$"
    # the same said as a noun phrase, without its subject (`统筹发展和安全的重要支撑`)
    r"|的(?:应有之义|题中之义|必然要求|内在要求|必由之路|必然选择|重要支撑|有力支撑|重要保障|重要引擎|固本之策|关键一招)$"
    # `是满足群众美好生活的需要`, `是坚持以人民为中心的具体体现`
    # also after a first clause naming the thing (`扎实做好医疗保险工作，是…切实改善民生的需要`)
    r"|(?:^|[，,])(?:这|此|这也|这更|这既)?是[^。]{2,30}的(?:具体|集中|生动|重要|根本|内在|现实|迫切|积极|有力|深刻)?"
    r"(?:需要|要求|体现|保障|基础|关键|前提|应有之义|回应|诠释|彰显)$"
    r"|^[^，。]{0,12}?(?:是为了|事关|关系到|关乎)"  # what a thing is done for (`制定《规划》是为了…`)
    # what it bears on, after a first clause naming the thing (`生态文明，关系人民福祉`)
    r"|[，,](?:事关|关系到|关乎|攸关)[\u4e00-\u9fff“]"
    r"|[，,]关系着?[\u4e00-\u9fff“”]{1,10}(?:福祉|大局|全局|未来|命运|前途|成败|兴衰|稳定|安全|和谐|民生|长远|利益"
    r"|幸福|健康|发展)$"
    # `为乡村振兴注入新动能`, `对于促进社会公平具有重要意义`
    r"|(?:^|[，,])为[^，。]{1,16}?(?:注入|提供|奠定|创造|打下|开辟|增添)|具有[\u4e00-\u9fff]{0,8}(?:意义|价值|作用)$"
)

# A trait or a type named as a noun (`活态传承性`, `工作的经验性、理论性`, `“算法调度”型就业`): heads
# that describe their subject, not a list to act on.
TRAIT = re.compile(r"^[^，,。；：:]{1,10}(?<![必重紧])性$|^[^，,。；：:]{1,8}型[\u4e00-\u9fff]{0,3}$")

# What the writer's side did over a period, reported (`这一年，我们苦干实干，…`, `一年来，我们的工作涵盖五个方面`,
# `今年以来，我县…`): the work done, whatever verbs follow; not what it will do (`新的一年，我们要…`).
REPORTED = re.compile(
    r"^(?:这一年|一年来|过去的?一年|今年以来|去年以来|本年度|上半年|今年上半年|[一二三四]季度以来?|\d{4}年(?:以来)?)"
    r"[，,]?(?:我们|我县|我市|我区|我镇|我乡|我局|我委|我院|我校|我单位|我部门|本局|全县|全市|全区|全镇)"
    r"(?![^，。；]{0,4}?(?:(?<![主重必需只想简纲首摘])要|将|应|计划|打算|力争|争取))"
)

# The rows in the order they decide: a benefit, a deficit at the end, a result or lead, a call to act,
# advice, a shortcoming anywhere.
# A head no row reads falls back on the kind words of a heading (`…是一大问题`).
HEAD_ROWS: tuple[tuple[SectionKind, re.Pattern[str]], ...] = (
    (SectionKind.SIGNIFICANCE, BENEFIT),
    (SectionKind.PROBLEMS, DEFICIT_END),
    (SectionKind.ACHIEVEMENTS, _RESULT_END),
    (SectionKind.ACHIEVEMENTS, _LEADING),
    (SectionKind.ACHIEVEMENTS, REPORTED),
    (SectionKind.COUNTERMEASURES, CALL_START),
    (SectionKind.COUNTERMEASURES, _ADVICE),
    (SectionKind.PROBLEMS, SHORTCOMING),
)
