import Foundation
import TestSupport
import Testing

/// Issue 18, part 5: a command that finds the registry busy (another program holds its write lock
/// past the wait) says so on standard error, tries again a few times, and then fails with exit 1
/// and a clear message; when the lock is given back meanwhile, it succeeds.
@Suite("A busy registry on the command line")
struct BusyCLITests {
    @Test("retries with a message, then fails clearly; succeeds when the lock is given back in time")
    func retries() throws {
        let folder = try TemporaryDirectory()
        try withExtendedLifetime(folder) {
            let db = folder.path("r.sqlite")
            #expect(try CLI.run(["demo", "--db", db]).status == 0)
            let impatient = ["DIMING_BUSY_TIMEOUT": "0.2", "DIMING_BUSY_RETRIES": "1"]
            let lock = try WriteLock(path: db)
            let refused = try CLI.run(["names", "add", "忙碌街", "--county", "379901", "--db", db], environment: impatient)
            #expect(refused.status == 1, "\(refused.stdout) \(refused.stderr)")
            #expect(refused.stderr.contains("registry busy, retrying in 1 s"), "\(refused.stderr)")
            #expect(refused.stderr.contains("the registry is busy") && refused.stderr.contains("gave up after 2 attempts"), "\(refused.stderr)")
            #expect(!refused.stderr.contains("internal"), "\(refused.stderr)")
            // Given back after the first attempts (the command starts within a second or two), before the last.
            DispatchQueue.global().asyncAfter(deadline: .now() + 2.5) { lock.release() }
            let waited = try CLI.run(["names", "add", "忙碌街", "--county", "379901", "--db", db], environment: ["DIMING_BUSY_TIMEOUT": "0.2", "DIMING_BUSY_RETRIES": "3"])
            lock.release()
            #expect(waited.status == 0, "\(waited.stderr)")
            #expect(waited.stderr.contains("registry busy, retrying in 1 s"), "\(waited.stderr)")
        }
    }
}
