#!/usr/bin/env python3
"""Compiles the reading data in GeoData/names/readings from PyPI packages.

Sources (MIT licence, by mozillazg; see GeoData/names/readings/LICENSE):
  pypinyin 0.55.0       pinyin_dict.json (readings of 41,923 characters, most common first)
                        phrases_dict.json (readings of 47,111 phrases)
  pypinyin-dict 0.9.0   pinyin_data/kmandarin_8105.py (the 8,105 characters of the 通用规范汉字表,
                        with their kMandarin reading) and pinyin_data/ktghz2013.py (the readings of the
                        通用规范汉字字典, 2013: the standard readings of those characters)

For a standard character the readings are those of the 通用规范汉字字典, most common first (in
pypinyin's order); rare historical readings pypinyin also lists (庄 péng) are left out, so that
only real polyphones (重 zhòng/chóng) are flagged for review.

Output (UTF-8, one record a line, loads in well under a second):
  chars.tsv      CHAR<TAB>reading1,reading2,…        (toned pinyin)
  phrases.tsv    PHRASE<TAB>syllable syllable …
  standard.txt   the 8,105 standard characters, in code-point order

With --places it also (re)writes the place-name tables in GeoData/names, from the same wheels plus
PyPI babel (BSD-3-Clause; it ships the Unicode CLDR data, Unicode licence):
  place-readings.tsv    the reviewed place-name phrase readings below (PLACE_READINGS), each with its
                        source; `ask` where place names use more than one reading (朝阳)
  place-characters.tsv  for every polyphonic standard character: its usual reading in place names and
                        the positions of a specific (first, middle, last) where it stays in doubt:
                        the reviewed PLACE_CHARACTERS below, else the reading distribution of the
                        character over pypinyin-dict's large_pinyin phrases (a reading that covers
                        ≥ 85 % of them is taken as sure; otherwise the character asks everywhere)
  forbidden/foreign-places.tsv  CLDR names of countries/territories and exemplar cities in Simplified Chinese
  forbidden/contexts.txt  dictionary words (large_pinyin) that contain a word of the rule tables, so that
                        a hit inside a common word (魔芋, 大洋洲) is matched by word, not by substring
  forbidden/transliteration.txt  characters of the transliteration table frequent in CLDR foreign names
                        and rare in Chinese words

Usage: Scripts/compile-readings.py [--places] [--wheels DIR]   (fetches the wheels with `pip download`
unless DIR already holds them)
"""
import ast
import json
import os
import subprocess
import sys
import tempfile
import zipfile

PACKAGES = ["pypinyin==0.55.0", "pypinyin-dict==0.9.0"]
PLACE_PACKAGES = ["pypinyin-dict==0.9.0", "babel==2.19.0"]
NAMES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "GeoData", "names")

# The characters of the table used to transliterate foreign personal names into Chinese (as in the
# Xinhua News Agency's 外国人名汉字译写 practice), all of them in the 通用规范汉字表.
TRANSLITERATION_TABLE = (
    "阿埃艾爱安昂奥巴拜班邦鲍贝本比彼宾波伯博布查达戴丹道德登迪蒂丁杜多厄恩尔法范菲芬丰冯弗福富盖甘冈戈格根贡古瓜圭"
    "哈海汉豪赫亨洪胡华惠霍基吉加贾杰金居卡凯坎康考柯科可克肯孔库夸奎昆拉莱兰朗劳勒雷黎里利莉丽连列林琳卢鲁伦罗洛"
    "马迈麦曼芒毛梅门蒙米密明缪莫默姆穆纳娜奈南内尼妮宁纽努诺欧帕派潘庞佩彭皮珀普齐奇恰乔琼丘屈让茹若萨塞桑瑟沙莎"
    "山尚绍舍申圣施什史舒斯松苏索塔泰坦汤唐特提图托瓦万旺威韦维温翁沃乌伍武西希锡夏谢辛休修许雅亚扬耶伊因尤于约泽扎詹兹佐"
)

