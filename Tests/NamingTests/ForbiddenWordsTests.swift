import Naming
import Testing

/// The law's rule tables (条例 Art. 9, 实施办法 Art. 3–4), matched by word: each category catches its
/// names and lets innocent ones pass.
@Suite("Forbidden names")
struct ForbiddenWordsTests {
    let checker = NamingData.checker

    func findings(_ name: String, _ code: FindingCode) -> [Finding] {
        checker.check(name, scope: []).findings.filter { $0.code == code }
    }

    @Test("each category catches five names and passes five innocent ones", arguments: [
        (FindingCode.leaderName, ["习近平路", "毛泽东大道", "邓小平街", "胡锦涛路", "江泽民巷", "李克强路"], ["习庄路", "平安路", "泽东村路", "锦涛苑路", "小平路"]),
        (.foreignPlace, ["好莱坞路", "纽约街", "巴黎路", "伦敦大道", "曼哈顿路", "威尼斯巷"], ["纽庄路", "黎明路", "伦家路", "敦厚路", "幸福路"]),
        (.literaryCharacter, ["孙悟空路", "猪八戒街", "林黛玉路", "贾宝玉巷", "哪吒路", "白娘子路"], ["孙庄路", "悟真路", "黛山路", "宝玉村路", "林家路"]),
        (.enterpriseName, ["华为路", "万达广场路", "碧桂园路", "阿里巴巴路", "腾讯大道", "娃哈哈路"], ["华庄路", "为民路", "万家路", "碧水路", "腾飞路"]),
        (.unhealthyMeaning, ["乱葬岗路", "坟地路", "死人沟路", "棺材巷", "阎王路", "地狱街"], ["乱石岗路", "魔芋路", "葬花路", "坟台村路", "王岗路"]),
        (.grandioseWord, ["大洋路", "皇家大道", "环球路", "帝王街", "欧陆路", "宇宙路"], ["洋槐路", "大庄路", "皇庄路", "环村路", "帝庙路"]),
    ])
    func category(code: FindingCode, caught: [String], innocent: [String]) {
        for name in caught {
            #expect(!findings(name, code).isEmpty, "\(name) should have \(code.rawValue): \(checker.check(name, scope: []).findings.map(\.code))")
        }
        for name in innocent {
            #expect(findings(name, code).isEmpty, "\(name) should not have \(code.rawValue)")
        }
    }

    @Test("state leaders are an absolute ban: an error no waiver accepts; other categories can be waived")
    func absolute() {
        let leader = findings("习近平路", .leaderName)
        #expect(leader.first?.severity == .error && leader.first?.absolute == true && leader.first?.waivable == false)
        #expect(findings("华为路", .enterpriseName).first?.waivable == true)
        // A leader's name that is also a common word (万里) is a warning to look at.
        #expect(findings("万里路", .leaderName).first?.severity == .warning)
    }

    @Test("a hit inside a common dictionary word is only information (魔 in 魔芋, 大洋 in 大洋洲)")
    func byWord() {
        let moyu = checker.check("魔芋路", scope: [])
        #expect(moyu.findings.allSatisfy { $0.severity == .info }, "\(moyu.findings.map(\.code))")
        #expect(moyu.findings.contains { $0.code == .insideCommonWord && $0.subject == "魔" })
        #expect(checker.check("魔芋路", scope: []).errors == 0)
        #expect(!findings("鬼城路", .unhealthyMeaning).isEmpty)
    }

    @Test("a specific made only of transliteration characters warns; Chinese names do not", arguments: [
        ("伊斯坦路", true), ("卡尔达路", true), ("萨拉曼路", true), ("斯特拉路", true), ("阿尔达路", true),
        ("王庄路", false), ("利民路", false), ("阿里山路", false), ("幸福路", false), ("达尔庄路", false),
    ])
    func transliteration(name: String, flagged: Bool) {
        #expect(!findings(name, .transliteratedName).isEmpty == flagged, "\(name)")
    }

    @Test("finding codes are typed and keep their stable raw values")
    func codes() {
        #expect(FindingCode.homophone.rawValue == "HOMOPHONE")
        #expect(FindingCode(rawValue: "LEADER_NAME") == .leaderName)
        #expect(Set(FindingCode.allCases.map(\.rawValue)).count == FindingCode.allCases.count)
    }
}
