import DimingCore
@testable import DimingStore
import Foundation
import GRDB
import TestSupport
import Testing

@Suite("The registry file")
struct RegistryTests {
    /// Runs `body` on a fresh registry in a temporary folder that lives until `body` returns.
    func withRegistry(_ body: (SQLiteRegistry, TemporaryDirectory) throws -> Void) throws {
        let folder = try TemporaryDirectory()
        try withExtendedLifetime(folder) { try body(SQLiteRegistry(path: folder.path("r.sqlite")), folder) }
    }

    @Test("WAL mode and foreign keys are on; migrations apply once")
    func configuration() throws {
        try withRegistry { registry, folder in
            #expect(try registry.journalMode() == "wal")
            #expect(try registry.pool.read { try Bool.fetchOne($0, sql: "PRAGMA foreign_keys") } == true)
            _ = try SQLiteRegistry(path: folder.path("r.sqlite"))
        }
    }

    @Test("the audit trail is append-only")
    func auditAppendOnly() throws {
        try withRegistry { registry, _ in
            let event = AuditEvent(at: Date(timeIntervalSince1970: 1_700_000_000), actor: "clerk", action: .settingsDemo,
                                   entityKind: "thing", entityID: "1", before: "{}", after: "{\"a\":1}", document: "聊政字〔2024〕1号")
            try registry.pool.write { _ = try AuditLog.append($0, event) }
            #expect(throws: DatabaseError.self) { try registry.pool.write { try $0.execute(sql: "UPDATE audit_event SET actor = 'x'") } }
            #expect(throws: DatabaseError.self) { try registry.pool.write { try $0.execute(sql: "DELETE FROM audit_event") } }
            let stored = try registry.pool.read { try AuditLog.events($0, entityKind: "thing") }
            #expect(stored.count == 1)
            #expect(stored[0].actor == "clerk" && stored[0].document == "聊政字〔2024〕1号")
            // The time is the wall clock's when it was written, not the event's (a rehearsed or test day).
            #expect(abs(stored[0].at.timeIntervalSinceNow) < 60 && stored[0].at != event.at)
        }
    }

    @Test("a failing write leaves nothing behind")
    func rollback() throws {
        try withRegistry { registry, _ in
            struct Boom: Error {}
            #expect(throws: Boom.self) {
                try registry.pool.write { db in
                    try DivisionTable.upsert(db, [Division(code: DivisionCode("370000000000")!, name: "山东省", level: .province, parentCode: nil)],
                                             source: "t", at: Date())
                    throw Boom()
                }
            }
            let count = try registry.pool.read { try DivisionTable.count($0) }
            #expect(count == 0)
        }
    }

    @Test("a division whose parent is missing is refused at commit")
    func foreignKeys() throws {
        try withRegistry { registry, _ in
            let orphan = Division(code: DivisionCode("371500000000")!, name: "聊城市", level: .city, parentCode: DivisionCode("370000000000"))
            #expect(throws: DatabaseError.self) { try registry.pool.write { try DivisionTable.upsert($0, [orphan], source: "t", at: Date()) } }
        }
    }

    @Test("ids grow per county and kind and are never reused")
    func minting() throws {
        try withRegistry { registry, _ in
            let first = try registry.pool.write { try IDMinter.mint($0, kind: .road, county: "371521", count: 3) }
            let other = try registry.pool.write { try IDMinter.mint($0, kind: .road, county: "371522") }
            let next = try registry.pool.write { try IDMinter.mint($0, kind: .road, county: "371521") }
            #expect(first.map(\.serial) == [1, 2, 3])
            #expect(other[0].description == "371522-R-000001")
            #expect(next[0].serial == 4)
            struct Boom: Error {}
            _ = try? registry.pool.write { db -> Void in _ = try IDMinter.mint(db, kind: .road, county: "371521"); throw Boom() }
            #expect(try registry.pool.write { try IDMinter.mint($0, kind: .road, county: "371521") }[0].serial == 5)
        }
    }

    @Test("boundaries are found through the R*Tree, then exactly")
    func boundaries() throws {
        try withRegistry { registry, _ in
            let square = MultiPolygon([Polygon(outer: [Coordinate(lon: 115, lat: 36), Coordinate(lon: 116, lat: 36),
                                                       Coordinate(lon: 116, lat: 37), Coordinate(lon: 115, lat: 37)])])
            try registry.pool.write {
                try BoundaryTable.replace($0, DivisionBoundary(code: DivisionCode("371521")!, name: "阳谷县", level: .county, area: square), source: "t")
                try BoundaryTable.replace($0, DivisionBoundary(code: DivisionCode("371521")!, name: "阳谷县", level: .county, area: square), source: "t")
            }
            #expect(try registry.pool.read { try BoundaryTable.count($0) } == 1)
            #expect(try registry.pool.read { try BoundaryTable.candidates($0, containing: Coordinate(lon: 115.5, lat: 36.5)) }.map(\.name) == ["阳谷县"])
            #expect(try registry.pool.read { try BoundaryTable.candidates($0, containing: Coordinate(lon: 117, lat: 36.5)) }.isEmpty)
        }
    }

    @Test("WKB round-trips lines and areas")
    func wkb() throws {
        let line = LineString([Coordinate(lon: 115.1, lat: 36.2), Coordinate(lon: -0.5, lat: 89.9)])
        #expect(try WKB.decodeLineString(WKB.encode(line)) == line)
        let area = MultiPolygon([Polygon(outer: [Coordinate(lon: 0, lat: 0), Coordinate(lon: 1, lat: 0), Coordinate(lon: 0, lat: 1)],
                                         holes: [[Coordinate(lon: 0.1, lat: 0.1), Coordinate(lon: 0.2, lat: 0.1), Coordinate(lon: 0.1, lat: 0.2)]])])
        #expect(try WKB.decodeMultiPolygon(WKB.encode(area)) == area)
        #expect(throws: WKB.DecodingError.self) { try WKB.decodeMultiPolygon(WKB.encode(line)) }
        #expect(throws: WKB.DecodingError.self) { try WKB.decodeLineString(WKB.encode(line).prefix(20)) }
    }
}

