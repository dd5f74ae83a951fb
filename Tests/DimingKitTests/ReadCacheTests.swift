import DimingCore
@testable import DimingKit
import DimingStore
import Foundation
import TestSupport
import Testing

@Suite("Read cache")
struct ReadCacheTests {
    @Test("answers from memory until the registry changes, then loads again; entries age out")
    func generations() throws {
        let folder = try TemporaryDirectory()
        let registry = try SQLiteRegistry(path: folder.path("r.sqlite"))
        let cache = ReadCache(registry: registry)
        var loads = 0
        func answer() throws -> Int { try cache.value("k") { loads += 1; return loads } }
        #expect(try answer() == 1)
        #expect(try answer() == 1 && loads == 1)
        try registry.write { db in try db.audit.append(AuditEvent(at: Date(), actor: "t", action: .settingsDemo, entityKind: "thing", entityID: "1")) }
        #expect(try answer() == 2, "a commit empties the cache")
        cache.forget("k")
        #expect(try answer() == 3)
        let shortLived = ReadCache(registry: registry, maxAge: 0.05)
        _ = try shortLived.value("k") { 1 }
        Thread.sleep(forTimeInterval: 0.1)
        #expect(try shortLived.value("k") { 2 } == 2, "an entry past its age is loaded again")
        #expect(cache.cached("k", at: try cache.token() &+ 1) as Int? == nil, "another generation never answers")
    }
}
