import Naming
import Testing

@Suite("Naming rules")
struct NameRulesTests {
    let checker = NamingData.checker

    func codes(_ check: NameCheck) -> [FindingCode] { check.findings.map(\.code) }

    @Test("王庄路 against 王庄街 and 汪庄路: the same-专名 conflict and the homophone, each with its record")
    func sameSpecificAndHomophone() {
        let scope = [NamingData.record("王庄街", id: "N1"), NamingData.record("汪庄路", id: "N2"), NamingData.record("幸福路", id: "N3")]
        let check = checker.check("王庄路", scope: scope)
        let same = check.findings.first { $0.code == .sameSpecific }
        let homophone = check.findings.first { $0.code == .homophone }
        #expect(same?.conflicts.map(\.id) == ["N1"])
        #expect(homophone?.conflicts.map(\.id) == ["N2"])
        #expect(same?.severity == .warning && homophone?.severity == .warning)
        #expect(!codes(check).contains(.duplicate))
        #expect(!check.passes)
    }

    @Test("a rare character, a digit, a Latin letter: one error each, naming it; 专名 length only where the county limits it")
    func oneErrorPerProblem() {
        let check = checker.check("龘3A兴旺路", scope: [])
        let errors = check.findings.filter { $0.severity == .error }
        #expect(Set(errors.map(\.code)) == [.rareCharacter, .digit, .latinLetter])
        #expect(errors.count == 3)
        #expect(!codes(check).contains(.specificTooLong))
        var tables = NamingData.tables
        tables.maxSpecificLength = 4
        let limited = NameChecker(romanizer: NamingData.romanizer, tables: tables).check("龘3A兴旺路", scope: [])
        #expect(errors.first { $0.code == .rareCharacter }?.subject == "龘")
        #expect(errors.first { $0.code == .digit }?.subject == "3")
        #expect(errors.first { $0.code == .latinLetter }?.subject == "A")
        #expect(limited.findings.first { $0.code == .specificTooLong }?.severity == .warning)
        #expect(limited.findings.first { $0.code == .specificTooLong }?.message.contains("5") == true)
    }

    @Test("a name longer than any name may be is an error, whatever the county's 专名 limit; a long real name is not")
    func nameTooLong() {
        let pasted = "江楼" + String(repeating: "路", count: 60)
        let check = checker.check(pasted, scope: [])
        let finding = check.findings.first { $0.code == .nameTooLong }
        #expect(finding?.severity == .error)
        #expect(finding?.message.contains("62个字") == true && finding?.message.contains("15") == true)
        #expect(check.errors > 0 && !check.passes)
        let limit = NamingData.tables.maxNameLength
        #expect(!codes(checker.check(String(repeating: "王", count: limit - 1) + "路", scope: [])).contains(.nameTooLong))
        #expect(codes(checker.check(String(repeating: "王", count: limit) + "路", scope: [])).contains(.nameTooLong))
        #expect(!codes(checker.check("十里堡村北滨河路", scope: [])).contains(.nameTooLong))
    }

    @Test("duplicates, near-homophones and look-alikes")
    func scope() {
        let scope = [NamingData.record("幸福路", id: "A"), NamingData.record("兴福街", id: "B"), NamingData.record("玉庄路", id: "C"),
                     NamingData.record("林庄路", id: "D")]
        #expect(codes(checker.check("幸福路", scope: scope)).contains(.duplicate))
        let lookalike = checker.check("王庄路", scope: scope)
        #expect(lookalike.findings.first { $0.code == .lookalike }?.conflicts.map(\.id) == ["C"])
        // 宁 níng vs 林 lín: near-homophone (n/l, ing/in).
        let near = checker.check("宁庄路", scope: scope)
        #expect(near.findings.first { $0.code == .nearHomophone }?.conflicts.map(\.id) == ["D"])
        #expect(checker.check("富民路", scope: scope).passes)
    }

    @Test("rule-table words, person names and the generic against the road")
    func contentAndGeneric() {
        #expect(codes(checker.check("曼哈顿路", scope: [])).contains(.foreignPlace))
        #expect(codes(checker.check("皇家大道", scope: [])).contains(.grandioseWord))
        #expect(codes(checker.check("张建国路", scope: [])).contains(.personName))
        #expect(!codes(checker.check("张家庄路", scope: [])).contains(.personName))
        let avenue = checker.check("银杏大道", scope: [], road: RoadFacts(length: 600, width: 6))
        let misfit = avenue.findings.first { $0.code == .genericMisfit }
        #expect(misfit?.severity == .warning)
        #expect(misfit?.message.contains("600") == true)
        #expect(!codes(checker.check("银杏路", scope: [], road: RoadFacts(length: 600))).contains(.genericMisfit))
        #expect(codes(checker.check("银杏巷", scope: [], road: RoadFacts(length: 2_000))).contains(.genericMisfit))
    }

    @Test("punctuation and spaces are errors; level-3 characters warn when levels are known")
    func charactersAndLevels() {
        #expect(codes(checker.check("幸福·路", scope: [])).contains(.punctuation))
        var tables = NamingData.tables
        tables.levels = ["堃": 3]
        let levelled = NameChecker(romanizer: NamingData.romanizer, tables: tables).check("堃华路", scope: [])
        #expect(levelled.findings.first { $0.code == .level3Character }?.subject == "堃")
        #expect(!codes(levelled).contains(.rareCharacter))
    }
}