@Suite("The change token")
struct ChangeTokenTests {
    func audited(_ registry: SQLiteRegistry, _ id: String) throws {
        try registry.write { db in
            try db.audit.append(AuditEvent(at: Date(), actor: "t", action: .settingsDemo, entityKind: "thing", entityID: id))
        }
    }

    @Test("moves at once for a commit here, within the check interval for another connection's, and stays put otherwise")
    func token() throws {
        let folder = try TemporaryDirectory()
        let here = try SQLiteRegistry(path: folder.path("r.sqlite"))
        let elsewhere = try SQLiteRegistry(path: folder.path("r.sqlite"))
        let start = try here.changeToken()
        _ = try here.read { try $0.audit.events() }
        #expect(try here.changeToken() == start, "a read is not a change")
        try audited(here, "1")
        let afterLocal = try here.changeToken()
        #expect(afterLocal != start, "a commit here shows at once")
        Thread.sleep(forTimeInterval: SQLiteRegistry.externalCheckInterval * 1.5)
        let settled = try here.changeToken()
        try audited(elsewhere, "2")
        Thread.sleep(forTimeInterval: SQLiteRegistry.externalCheckInterval * 1.5)
        #expect(try here.changeToken() != settled, "another connection's commit shows within the interval")
    }
}

@Suite("The audit chain")
struct AuditChainTests {
    @Test("each event links to the one before; an event edited by SQL breaks the chain at that event")
    func chain() throws {
        let folder = try TemporaryDirectory()
        let registry = try SQLiteRegistry(path: folder.path("r.sqlite"))
        for i in 1...5 {
            try registry.write { db in
                try db.audit.append(AuditEvent(at: Date(timeIntervalSince1970: 1_700_000_000 + Double(i)), actor: "clerk", action: .settingsDemo,
                                               entityKind: "thing", entityID: "\(i)", after: "{\"n\":\(i)}"))
            }
        }
        let intact = try registry.read { try $0.audit.verifyChain() }
        #expect(intact.ok && intact.events == 5)
        // Someone with the file edits event 3 (lifting the append-only trigger first).
        try registry.pool.writeWithoutTransaction { db in
            try db.execute(sql: "DROP TRIGGER audit_event_no_update")
            try db.execute(sql: "UPDATE audit_event SET actor = 'someone-else' WHERE id = 3")
        }
        let broken = try registry.read { try $0.audit.verifyChain() }
        #expect(broken.firstBroken == 3)
        // Deleting an event breaks the chain at the one after it.
        let other = try TemporaryDirectory()
        let second = try SQLiteRegistry(path: other.path("r.sqlite"))
        for i in 1...3 {
            try second.write { db in try db.audit.append(AuditEvent(at: Date(), actor: "a", action: .settingsDemo, entityKind: "thing", entityID: "\(i)")) }
        }
        try second.pool.writeWithoutTransaction { db in
            try db.execute(sql: "DROP TRIGGER audit_event_no_delete")
            try db.execute(sql: "DELETE FROM audit_event WHERE id = 2")
        }
        #expect(try second.read { try $0.audit.verifyChain() }.firstBroken == 3)
    }

    @Test("a new registry file is readable by its owner only")
    func ownerOnly() throws {
        let folder = try TemporaryDirectory()
        let path = folder.path("r.sqlite")
        _ = try SQLiteRegistry(path: path)
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }
}
