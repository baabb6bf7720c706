"""Legacy CJK encodings: decoded exactly, or quarantined when the bytes cannot tell; never U+FFFD.

Encoding names returned: the standard codec whenever it decodes the bytes, a superset only when
the text needs it. GBK and GB2312 bytes come back as "gb18030", the superset that every GBK file
also is (the two cannot be told apart unless a character outside GBK shows up).
"""

from __future__ import annotations

import pytest

from tasks.ingest import DecodeError, decode_text, normalize_text

ZH_HANS = (
    "新华社北京12月31日电 国家统计局今天发布数据显示，今年前十一个月全国规模以上工业企业实现利润总额"
    "七万九千七百五十亿元，同比增长百分之三十八。专家表示，随着国内需求逐步恢复，制造业投资保持稳定增长，"
    "出口继续发挥重要支撑作用。\n"
    "与此同时，原材料价格上涨给中下游企业带来一定压力，部分小微企业经营仍面临困难。有关部门表示，"
    "将继续加大减税降费力度，帮助企业降低成本，稳定市场预期。分析人士认为，明年经济运行总体平稳，"
    "但仍需警惕外部环境变化带来的不确定性。\n"
)
# "䶮" and "•" are outside GBK: only GB18030 encodes them.
ZH_GB18030 = (
    "中新社广州12月31日电 广州市文物部门今天宣布，南汉开国皇帝刘䶮的康陵遗址公园将于明年春节前对公众开放。"
    "考古人员介绍，康陵是目前国内保存最完整的五代十国帝王陵墓之一，出土的哀册文碑对研究岭南历史具有重要价值。\n"
    "另据沙特通讯社报道，沙特王储穆罕默德•本•萨勒曼当天在利雅得会见了来访的中国代表团，双方就经贸合作、"
    "能源安全以及共同关心的地区问题深入交换了意见，并同意进一步加强在基础设施和新能源领域的合作。\n"
)
ZH_HANT = (
    "中央社台北12月31日電 行政院主計總處今天公布最新統計，今年經濟成長率預估達百分之六點一，創下十一年來新高。"
    "官員指出，受惠於全球科技產品需求強勁，半導體與資訊通信產品出口持續成長，帶動民間投資擴大。\n"
    "不過，國內疫情一度升溫，餐飲、觀光等服務業受到明顯衝擊，就業市場恢復速度仍較緩慢。主計總處表示，"
    "明年經濟可望維持穩定成長，但國際原物料價格上漲與供應鏈瓶頸，仍是需要密切關注的風險。\n"
)
JA = (
    "東京都は31日、新型コロナウイルスの感染者が新たに七十八人確認されたと発表した。前の週の同じ曜日と比べて"
    "大幅に増加しており、都の担当者は年末年始の人の移動によって感染が広がるおそれがあるとして、警戒を呼びかけている。\n"
    "政府は、変異株の市中感染が各地で確認されていることを受けて、水際対策を当面の間継続する方針を明らかにした。"
    "岸田首相は記者団に対し、「最悪の事態を想定して、医療提供体制の確保に全力を挙げる」と述べた。"
    "専門家は、ワクチンの追加接種を急ぐ必要があると指摘している。\n"
)
# "①" and "～" are Windows (cp932) extensions that plain Shift-JIS lacks.
JA_CP932 = (
    "厚生労働省は31日、年末年始の感染対策として、次の三点を改めて呼びかけた。①マスクの着用、②こまめな手洗い、"
    "③換気の徹底。特に12月29日～1月3日は帰省や旅行で人の移動が増えるため、高齢者と会う前には検査を受けるよう"
    "求めている。担当者は「一人ひとりの行動が医療を守ることにつながる」と話している。\n"
)
KO = (
    "정부는 31일 내년 경제정책방향을 발표하고 내년 경제성장률 전망치를 3.1%로 제시했다. 기획재정부는 수출 호조와 "
    "투자 회복세가 이어지면서 경제가 완만한 회복 흐름을 보일 것으로 예상했다.\n"
    "다만 코로나19 확산세와 국제 원자재 가격 상승, 공급망 차질 등 대내외 불확실성이 여전히 크다고 지적했다. "
    "홍남기 경제부총리는 기자회견에서 \"민생 안정과 일자리 회복에 정책 역량을 집중하겠다\"고 말했다. "
    "전문가들은 물가 상승 압력이 커지고 있어 가계 부담이 늘어날 수 있다고 우려했다.\n"
)
# "똠" is one of the Hangul syllables only the Windows superset (cp949, UHC) encodes directly.
KO_CP949 = (
    "이문구 작가의 장편소설 ‘똠방각하’가 내년 봄 드라마로 다시 제작된다고 방송사가 31일 밝혔다. 제작진은 "
    "1970년대 충청도 농촌을 배경으로 한 원작의 분위기를 살리기 위해 지역 주민들과 함께 촬영지를 물색하고 있으며, "
    "주연 배우는 다음 달 초 공개할 예정이라고 설명했다.\n"
)