# Foreign place names CLDR does not list, seen in the 大洋怪重 clean-up campaigns (real-estate names
# copying famous districts, rivers and landmarks): reviewed by the project.
FOREIGN_SUPPLEMENT = [
    "好莱坞", "曼哈顿", "威尼斯", "香榭丽舍", "加州", "比佛利", "普罗旺斯", "托斯卡纳", "枫丹白露", "塞纳河", "莱茵河",
    "多瑙河", "泰晤士", "尼罗河", "阿尔卑斯", "地中海", "夏威夷", "迈阿密", "拉斯维加斯", "佛罗伦萨", "剑桥", "硅谷",
    "华尔街", "百老汇", "加勒比", "波尔多", "凡尔赛", "米兰", "巴塞罗那", "维也纳", "华盛顿", "罗马", "纽约", "伦敦",
    "巴黎", "洛杉矶", "旧金山", "芝加哥", "悉尼", "墨尔本", "多伦多", "温哥华", "莫斯科", "柏林", "慕尼黑", "汉堡",
    "阿姆斯特丹", "日内瓦", "苏黎世", "爱丁堡", "曼彻斯特", "利物浦", "太平洋", "大西洋", "欧洲", "美洲", "澳洲", "非洲",
]

# CLDR foreign place names that are also Chinese words or Chinese place names (reviewed).
FOREIGN_ALSO_CHINESE = {"万象", "东京", "金边", "凤凰城", "中途岛", "昭和"}

# Reviewed place-name phrase readings: phrase, readings, sure|ask, source.
PLACE_READINGS = [
    ("莘县", "shēn xiàn", "sure", "民政部行政区划: 山东省聊城市莘县 Shenxian"),
    ("莘", "shēn", "sure", "DOMAIN.md §4 rule 7 (聊城 local reading)"),
    ("茌平", "chí píng", "sure", "民政部行政区划: 聊城市茌平区 Chiping"),
    ("乐陵", "lè líng", "sure", "民政部行政区划: 德州市乐陵市 Leling"),
    ("十里堡", "shí lǐ pù", "sure", "DOMAIN.md §4 rule 7; 堡 = 铺 (post station) in north-China village names"),
    ("吴堡", "wú bǔ", "sure", "民政部行政区划: 陕西省榆林市吴堡县 Wubu"),
    ("六安", "lù ān", "sure", "民政部行政区划: 安徽省六安市 Lu'an"),
    ("东阿", "dōng ē", "sure", "民政部行政区划: 聊城市东阿县 Dong'e"),
    ("阿城", "ē chéng", "sure", "民政部行政区划: 哈尔滨市阿城区 Acheng; 阳谷县阿城镇 reads ē"),
    ("单县", "shàn xiàn", "sure", "民政部行政区划: 菏泽市单县 Shanxian"),
    ("曲阜", "qū fù", "sure", "民政部行政区划: 济宁市曲阜市 Qufu"),
    ("临朐", "lín qú", "sure", "民政部行政区划: 潍坊市临朐县 Linqu"),
    ("郓城", "yùn chéng", "sure", "民政部行政区划: 菏泽市郓城县 Yuncheng"),
    ("长清", "cháng qīng", "sure", "民政部行政区划: 济南市长清区 Changqing"),
    ("长岛", "cháng dǎo", "sure", "民政部行政区划: 烟台市长岛 Changdao"),
    ("长治", "cháng zhì", "sure", "民政部行政区划: 山西省长治市 Changzhi"),
    ("长子", "zhǎng zǐ", "sure", "民政部行政区划: 长治市长子县 Zhangzi"),
    ("长安", "cháng ān", "sure", "民政部行政区划: 西安市长安区 Chang'an"),
    ("朝阳", "cháo yáng", "ask", "民政部行政区划: 北京市朝阳区, 辽宁省朝阳市 Chaoyang; 朝阳 'morning sun' (zhāoyáng) also names villages and streets"),
    ("朝天", "cháo tiān", "sure", "民政部行政区划: 广元市朝天区 Chaotian"),
    ("蚌埠", "bèng bù", "sure", "民政部行政区划: 安徽省蚌埠市 Bengbu"),
    ("丽水", "lí shuǐ", "sure", "民政部行政区划: 浙江省丽水市 Lishui"),
    ("铅山", "yán shān", "sure", "民政部行政区划: 江西省上饶市铅山县 Yanshan"),
    ("番禺", "pān yú", "sure", "民政部行政区划: 广州市番禺区 Panyu"),
    ("厦门", "xià mén", "sure", "民政部行政区划: 福建省厦门市 Xiamen"),
    ("洪洞", "hóng tóng", "sure", "民政部行政区划: 山西省临汾市洪洞县 Hongtong"),
    ("蔚县", "yù xiàn", "sure", "民政部行政区划: 河北省张家口市蔚县 Yuxian"),
    ("枞阳", "zōng yáng", "sure", "民政部行政区划: 安徽省铜陵市枞阳县 Zongyang"),
    ("乐亭", "lào tíng", "sure", "民政部行政区划: 河北省唐山市乐亭县 Laoting"),
    ("大城", "dài chéng", "ask", "民政部行政区划: 河北省廊坊市大城县 Daicheng (local reading; the standard list romanises Dacheng)"),
    ("重庆", "chóng qìng", "sure", "民政部行政区划: 重庆市 Chongqing"),
    ("会稽", "kuài jī", "sure", "《中国历史地名大辞典》: 会稽 Kuaiji"),
    ("解州", "xiè zhōu", "sure", "民政部行政区划: 运城市盐湖区解州镇 Xiezhou"),
    ("浒墅关", "xǔ shù guān", "sure", "民政部行政区划: 苏州市浒墅关镇 Xushuguan"),
    ("堡子", "pù zi", "ask", "north-China village names: 堡子 as 铺 (pù) or fort (bǎo)"),
    ("台儿庄", "tái ér zhuāng", "sure", "民政部行政区划: 枣庄市台儿庄区 Tai'erzhuang (儿 is a syllable, not erhua)"),
    ("女儿河", "nǚ ér hé", "sure", "葫芦岛市女儿河 Nü'erhe (儿 is a syllable)"),
    ("济南", "jǐ nán", "sure", "民政部行政区划: 山东省济南市 Jinan"),
    ("济宁", "jǐ níng", "sure", "民政部行政区划: 山东省济宁市 Jining"),
    ("济阳", "jǐ yáng", "sure", "民政部行政区划: 济南市济阳区 Jiyang"),
    ("牟平", "mù píng", "sure", "民政部行政区划: 烟台市牟平区 Muping"),
    ("闽侯", "mǐn hòu", "sure", "民政部行政区划: 福州市闽侯县 Minhou"),
    ("花儿", "huā r", "sure", "1984 rules, rule 12 example: 花儿市 Huārshì"),
    ("大栅栏", "dà shí làr", "sure", "北京 大栅栏 Dashilar (1984 rules erhua example)"),
]

