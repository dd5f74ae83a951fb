import Foundation
import Naming
import Testing

/// The printed examples of the 1984 rules (《中国地名汉语拼音字母拼写规则(汉语地名部分)》) for roads and
/// streets, and GB/T 16159-2012: toned and sign forms.
@Suite("The 1984 rules, by their examples")
struct RulesOf1984Tests {
    static func romanize(_ name: String) -> Romanization { NamingData.romanizer.romanize(name) }

    @Test("rule 1–2: specific and generic apart; one-syllable modifiers join the generic, longer ones stand apart", arguments: [
        ("南京路", "Nánjīng Lù", "NANJING LU"),
        ("滨江道", "Bīnjiāng Dào", "BINJIANG DAO"),
        ("长安街", "Cháng'ān Jiē", "CHANG'AN JIE"),
        ("大马路", "Dàmǎ Lù", "DAMA LU"),
        ("梧桐巷", "Wútóng Xiàng", "WUTONG XIANG"),
        ("京津公路", "Jīngjīn Gōnglù", "JINGJIN GONGLU"),
        ("景山后街", "Jǐngshān Hòujiē", "JINGSHAN HOUJIE"),
        ("造币左路", "Zàobì Zuǒlù", "ZAOBI ZUOLU"),
        ("清波门直街", "Qīngbōmén Zhíjiē", "QINGBOMEN ZHIJIE"),
        ("后赵家楼胡同", "Hòuzhàojiālóu Hútòng", "HOUZHAOJIALOU HUTONG"),
        ("南小街", "Nán Xiǎojiē", "NAN XIAOJIE"),
        ("小南街", "Xiǎonán Jiē", "XIAONAN JIE"),
        ("南横东街", "Nánhéng Dōngjiē", "NANHENG DONGJIE"),
        ("修文西小巷", "Xiūwén Xīxiǎoxiàng", "XIUWEN XIXIAOXIANG"),
        ("八角场东街", "Bājiǎochǎng Dōngjiē", "BAJIAOCHANG DONGJIE"),
        ("王庄东路", "Wángzhuāng Dōnglù", "WANGZHUANG DONGLU"),
        ("中山北大街", "Zhōngshān Běidàjiē", "ZHONGSHAN BEIDAJIE"),
        ("王庄后街", "Wángzhuāng Hòujiē", "WANGZHUANG HOUJIE"),
        ("北关前街", "Běiguān Qiánjiē", "BEIGUAN QIANJIE"),
        ("王庄前街", "Wángzhuāng Qiánjiē", "WANGZHUANG QIANJIE"),
        ("王庄东西大街", "Wángzhuāng Dōngxī Dàjiē", "WANGZHUANG DONGXI DAJIE"),
        ("王庄北滨河路", "Wángzhuāng Běibīnhé Lù", "WANGZHUANG BEIBINHE LU"),
        ("李庄新街", "Lǐzhuāng Xīnjiē", "LIZHUANG XINJIE"),
    ])
    func modifiers(name: String, toned: String, sign: String) {
        let result = Self.romanize(name)
        #expect(result.toned == toned, "\(name)")
        #expect(result.sign == sign, "\(name)")
    }

    @Test("rule 6–7: numerals spelled, ordinals of streets in Arabic numerals, 第 with a hyphen", arguments: [
        ("三八路", "Sānbā Lù", "SANBA LU"),
        ("二马路", "2 Mǎlù", "2 MALU"),
        ("三马路", "3 Mǎlù", "3 MALU"),
        ("经五路", "Jīng 5 Lù", "JING 5 LU"),
        ("三环路", "3 Huánlù", "3 HUANLU"),
        ("大川淀一巷", "Dàchuāndiàn 1 Xiàng", "DACHUANDIAN 1 XIANG"),
        ("第九弄", "Dì-9 Lòng", "DI-9 LONG"),
        ("幸福十二路", "Xìngfú 12 Lù", "XINGFU 12 LU"),
        ("二道街", "Èrdào Jiē", "ERDAO JIE"),
    ])
    func numerals(name: String, toned: String, sign: String) {
        let result = Self.romanize(name)
        #expect(result.toned == toned, "\(name)")
        #expect(result.sign == sign, "\(name)")
    }

