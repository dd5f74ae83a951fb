import Foundation
import TestSupport
import Testing

/// Issue 18's acceptance for hostile files: every case of the generated corpus ends in exit 1
/// within 10 s and 512 MB, names the file, and leaves the registry byte for byte as it was.
@Suite("Hostile input corpus against the command line")
struct HostileInputCLITests {
    /// The registry's bytes (main file and WAL).
    func digest(_ db: String) throws -> [Data] {
        try [db, db + "-wal"].filter { FileManager.default.fileExists(atPath: $0) }.map { try Data(contentsOf: URL(fileURLWithPath: $0)) }
    }

    @Test("each hostile file: exit 1 within 10 s and 512 MB, the file named, the registry byte-identical")
    func corpus() throws {
        let folder = try TemporaryDirectory()
        try withExtendedLifetime(folder) {
            let db = folder.path("r.sqlite")
            #expect(try CLI.run(["demo", "--db", db]).status == 0)
            _ = try CLI.run(["roads", "list", "--db", db]) // settles the WAL of the demo run
            let before = try digest(db)
            for item in try HostileFiles.write(to: folder) {
                let run = try Measured.run(CLI.executable.path, item.importer.arguments(item.path) + ["--db", db], timeout: 30)
                #expect(run.status == 1, "\(item.name): status \(run.status) \(run.stderr)")
                #expect(run.seconds < 10, "\(item.name): \(run.seconds) s")
                #expect(run.peakMB < 512, "\(item.name): \(run.peakMB) MB")
                #expect(run.stderr.contains(item.path), "\(item.name): \(run.stderr)")
                #expect(run.stderr.contains(item.expected), "\(item.name): expected '\(item.expected)' in \(run.stderr)")
                #expect(try digest(db) == before, "\(item.name) changed the registry")
            }
        }
    }
}