# Reviewed usual readings of polyphonic characters in place names: char, reading, positions in doubt, source.
PLACE_CHARACTERS = [
    ("家", "jiā", "", "settlement word (张家庄): never neutral in names"),
    ("南", "nán", "", "direction (方位词)"),
    ("中", "zhōng", "", "direction (方位词): 中 zhòng occurs only in verbs"),
    ("大", "dà", "", "size word; dài only in 大夫/大王 and the 大城 county (place table)"),
    ("长", "cháng", "first,middle,last", "长清 cháng vs 长子 zhǎng: both in county names"),
    ("朝", "cháo", "first,middle,last", "朝阳区 cháo vs 朝阳 zhāo (morning sun)"),
    ("乐", "lè", "first,middle,last", "乐陵 lè vs 乐亭 lào, 乐清 yuè"),
    ("重", "chóng", "first,middle,last", "重庆 chóng vs 重镇 zhòng"),
    ("堡", "bǎo", "middle,last", "十里堡 pù, 吴堡 bǔ, 堡子 bǎo/pù: village names differ by region"),
    ("行", "háng", "first,middle,last", "行 háng (商行) vs xíng"),
    ("单", "shàn", "first", "单县 shàn; 单 dān in other words"),
    ("曲", "qū", "", "曲阜, 曲周 qū; 曲 qǔ (song) not in place names"),
    ("区", "qū", "", "区 qū; ōu is a surname only"),
    ("会", "huì", "first", "会稽 kuài; otherwise huì"),
    ("解", "xiè", "first,middle,last", "解州 xiè vs 解放 jiě"),
    ("厦", "xià", "first,middle,last", "厦门 xià vs 大厦 shà"),
    ("阿", "ā", "middle,last", "东阿 ē, 阿城 ē vs 阿里 ā"),
    ("铺", "pù", "", "铺 pù (post station, 三十里铺)"),
    ("圩", "wéi", "first,middle,last", "圩 wéi (dyke, 江南) vs xū (market, 岭南)"),
    ("埔", "pǔ", "first,middle,last", "黄埔 pǔ vs 大埔 bù"),
    ("冲", "chōng", "", "冲 chōng (mountain flat, 南方地名)"),
    ("都", "dū", "", "成都 dū; dōu is an adverb"),
    ("华", "huá", "first", "华山, 华县 huà vs 华 huá"),
    ("台", "tái", "", "台 tái; tāi only in 台州 (place table)"),
    ("洞", "dòng", "", "洪洞 tóng in the place table"),
    ("藏", "zàng", "first,middle,last", "西藏 zàng vs 藏 cáng (hide)"),
    ("泊", "pō", "first,middle,last", "梁山泊, 湖泊 pō vs 泊 bó (moor)"),
    ("蔚", "wèi", "first", "蔚县 yù vs 蔚蓝 wèi"),
    ("番", "fān", "first,middle,last", "番禺 pān vs 番 fān"),
    ("涌", "yǒng", "first,middle,last", "涌 chōng (river branch, 广东) vs yǒng"),
    ("浒", "hǔ", "first,middle,last", "浒墅关 xǔ vs 水浒 hǔ"),
    ("召", "zhào", "first,middle,last", "召 shào (邵) vs zhào"),
    ("查", "chá", "first,middle,last", "查 zhā (surname) vs chá"),
    ("盖", "gài", "first", "盖 gě (surname) vs gài"),
    ("柏", "bǎi", "", "柏 bǎi (cypress); bó in 柏林 only"),
    ("传", "chuán", "", "传 chuán"),
    ("宿", "sù", "", "宿州, 宿迁 sù"),
    ("仇", "qiú", "first", "仇 qiú (surname) vs chóu"),
    ("朴", "pǔ", "first", "朴 piáo (surname) vs pǔ"),
    ("燕", "yān", "first", "燕 yān (the old state, 燕山) vs yàn (swallow)"),
    ("和", "hé", "", "和 hé"),
    ("兴", "xīng", "", "兴 xīng (兴隆, 兴旺): xìng only in 高兴"),
    ("正", "zhèng", "", "正 zhèng"),
    ("石", "shí", "", "石 shí; dàn is a unit"),
    ("尾", "wěi", "", "尾 wěi"),
    ("角", "jiǎo", "", "角 jiǎo (岬角, 街角)"),
    ("屏", "píng", "", "屏 píng"),
    ("参", "cān", "first", "参 shēn (人参) vs cān"),
    ("济", "jǐ", "middle,last", "names after the 济水: 济南 Jǐnán, 济宁, 济阳 jǐ; 普济, 广济 jì (help)"),
    ("鲜", "xiān", "", "鲜 xiān"),
    ("调", "diào", "", "调 diào"),
    ("畜", "xù", "", "畜 xù (畜牧)"),
    ("薄", "bó", "", "薄 bó"),
    ("尽", "jìn", "", "尽 jìn"),
    ("相", "xiāng", "", "相 xiāng"),
    ("将", "jiāng", "", "将 jiāng"),
    ("着", "zhe", "first,middle,last", "rare in names"),
    ("得", "dé", "", "得 dé"),
    ("地", "dì", "", "地 dì"),
    ("的", "dì", "first,middle,last", "rare in names"),
    ("了", "liǎo", "first,middle,last", "rare in names"),
    ("好", "hǎo", "", "好 hǎo"),
    ("少", "shǎo", "", "少 shǎo"),
    ("干", "gān", "first,middle,last", "干 gān vs gàn"),
    ("发", "fā", "", "发 fā (发展)"),
    ("种", "zhǒng", "first,middle,last", "种 zhòng (种植) vs zhǒng"),
    ("还", "huán", "first,middle,last", "还 huán"),
    ("为", "wéi", "", "为 wéi"),
    ("数", "shù", "", "数 shù"),
    ("空", "kōng", "", "空 kōng"),
    ("教", "jiào", "", "教 jiào"),
    ("禅", "chán", "", "禅 chán"),
    ("似", "sì", "", "似 sì"),
    ("间", "jiān", "", "间 jiān"),
    ("塔", "tǎ", "", "塔 tǎ"),
    ("落", "luò", "", "落 luò"),
    ("场", "chǎng", "", "场 chǎng (场院 cháng is local)"),
    ("泡", "pāo", "first,middle,last", "泡 pāo (lake, 东北) vs pào"),
    ("涡", "guō", "first", "涡阳 guō vs wō"),
    ("沙", "shā", "", "沙 shā"),
    ("车", "chē", "", "车 chē"),
    ("银", "yín", "", "银 yín"),
    ("营", "yíng", "", "营 yíng"),
    ("卡", "kǎ", "first,middle,last", "卡 qiǎ (checkpoint) vs kǎ"),
    ("哈", "hā", "", "哈 hā"),
    ("伯", "bó", "", "伯 bó"),
    ("期", "qī", "", "期 qī"),
    ("龟", "guī", "first,middle,last", "龟兹 qiū vs guī"),
    ("贾", "jiǎ", "", "surname 贾 jiǎ (贾庄); gǔ (merchant) is literary"),
    ("肖", "xiāo", "", "surname 肖 xiāo (肖家); xiào only in 肖像, 不肖"),
    ("侯", "hóu", "", "surname 侯 hóu (侯庄); hòu only in 闽侯 (place table)"),
]

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "GeoData", "names", "readings")


