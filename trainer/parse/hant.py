"""Traditional characters folded to simplified ones, one for one, for matching only (not display)."""

from __future__ import annotations

import re

# The vocabulary and the markers read a page in 繁體 (a Hong Kong or Taiwan repost, a 公众号 column) as
# they read one in 简体. Only characters whose traditional form maps to exactly one simplified character
# and is not itself an ordinary simplified character are listed (`著`, `乾`, `於` are left alone). The
# text shown to the learner keeps the page's own characters: only the folded key used for matching changes.
# Pairs of (traditional, simplified), one string each, in the same order.
_HANT = (
    "與兩嚴個臨為舉麼義習億價從會傳來體傾關內決況準減幾則創劃動勵務區單壓釐參發變臺後嗎聽啓啟響國場堅處"
    "復複夠實對導層屢廣應開張強當徑徵總惡愛態懷戰擴執擔擇據揮撐擁數斷時顯極構標樹樣檢歸沒濟測滯濫點無狀獻現"
    "瑣畢癥盡監盤眾確礙礎積稱穩築筆節範簡籌紅級練組細織經結統績續維綜緩緊腳興營蘊補裝製見規視覺觀讓議設試"
    "該說讀調負貢責質費資賦趨躍轉輕較過還這進運選遺邊鄉鎮針鏈長門問間階陳陽際險隨隱難項須領頸頻題風驗齊齡"
    "條縣財貧農業產勞醫療養衛環護網絡電訊認識論爭們徹權糧儲優勢機戶團隊員線書記黨紀訂計畫綠陸辦報師學園課評"
    "萬歲統遊藝術將專屬亂腦檔雙溝暢遠踐壞錯誤雜蓋裡殘滿剛約給誰並佈歷華葉藥證災聯龍車軍輸達違規韌頭類顧"
    "願飛館驅體髮鬥魚鳥麗黃齒塊壇壯夢奪奮婦孫寧寶寫將尋導專屆峽島幣帶幫廳彈彙懇懲懶戲撥擊擬擴攜斂敵斃"
    "曉會條棄榮構樂槍歡殺氣沖決況淺淨涼減湧滅漢潔潛澤濕濱灣災烏煉煩熱爺牆犧獎獨獲獸瑪環產畝畫療癢盜盞睜"
    "矯礦禍禮禦稅種稱穀窮竊競筍簽粵糾紛紙紡紹終綫緒編縮繩總繫繼纏罰羅聖聲職聽膽膚臉臟艦藍蘇蘭蟲補襯覽討"
    "訓託詞詳誇誌語誠誕請諸謀謂謝謹譯護讚豐豬貝貨販貫貴貸貿賀賓賜賞賢賣賤賴賽贊贏趕跡踐躍軌軟載輔輛輪"
    "辭農遞遜遷適遲鄰醜釋鋼錢錄鍵鍛鐵鑒閉閒閑闖關陣陰陳隸雖雞離雲電靈靜響頁頂順預頒頓頗頻顆題額顏願類"
    "顯飢飯飲飽餘餓館馬駐騰驗驚鬧魯鮮鴻鹽麥齋匯係諧閱瀏圖輝"  # 閱瀏圖: a page's counts and captions
    "劉楊趙吳鄭許韓馮鄧蕭蔣呂盧鍾譚賈韋鄒閆龔湯",  # surnames, for bylines
    "与两严个临为举么义习亿价从会传来体倾关内决况准减几则创划动励务区单压厘参发变台后吗听启启响国场坚处"
    "复复够实对导层屡广应开张强当径征总恶爱态怀战扩执担择据挥撑拥数断时显极构标树样检归没济测滞滥点无状献现"
    "琐毕症尽监盘众确碍础积称稳筑笔节范简筹红级练组细织经结统绩续维综缓紧脚兴营蕴补装制见规视觉观让议设试"
    "该说读调负贡责质费资赋趋跃转轻较过还这进运选遗边乡镇针链长门问间阶陈阳际险随隐难项须领颈频题风验齐龄"
    "条县财贫农业产劳医疗养卫环护网络电讯认识论争们彻权粮储优势机户团队员线书记党纪订计画绿陆办报师学园课评"
    "万岁统游艺术将专属乱脑档双沟畅远践坏错误杂盖里残满刚约给谁并布历华叶药证灾联龙车军输达违规韧头类顾"
    "愿飞馆驱体发斗鱼鸟丽黄齿块坛壮梦夺奋妇孙宁宝写将寻导专届峡岛币带帮厅弹汇恳惩懒戏拨击拟扩携敛敌毙"
    "晓会条弃荣构乐枪欢杀气冲决况浅净凉减涌灭汉洁潜泽湿滨湾灾乌炼烦热爷墙牺奖独获兽玛环产亩画疗痒盗盏睁"
    "矫矿祸礼御税种称谷穷窃竞笋签粤纠纷纸纺绍终线绪编缩绳总系继缠罚罗圣声职听胆肤脸脏舰蓝苏兰虫补衬览讨"
    "训托词详夸志语诚诞请诸谋谓谢谨译护赞丰猪贝货贩贯贵贷贸贺宾赐赏贤卖贱赖赛赞赢赶迹践跃轨软载辅辆轮"
    "辞农递逊迁适迟邻丑释钢钱录键锻铁鉴闭闲闲闯关阵阴陈隶虽鸡离云电灵静响页顶顺预颁顿颇频颗题额颜愿类"
    "显饥饭饮饱余饿馆马驻腾验惊闹鲁鲜鸿盐麦斋汇系谐阅浏图辉"
    "刘杨赵吴郑许韩冯邓萧蒋吕卢钟谭贾韦邹闫龚汤",
)
assert len(_HANT[0]) == len(_HANT[1]), (len(_HANT[0]), len(_HANT[1]))
HANT_TO_HANS: dict[int, str] = {ord(t): s for t, s in zip(*_HANT, strict=True) if t != s}


# Most pages have no traditional character: one search says so faster than translating every line.
_ANY_HANT = re.compile("[" + "".join(map(chr, HANT_TO_HANS)) + "]")


def hans(text: str) -> str:
    """The text with its traditional characters folded to simplified, one for one."""
    return text.translate(HANT_TO_HANS) if _ANY_HANT.search(text) else text