HEADLINES = {
    "zh_hans": ["国家统计局发布数据：工业企业利润同比增长百分之三十八", "北京冬奥会筹备工作进入最后冲刺阶段",
                "央行宣布下调存款准备金率零点五个百分点", "长江流域遭遇罕见干旱 多地实行限电措施",
                "外交部发言人就美国对台军售问题答记者问", "台风“烟花”登陆浙江 数十万人紧急转移"],
    "zh_hant": ["主計總處：今年經濟成長率預估達百分之六點一", "颱風逼近 氣象局發布海上警報",
                "台積電宣布赴日本設廠 投資金額逾兩千億", "行政院會通過明年度中央政府總預算案",
                "疾管署：新增三例境外移入確診個案", "總統出席國慶大會 呼籲兩岸和平對話"],
    "ja": ["東京都で新たに七十八人感染確認　年末年始の移動に警戒", "日銀、大規模緩和を維持　物価見通しを上方修正",
           "大谷翔平選手がア・リーグＭＶＰに選出", "北海道で震度五弱の地震　津波の心配なし",
           "新幹線が大雪で運転見合わせ　帰省客に影響", "国内の出生数、過去最少を更新"],
    "ko": ["정부, 내년 경제성장률 전망치 3.1%로 제시", "서울 아파트값 상승세 주춤… 거래량 급감",
           "한국은행 기준금리 0.25%포인트 인상", "코로나19 신규 확진자 나흘째 5천명대",
           "수도권 폭설로 출근길 교통 대란", "손흥민 시즌 10호골… 토트넘 승리 견인"],
}


@pytest.mark.parametrize("text,encoding,expected", [
    (ZH_GB18030, "gb18030", "gb18030"),
    (ZH_HANS, "gb18030", "gb18030"),
    (ZH_HANS, "gbk", "gb18030"),  # GBK is a subset of GB18030: same bytes, same text
    (ZH_HANS, "gb2312", "gb18030"),
    (ZH_HANT, "big5", "big5"),
    (JA, "shift_jis", "shift_jis"),
    (JA_CP932, "cp932", "cp932"),
    (JA, "euc_jp", "euc_jp"),
    (JA, "iso2022_jp", "iso2022_jp"),
    (KO, "euc_kr", "euc_kr"),
    (KO_CP949, "cp949", "cp949"),
    (KO, "iso2022_kr", "iso2022_kr"),
], ids=["gb18030", "gb18030-gbk-subset", "gbk", "gb2312", "big5", "shift_jis", "cp932", "euc_jp", "iso2022_jp",
        "euc_kr", "cp949", "iso2022_kr"])
def test_cjk_news_paragraphs_decode_exactly(text, encoding, expected):
    decoded, detected = decode_text(text.encode(encoding))
    assert "\ufffd" not in decoded
    assert decoded == text
    assert detected == expected


def test_gb18030_is_not_taken_for_damaged_utf8():
    """The reported defect: 71 'invalid bytes replaced' and a text detected as Bengali."""
    decoded, detected = decode_text(ZH_GB18030.encode("gb18030"))
    assert not detected.startswith("utf-8") and decoded == ZH_GB18030


@pytest.mark.parametrize("text,superset,standard", [
    (ZH_GB18030, "gb18030", "gbk"), (JA_CP932, "cp932", "shift_jis"), (KO_CP949, "cp949", "euc_kr"),
])
def test_the_superset_texts_need_their_superset(text, superset, standard):
    with pytest.raises(UnicodeDecodeError):
        text.encode(superset).decode(standard)


@pytest.mark.parametrize("lang,encoding", [
    ("zh_hans", "gb18030"), ("zh_hans", "gbk"), ("zh_hant", "big5"), ("ja", "shift_jis"), ("ja", "euc_jp"),
    ("ja", "iso2022_jp"), ("ko", "euc_kr"),
])
def test_headlines_decode_exactly_or_are_quarantined(lang, encoding):
    decoded_right = 0
    for headline in HEADLINES[lang]:
        try:
            decoded, _ = decode_text(headline.encode(encoding))
        except DecodeError as exc:
            assert exc.reason == "undecodable" and "UTF-8" in exc.detail
            continue
        assert "\ufffd" not in decoded
        assert decoded == headline, f"{headline!r} came back as {decoded!r}"
        decoded_right += 1
    # quarantine is the fallback, not the rule: today every one of these headlines decodes
    assert decoded_right == len(HEADLINES[lang])