def load_dict(path, variable="pinyin_dict"):
    source = open(path, encoding="utf-8").read()
    literal = source.split(variable + " = ", 1)[1]
    return ast.literal_eval(literal[: literal.index("\n}") + 2])


def main():
    os.makedirs(OUT, exist_ok=True)
    with tempfile.TemporaryDirectory() as work:
        subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d", work] + PACKAGES, check=True)
        for wheel in os.listdir(work):
            zipfile.ZipFile(os.path.join(work, wheel)).extractall(os.path.join(work, "x"))
        root = os.path.join(work, "x")
        chars = json.load(open(os.path.join(root, "pypinyin", "pinyin_dict.json"), encoding="utf-8"))
        phrases = json.load(open(os.path.join(root, "pypinyin", "phrases_dict.json"), encoding="utf-8"))
        standard = load_dict(os.path.join(root, "pypinyin_dict", "pinyin_data", "kmandarin_8105.py"))
        tghz = load_dict(os.path.join(root, "pypinyin_dict", "pinyin_data", "ktghz2013.py"))

    for code, readings in tghz.items():
        key = str(code)
        standard_readings = readings.split(",")
        common = [r for r in chars.get(key, "").split(",") if r]
        ordered = [r for r in common if r in standard_readings]
        if not ordered:  # the two sources disagree (㴔): keep both, pypinyin's first
            ordered = common
        chars[key] = ",".join(ordered + [r for r in standard_readings if r not in ordered])

    with open(os.path.join(OUT, "chars.tsv"), "w", encoding="utf-8") as f:
        for code in sorted(chars, key=int):
            f.write(f"{chr(int(code))}\t{chars[code]}\n")
    with open(os.path.join(OUT, "phrases.tsv"), "w", encoding="utf-8") as f:
        for phrase in sorted(phrases):
            syllables = [options[0] for options in phrases[phrase]]
            f.write(f"{phrase}\t{' '.join(syllables)}\n")
    with open(os.path.join(OUT, "standard.txt"), "w", encoding="utf-8") as f:
        f.write("".join(chr(code) for code in sorted(standard)) + "\n")
    print(f"{len(chars)} characters, {len(phrases)} phrases, {len(standard)} standard characters -> {os.path.normpath(OUT)}")