    @Test("rule 11–12: apostrophes before a, o, e; erhua written r where 儿 is written", arguments: [
        ("西安路", "Xī'ān Lù", "XI'AN LU"),
        ("花儿市大街", "Huārshì Dàjiē", "HUARSHI DAJIE"),
        ("盆儿胡同", "Pénr Hútòng", "PENR HUTONG"),
        ("台儿庄路", "Tái'érzhuāng Lù", "TAI'ERZHUANG LU"),
        ("女儿河路", "Nǚ'érhé Lù", "NÜ'ERHE LU"),
        ("儿童路", "Értóng Lù", "ERTONG LU"),
    ])
    func apostrophesAndErhua(name: String, toned: String, sign: String) {
        let result = Self.romanize(name)
        #expect(result.toned == toned, "\(name)")
        #expect(result.sign == sign, "\(name)")
    }

    @Test("rule 2's size modifier needs a specific before it: 伟大路 is 伟大 + 路 (Wěidà Lù), 南小街 stays 南 + 小街, the other reading is said")
    func sizeModifierAfterOneCharacter() {
        let weida = Self.romanize("伟大路")
        #expect(weida.toned == "Wěidà Lù" && weida.sign == "WEIDA LU")
        #expect(weida.parsed.specific == "伟大" && weida.parsed.generic == "路" && weida.parsed.modifiers.isEmpty)
        #expect(weida.parsed.ambiguities.contains { $0.contains("伟大") })
        #expect(Self.romanize("南小街").toned == "Nán Xiǎojiē")
        #expect(Self.romanize("王庄小路").toned == "Wángzhuāng Xiǎolù")
        let known = Romanizer(dictionary: NamingData.dictionary, parser: NameParser(generics: NamingData.generics, knownPlaces: ["伟"]))
        #expect(known.romanize("伟大路").toned == "Wěi Dàlù")
    }

    @Test("a sign form never carries a tone mark, whatever the first letter (安乐路, 二道街, 鄂城路, 欧庄路); ü stays Ü", arguments: [
        ("安乐路", "ANLE LU"), ("二道街", "ERDAO JIE"), ("鄂城路", "ECHENG LU"), ("欧庄路", "OUZHUANG LU"),
        ("爱民街", "AIMIN JIE"), ("绿荫路", "LÜYIN LU"), ("吕庄路", "LÜZHUANG LU"),
    ])
    func noToneOnSigns(name: String, sign: String) {
        #expect(Self.romanize(name).sign == sign)
        #expect(!Pinyin.hasToneMark(Self.romanize(name).sign))
    }

    @Test("rule 8: place-name readings of polyphones; a prompt only where place names differ")
    func polyphones() {
        #expect(Self.romanize("长治街").toned == "Chángzhì Jiē")
        #expect(Self.romanize("长治街").review.isEmpty)
        let chaoyang = Self.romanize("朝阳街")
        #expect(chaoyang.toned == "Cháoyáng Jiē")
        #expect(chaoyang.review == ["朝"])
        #expect(Self.romanize("十里堡路").toned == "Shílǐpù Lù")
        #expect(Self.romanize("大黄堡路").review.contains("堡"))
        for name in ["张家庄路", "南关路", "中心街", "大王庄路", "王家大街", "南大街", "中和路"] {
            #expect(Self.romanize(name).review.isEmpty, "\(name) asks for review: \(Self.romanize(name).review)")
        }
        #expect(Self.romanize("重兴路").review == ["重"])
        #expect(Self.romanize("朝阳街", ).syllables[0].source == .proposed)
    }

    @Test("every one of the 8,105 standard characters, first, middle or last in a specific: no tone mark on the sign")
    func signFormsOfEveryStandardCharacter() throws {
        let standard = NamingData.dictionary.standard
        #expect(standard.count == 8105)
        var checked = 0
        for character in standard {
            for name in ["\(character)庄路", "王\(character)庄路", "王庄\(character)路", "\(character)街"] {
                let sign = NamingData.romanizer.romanize(name).sign
                if Pinyin.hasToneMark(sign) || sign.unicodeScalars.contains(where: { (0x0300...0x036F).contains($0.value) && $0.value != 0x0308 }) {
                    Issue.record("\(name): \(sign)")
                }
                checked += 1
            }
        }
        #expect(checked == 8105 * 4)
    }
}