@pytest.mark.parametrize("text,encoding", [("读取", "gbk"), ("北京", "gbk"), ("新闻快讯", "gbk"), ("速報", "euc_jp")])
def test_a_few_cjk_characters_are_quarantined_not_guessed(text, encoding):
    with pytest.raises(DecodeError) as exc:
        decode_text(text.encode(encoding))
    assert exc.value.reason == "undecodable" and "re-save the file as UTF-8" in exc.value.detail


def test_damaged_utf8_cjk_stays_utf8():
    head, tail = ZH_HANS.split("\n", 1)
    data = head.encode() + b"\xff\xfe\n" + tail.encode()[:-40] + b"\x80" + tail.encode()[-40:]
    decoded, detected = decode_text(data)
    assert detected.startswith("utf-8 (") and detected.endswith("replaced)")
    assert decoded.count("\ufffd") >= 2 and "国家统计局" in decoded and "但仍需警惕" in decoded


def test_damaged_utf8_cjk_headline_stays_utf8():
    data = "国家统计局发布数据：工业企业利润同比增长".encode() + b"\xff"
    decoded, detected = decode_text(data)
    assert detected == "utf-8 (1 invalid byte replaced)" and decoded.startswith("国家统计局")


@pytest.mark.parametrize("text,encoding,expected", [
    ("Президент России Владимир Путин провёл телефонный разговор с президентом США Джо Байденом. "
     "Стороны обсудили ситуацию вокруг Украины и гарантии безопасности.\n", "koi8_r", "koi8_r"),
    ("Президент России Владимир Путин провёл телефонный разговор с президентом США Джо Байденом. "
     "Стороны обсудили ситуацию вокруг Украины и гарантии безопасности.\n", "cp1251", "cp1251"),
    ("Prezydent Rosji Władimir Putin rozmawiał telefonicznie z prezydentem USA. Rozmowa dotyczyła "
     "sytuacji na Ukrainie i gwarancji bezpieczeństwa, powiedział rzecznik Kremla.\n", "cp1250", "cp1250"),
    ("Ruský prezident Vladimir Putin telefonoval s americkým prezidentem Joem Bidenem. Hovořili o "
     "situaci na Ukrajině a o bezpečnostních zárukách, uvedl mluvčí Kremlu.\n", "iso8859_2", "cp1250"),
    ("Ο Ρώσος πρόεδρος Βλαντιμίρ Πούτιν είχε τηλεφωνική συνομιλία με τον Αμερικανό πρόεδρο Τζο "
     "Μπάιντεν για την κατάσταση στην Ουκρανία.\n", "cp1253", "cp1253"),
], ids=["ru-koi8_r", "ru-cp1251", "pl-cp1250", "cs-iso8859_2", "el-cp1253"])
def test_eight_bit_code_pages_still_decode(text, encoding, expected):
    # the same text either way: ISO 8859-2 Czech has no byte that Windows-1250 reads differently
    decoded, detected = decode_text(text.encode(encoding))
    assert decoded == text and detected == expected


def test_a_gb18030_file_becomes_one_chinese_article(tmp_path):
    from tests.conftest import pipeline_articles

    (tmp_path / "zhongxinshe-gb18030.txt").write_bytes(ZH_GB18030.encode("gb18030"))
    [article] = pipeline_articles(tmp_path)
    assert article["encoding"] == "gb18030" and article["lang"] == "zh"
    assert "\ufffd" not in article["text_raw"] and article["text_raw"] == normalize_text(ZH_GB18030)


@pytest.mark.e2e
def test_a_gb18030_file_through_the_cli(tmp_path, newsetl):
    import duckdb

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "zhongxinshe-gb18030.txt").write_bytes(ZH_GB18030.encode("gb18030"))
    (inbox / "headline-gbk.txt").write_bytes("新闻快讯".encode("gbk"))
    out = newsetl("run", "--input", str(inbox), "--data", str(tmp_path / "data"))
    assert out.returncode == 0, out.stdout + out.stderr
    con = duckdb.connect(str(tmp_path / "data" / "news.duckdb"), read_only=True)
    rows = con.execute("select source_file, encoding, lang, text_raw from articles").fetchall()
    assert [(f, enc, lang) for f, enc, lang, _ in rows] == [("zhongxinshe-gb18030.txt", "gb18030", "zh")]
    assert "\ufffd" not in rows[0][3] and "刘䶮" in rows[0][3]
    assert con.execute("select source_file, reason from quarantine").fetchall() == [
        ("headline-gbk.txt", "undecodable")]
