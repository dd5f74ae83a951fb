import DimingCore
import DimingKit
import DimingStore
import Foundation
import TestSupport
import Testing

@Suite("Division import")
struct DivisionImportTests {
    static let header = "code,name,level,level_num,parent_code"
    static let base = """
        \(header)
        370000000000,山东省,province,1,100000000000
        371500000000,聊城市,city,2,370000000000
        371521000000,阳谷县,county,3,371500000000
        371521101000,阿城镇,town,4,371521000000
        371521101201,张庄村委会,village,5,371521101000
        371521101202,李庄村委会,village,5,371521101000
        """

    func withRegistry(_ body: (SQLiteRegistry, TemporaryDirectory) throws -> Void) throws {
        let folder = try TemporaryDirectory()
        try withExtendedLifetime(folder) { try body(SQLiteRegistry(path: folder.path("r.sqlite")), folder) }
    }

    func snapshot(_ registry: SQLiteRegistry) throws -> ([DivisionCode: Division], Int) {
        try registry.read { (try $0.divisions.all(), try $0.audit.count()) }
    }

    @Test("a small table imports, and a second import changes nothing")
    func importTwice() throws {
        try withRegistry { registry, folder in
            let file = try folder.write("base.csv", Self.base)
            let first = try DivisionImport(registry: registry, actor: .commandLine("test")).run(path: file)
            #expect(first.added == 6 && first.changed == 0)
            #expect(first.byLevel == ["province": 1, "city": 1, "county": 1, "town": 1, "village": 2])
            let before = try snapshot(registry)
            let second = try DivisionImport(registry: registry, actor: .commandLine("test")).run(path: file)
            #expect(!second.hasChanges && second.unchanged == 6)
            #expect(try snapshot(registry).0 == before.0)
            #expect(try snapshot(registry).1 == before.1, "a no-change import writes no audit event")
        }
    }

    @Test("one bad row rejects the file with its line number and leaves the registry unchanged", arguments: [
        ("371521101203,王庄村委会,village,5,371521101000\n37152110120X,坏村,village,5,371521101000", 3, "code"),
        ("371521101203,王庄村委会,village,5,371521109000", 2, "parent_code"),
        ("371521101202,李庄村委会,village,5,371521101000", 2, "code"),
        ("371521101203,王庄村委会,town,4,371521101000", 2, "level"),
        ("371521101203,王庄村委会,village,4,371521101000", 2, "level_num"),
        ("371521101203,王庄村委会,village,5,371522101000", 2, "parent_code"),
        ("371521101203,,village,5,371521101000", 2, "name"),
    ])
    func badRow(rows: String, line: Int, field: String) throws {
        try withRegistry { registry, folder in
            try DivisionImport(registry: registry, actor: .commandLine("test")).run(path: folder.write("base.csv", Self.base))
            let before = try snapshot(registry)
            // The bad file also renames a village: that must not be stored either.
            let file = try folder.write("bad.csv", "\(Self.header)\n371521101202,李家庄村委会,village,5,371521101000\n\(rows)\n")
            let error = try #require(throws: InputErrors.self) { try DivisionImport(registry: registry, actor: .commandLine("test")).run(path: file) }
            #expect(error.errors.first?.line == line + 1, "\(error)")
            #expect(error.errors.first?.field == field, "\(error)")
            #expect(error.errors.first?.file == file)
            let after = try snapshot(registry)
            #expect(after.0 == before.0)
            #expect(after.1 == before.1)
        }
    }

    @Test("a duplicate inside the file names both lines")
    func duplicateInFile() throws {
        try withRegistry { registry, folder in
            let file = try folder.write("dup.csv", Self.base + "\n371521101202,李庄村委会,village,5,371521101000\n")
            let error = try #require(throws: InputErrors.self) { try DivisionImport(registry: registry, actor: .commandLine("test")).run(path: file) }
            #expect(error.errors.map(\.line) == [8])
            #expect(error.description.contains("first on line 7"))
            #expect(try registry.read { try $0.divisions.count() } == 0)
        }
    }

    @Test("a newer year renames a village and records the change with before and after")
    func renameIsAudited() throws {
        try withRegistry { registry, folder in
            try DivisionImport(registry: registry, actor: .commandLine("test")).run(path: folder.write("2020.csv", Self.base))
            let newer = Self.base.replacingOccurrences(of: "李庄村委会", with: "李家庄村委会")
                + "\n371521101203,王庄村委会,village,5,371521101000"
            let report = try DivisionImport(registry: registry, actor: .commandLine("clerk")).run(path: folder.write("2021.csv", newer))
            #expect(report.added == 1 && report.changed == 1 && report.unchanged == 5)
            #expect(report.changes.first?.fields == ["name"])
            let events = try registry.read { try $0.audit.events(entityKind: "division", entityID: "371521101202") }
            #expect(events.count == 1)
            #expect(events.first?.action == .divisionRenamed)
            #expect(events.first?.actor == "clerk")
            #expect(events.first?.before?.contains("李庄村委会") == true)
            #expect(events.first?.after?.contains("李家庄村委会") == true)
            #expect(try registry.read { try $0.divisions.find(code: DivisionCode("371521101202")!) }?.name == "李家庄村委会")
        }
    }

    @Test("the 2021 table stores 11,992 divisions; 阳谷县 shows its parents and children", .enabled(if: SharedData.available, "needs ../shared/data"))
    func real2021() throws {
        try withRegistry { registry, _ in
            let path = SharedData.path("admin/target_areas_5level_2021_liyanjie.csv")
            let report = try DivisionImport(registry: registry, actor: .commandLine("test")).run(path: path)
            #expect(report.added == 11_992)
            #expect(report.byLevel == ["province": 1, "city": 4, "county": 33, "town": 369, "village": 11_585])
            #expect(try registry.read { try $0.divisions.count() } == 11_992)
            let yanggu = try DivisionQueries(registry: registry).show(DivisionCode("371521000000")!)
            #expect(yanggu.name == "阳谷县")
            #expect(yanggu.parents.map(\.name) == ["聊城市", "山东省"])
            #expect(yanggu.childCount == (try registry.read { try $0.divisions.list(parent: yanggu.code, level: nil) }).count)
            #expect(yanggu.childCount > 10)
            #expect(!(try DivisionImport(registry: registry, actor: .commandLine("test")).run(path: path)).hasChanges)
        }
    }

    @Test("the 2016 table imports whole, its GCJ-02 village points converted to WGS-84", .enabled(if: SharedData.available, "needs ../shared/data"))
    func real2016() throws {
        try withRegistry { registry, _ in
            let path = SharedData.path("admin/shandong_5level_2016_vonng_adcode.csv")
            let report = try DivisionImport(registry: registry, actor: .commandLine("test")).run(path: path)
            #expect(report.added == 81_535)
            #expect(report.pointCRS == "gcj02")
            // 解放桥社区居委会 is given at GCJ-02 117.043255,36.66762 in the file: the stored point is its WGS-84 inverse.
            let gcj = Coordinate(lon: 117.043255, lat: 36.66762)
            let stored = try #require(try registry.read { try $0.divisions.find(code: DivisionCode("370102001002")!) }?.point)
            let back = ChinaOffset.wgs84ToGcj02(stored)
            #expect(abs(back.lon - gcj.lon) < 1e-9 && abs(back.lat - gcj.lat) < 1e-9)
            #expect(Geodesy.distance(stored, gcj) > 300, "the stored point must not be the raw GCJ-02 one")
        }
    }
}