def tone(syllable):
    marks = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
    return any(c in marks for c in syllable)


def load_large(root):
    """pypinyin-dict's large_pinyin phrases: phrase → first reading of each character."""
    phrases = {}
    folder = os.path.join(root, "pypinyin_dict", "phrase_pinyin_data")
    for name in sorted(os.listdir(folder)):
        if name.startswith("large_pinyin_") and name.endswith(".py"):
            for phrase, readings in load_dict(os.path.join(folder, name), "phrases_dict").items():
                phrases[phrase] = [r[0] for r in readings]
    return phrases


def rule_words():
    """The words of the rule tables (GeoData/names/forbidden/*.tsv, first column)."""
    words = set()
    folder = os.path.join(NAMES, "forbidden")
    for name in os.listdir(folder) if os.path.isdir(folder) else []:
        if not name.endswith(".tsv"):
            continue
        for line in open(os.path.join(folder, name), encoding="utf-8"):
            if line.strip() and not line.startswith("#"):
                words.add(line.split("\t")[0].strip())
    return words


def places(wheels):
    """Writes the place-name tables (see the module doc)."""
    with tempfile.TemporaryDirectory() as work:
        if not wheels:
            wheels = os.path.join(work, "w")
            subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d", wheels] + PLACE_PACKAGES, check=True)
        root = os.path.join(work, "x")
        for wheel in os.listdir(wheels):
            if wheel.endswith(".whl") and (wheel.startswith("pypinyin_dict") or wheel.startswith("babel")):
                zipfile.ZipFile(os.path.join(wheels, wheel)).extractall(root)
        large = load_large(root)
        sys.path.insert(0, root)
        from babel import Locale
        locale = Locale.parse("zh_Hans")
        foreign = {}
        for code, name in locale.territories.items():
            if not code.isdigit() and code not in ("CN", "HK", "MO", "TW", "ZZ", "EU", "EZ", "UN", "QO"):
                foreign[name] = "country/territory " + code
        domestic = ("Asia/Shanghai", "Asia/Urumqi", "Asia/Hong_Kong", "Asia/Macau", "Asia/Taipei", "Asia/Harbin", "Asia/Chongqing", "Asia/Kashgar")
        for zone, data in locale._data["time_zones"].items():
            city = data.get("city")
            if city and zone not in domestic and all("\u4e00" <= c <= "\u9fff" for c in city):
                foreign.setdefault(city, "exemplar city " + zone)
        for name in FOREIGN_SUPPLEMENT:
            foreign.setdefault(name, "reviewed supplement (not in CLDR)")

    standard = set(open(os.path.join(OUT, "standard.txt"), encoding="utf-8").read().strip())
    chars = {}
    for line in open(os.path.join(OUT, "chars.tsv"), encoding="utf-8"):
        c, readings = line.rstrip("\n").split("\t")
        chars[c] = readings.split(",")

    with open(os.path.join(NAMES, "place-readings.tsv"), "w", encoding="utf-8") as f:
        f.write("# Reviewed readings of polyphones in place names (DOMAIN.md §4 rule 7), compiled by\n")
        f.write("# Scripts/compile-readings.py --places. `ask`: place names use more than one reading, staff confirm.\n")
        f.write("# Confirmed readings kept in the registry take precedence over this table.\n")
        f.write("# phrase\treadings\tsure|ask\tsource\n")
        for phrase, readings, status, source in PLACE_READINGS:
            assert len(readings.split()) == len(phrase), phrase
            f.write(f"{phrase}\t{readings}\t{status}\t{source}\n")

    counts = {}
    for phrase, readings in large.items():
        if len(readings) != len(phrase):
            continue
        for c, r in zip(phrase, readings):
            if c in standard and len(chars.get(c, [])) > 1:
                counts.setdefault(c, {}).setdefault(r, 0)
                counts[c][r] += 1
    reviewed = {c: (r, ask, src) for c, r, ask, src in PLACE_CHARACTERS}
    rows = []
    for c in sorted(standard):
        readings = [r for r in chars.get(c, []) if tone(r)]
        if len(chars.get(c, [])) < 2:
            continue
        if c in reviewed:
            rows.append((c,) + reviewed[c])
            continue
        if len(set(readings)) <= 1:
            rows.append((c, readings[0] if readings else chars[c][0], "", "one toned reading (the others are neutral)"))
            continue
        tally = {r: n for r, n in counts.get(c, {}).items() if tone(r)}
        total = sum(tally.values())
        top = max(tally, key=tally.get) if tally else readings[0]
        share = tally.get(top, 0) / total if total else 0
        if total >= 5 and share >= 0.85:
            rows.append((c, top, "", f"large_pinyin: {top} in {share:.0%} of {total} phrases"))
        else:
            rows.append((c, readings[0], "first,middle,last", f"large_pinyin: {top} in {share:.0%} of {total} phrases"))
    with open(os.path.join(NAMES, "place-characters.tsv"), "w", encoding="utf-8") as f:
        f.write("# Usual readings of the polyphonic standard characters in place names, and the positions of a\n")
        f.write("# specific where they stay in doubt (the romaniser asks for review only there). Compiled by\n")
        f.write("# Scripts/compile-readings.py --places: reviewed entries first, else pypinyin-dict statistics.\n")
        f.write("# char\treading\tpositions in doubt\tsource\n")
        for c, r, ask, src in rows:
            f.write(f"{c}\t{r}\t{ask or '-'}\t{src}\n")

    # Transliteration characters: characters of the table for transliterating foreign personal names
    # (TRANSLITERATION_TABLE) that are frequent in CLDR foreign names and rare in Chinese words:
    # score = uses in foreign names × 1000 / (large_pinyin phrases with the character + 50) ≥ 25
    # (斯 90, 尔 63, 克 69 qualify; 安 15, 林 12, 马 23 do not).
    in_words = {}
    for phrase in large:
        for c in set(phrase):
            in_words[c] = in_words.get(c, 0) + 1
    use = {}
    for name in foreign:
        for c in set(name):
            use[c] = use.get(c, 0) + 1
    translit = sorted(c for c in set(TRANSLITERATION_TABLE) if c in standard and use.get(c, 0) * 1000 / (in_words.get(c, 0) + 50) >= 25)
    with open(os.path.join(NAMES, "forbidden", "transliteration.txt"), "w", encoding="utf-8") as f:
        f.write("# Characters typical of transliterated foreign personal names (斯, 尔, 克 …): from the transliteration\n")
        f.write("# character table, frequent in CLDR foreign names and rare in Chinese words. A specific of three or more\n")
        f.write("# characters made only of these, and not a dictionary word, gets a warning. Compiled by\n")
        f.write("# Scripts/compile-readings.py --places.\n")
        f.write("".join(translit) + "\n")

    with open(os.path.join(NAMES, "forbidden", "foreign-places.tsv"), "w", encoding="utf-8") as f:
        f.write("# Foreign place names in Simplified Chinese (条例 Art. 9: no foreign place names), compiled by\n")
        f.write("# Scripts/compile-readings.py --places from the Unicode CLDR data in PyPI babel 2.19.0 (Unicode licence).\n")
        f.write("# kind `word`: the name also has a Chinese meaning (FOREIGN_ALSO_CHINESE: 万象, 金边, 东京 the old\n")
        f.write("# name of 开封): a warning, not an error.\n")
        f.write("# word\tkind\tsource\n")
        for name in sorted(foreign):
            if len(name) >= 2:
                common = name in FOREIGN_ALSO_CHINESE
                f.write(f"{name}\t{'word' if common else 'name'}\t{foreign[name]}\n")

    words = rule_words() | set(foreign)
    contexts = set()
    for phrase in large:
        if 2 <= len(phrase) <= 6 and phrase not in words:
            pieces = (phrase[i:j] for i in range(len(phrase)) for j in range(i + 1, len(phrase) + 1) if j - i < len(phrase))
            if any(piece in words for piece in pieces):
                contexts.add(phrase)
    with open(os.path.join(NAMES, "forbidden", "contexts.txt"), "w", encoding="utf-8") as f:
        f.write("# Dictionary words (pypinyin-dict large_pinyin) that contain a word of the rule tables: a hit inside\n")
        f.write("# one of them is not that word (魔芋 is not 魔). Compiled by Scripts/compile-readings.py --places.\n")
        for phrase in sorted(contexts):
            f.write(phrase + "\n")
    print(f"{len(PLACE_READINGS)} place readings, {len(rows)} place characters, {len(foreign)} foreign places, "
          f"{len(translit)} transliteration characters, {len(contexts)} context words -> {os.path.normpath(NAMES)}")


if __name__ == "__main__":
    if "--places" in sys.argv:
        wheels = sys.argv[sys.argv.index("--wheels") + 1] if "--wheels" in sys.argv else None
        places(wheels)
    else:
        main()
