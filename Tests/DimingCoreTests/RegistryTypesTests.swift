import DimingCore
import Foundation
import Testing

@Suite("Division codes, ids and names")
struct RegistryTypesTests {
    @Test("the code's structure gives the level", arguments: [
        ("370000000000", DivisionLevel.province), ("371500000000", .city), ("371521000000", .county),
        ("371521101000", .town), ("371521101201", .village),
    ])
    func structuralLevel(code: String, level: DivisionLevel) {
        #expect(DivisionCode(code)?.structuralLevel == level)
    }

    @Test("codes must be 12 (or 6) digits")
    func invalidCodes() {
        for text in ["37152100000", "3715210000000", "37152100000X", "", "000000000000", "３７１５２１０００００"] {
            #expect(DivisionCode(text) == nil, "\(text)")
        }
        #expect(DivisionCode("371521")?.rawValue == "371521000000")
    }

    @Test("ancestry is by code prefix, and the town and village parts say what kind of unit it is")
    func ancestry() {
        let village = DivisionCode("371521101201")!
        #expect(DivisionCode("371521000000")!.isAncestor(of: village))
        #expect(DivisionCode("370000000000")!.isAncestor(of: village))
        #expect(!DivisionCode("371522000000")!.isAncestor(of: village))
        #expect(!village.isAncestor(of: village))
        #expect(village.ancestor(at: .town).rawValue == "371521101000")
        #expect(village.unitKind == "村委会")
        #expect(DivisionCode("371521001000")!.unitKind == "街道")
        #expect(DivisionCode("371521101000")!.unitKind == "镇")
        #expect(DivisionCode("371521201000")!.unitKind == "乡")
        #expect(DivisionCode("371521101001")!.unitKind == "居委会")
    }

    @Test("levels encode by name and decode by name or number")
    func levelCoding() throws {
        let data = try JSONEncoder().encode([DivisionLevel.county])
        #expect(String(decoding: data, as: UTF8.self) == "[\"county\"]")
        #expect(try JSONDecoder().decode([DivisionLevel].self, from: Data("[\"town\", 5]".utf8)) == [.town, .village])
    }

    @Test("feature ids print and parse, and order by county, kind and serial")
    func featureIDs() {
        let id = FeatureID(county: "371521", kind: .road, serial: 42)
        #expect(id.description == "371521-R-000042")
        #expect(FeatureID("371521-R-000042") == id)
        #expect(FeatureID("371521-R-1234567")?.serial == 1_234_567)
        for bad in ["371521-X-000001", "37152-R-000001", "371521-R-0", "371521-R", "371521-R-abc"] {
            #expect(FeatureID(bad) == nil, "\(bad)")
        }
        #expect(FeatureID(county: "371521", kind: .road, serial: 2) < FeatureID(county: "371521", kind: .road, serial: 10))
    }

    @Test("village names lose the statistical suffix", arguments: [
        ("张庄村委会", "张庄村"), ("赵村村委会", "赵村"), ("城关社区居委会", "城关社区"), ("李家村民委员会", "李家村"), ("王庄", "王庄"),
    ])
    func shortNames(name: String, short: String) {
        let division = Division(code: DivisionCode("371521101201")!, name: name, level: .village, parentCode: nil)
        #expect(division.shortName == short)
    }

    @Test("input errors say file, line, column and field")
    func inputErrorText() {
        #expect(InputError(file: "a.csv", line: 3, field: "code", "bad").description == "a.csv:3: field 'code': bad")
        #expect(InputError(file: "/srv/uploads/a.csv", line: 3, field: "code", "bad").descriptionZh == "文件 a.csv，第 3 行，字段 code：bad")
        #expect(InputError("plain").description == "plain")
        #expect(InputErrors([InputError("one")], total: 3).description == "one\n… and 2 more")
    }
}
