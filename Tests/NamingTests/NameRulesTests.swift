import Naming
import Testing

@Suite("Naming rules")
struct NameRulesTests {
    let checker = NamingData.checker

    func codes(_ check: NameCheck) -> [String] { check.findings.map(\.code) }

    @Test("王庄路 against 王庄街 and 汪庄路: the same-专名 conflict and the homophone, each with its record")
    func sameSpecificAndHomophone() {
        let scope = [NamingData.record("王庄街", id: "N1"), NamingData.record("汪庄路", id: "N2"), NamingData.record("幸福路", id: "N3")]
        let check = checker.check("王庄路", scope: scope)
        let same = check.findings.first { $0.code == "SAME_SPECIFIC" }
        let homophone = check.findings.first { $0.code == "HOMOPHONE" }
        #expect(same?.conflicts.map(\.id) == ["N1"])
        #expect(homophone?.conflicts.map(\.id) == ["N2"])
        #expect(same?.severity == .warning && homophone?.severity == .warning)
        #expect(!codes(check).contains("DUPLICATE"))
        #expect(!check.passes)
    }

    @Test("a rare character, a digit, a Latin letter and a 5-character 专名: one error each, naming it")
    func oneErrorPerProblem() {
        let check = checker.check("龘3A兴旺路", scope: [])
        let errors = check.findings.filter { $0.severity == .error }
        #expect(Set(errors.map(\.code)) == ["RARE_CHARACTER", "DIGIT", "LATIN_LETTER", "SPECIFIC_TOO_LONG"])
        #expect(errors.count == 4)
        #expect(errors.first { $0.code == "RARE_CHARACTER" }?.subject == "龘")
        #expect(errors.first { $0.code == "DIGIT" }?.subject == "3")
        #expect(errors.first { $0.code == "LATIN_LETTER" }?.subject == "A")
        #expect(errors.first { $0.code == "SPECIFIC_TOO_LONG" }?.message.contains("5") == true)
    }

    @Test("duplicates, near-homophones and look-alikes")
    func scope() {
        let scope = [NamingData.record("幸福路", id: "A"), NamingData.record("兴福街", id: "B"), NamingData.record("玉庄路", id: "C"),
                     NamingData.record("林庄路", id: "D")]
        #expect(codes(checker.check("幸福路", scope: scope)).contains("DUPLICATE"))
        let lookalike = checker.check("王庄路", scope: scope)
        #expect(lookalike.findings.first { $0.code == "LOOKALIKE" }?.conflicts.map(\.id) == ["C"])
        // 宁 níng vs 林 lín: near-homophone (n/l, ing/in).
        let near = checker.check("宁庄路", scope: scope)
        #expect(near.findings.first { $0.code == "NEAR_HOMOPHONE" }?.conflicts.map(\.id) == ["D"])
        #expect(checker.check("富民路", scope: scope).passes)
    }

    @Test("banned words, person names and the generic against the road")
    func contentAndGeneric() {
        #expect(codes(checker.check("曼哈顿路", scope: [])).contains("BANNED_WORD"))
        #expect(codes(checker.check("皇家大道", scope: [])).contains("BANNED_WORD"))
        #expect(codes(checker.check("张建国路", scope: [])).contains("PERSON_NAME"))
        #expect(!codes(checker.check("张家庄路", scope: [])).contains("PERSON_NAME"))
        let avenue = checker.check("银杏大道", scope: [], road: RoadFacts(length: 600, width: 6))
        let misfit = avenue.findings.first { $0.code == "GENERIC_MISFIT" }
        #expect(misfit?.severity == .warning)
        #expect(misfit?.message.contains("600") == true)
        #expect(!codes(checker.check("银杏路", scope: [], road: RoadFacts(length: 600))).contains("GENERIC_MISFIT"))
        #expect(codes(checker.check("银杏巷", scope: [], road: RoadFacts(length: 2_000))).contains("GENERIC_MISFIT"))
    }

    @Test("punctuation and spaces are errors; level-3 characters warn when levels are known")
    func charactersAndLevels() {
        #expect(codes(checker.check("幸福·路", scope: [])).contains("PUNCTUATION"))
        var tables = NamingData.tables
        tables.levels = ["堃": 3]
        let levelled = NameChecker(romanizer: NamingData.romanizer, tables: tables).check("堃华路", scope: [])
        #expect(levelled.findings.first { $0.code == "LEVEL3_CHARACTER" }?.subject == "堃")
        #expect(!codes(levelled).contains("RARE_CHARACTER"))
    }
}
