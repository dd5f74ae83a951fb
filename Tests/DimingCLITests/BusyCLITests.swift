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
            // Given back once the command has said it is retrying.
            let command = Process()
            command.executableURL = CLI.executable
            command.arguments = ["names", "add", "忙碌街", "--county", "379901", "--db", db]
            command.environment = ProcessInfo.processInfo.environment.merging(["DIMING_BUSY_TIMEOUT": "0.2", "DIMING_BUSY_RETRIES": "3"]) { _, new in new }
            let errors = Pipe()
            command.standardError = errors
            command.standardOutput = FileHandle.nullDevice
            try command.run()
            var said = ""
            let deadline = Date().addingTimeInterval(60)
            while !said.contains("retrying"), Date() < deadline {
                let data = errors.fileHandleForReading.availableData
                if data.isEmpty { break }
                said += String(decoding: data, as: UTF8.self)
            }
            lock.release()
            said += String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            command.waitUntilExit()
            #expect(command.terminationStatus == 0, "\(said)")
            #expect(said.contains("registry busy, retrying in 1 s"), "\(said)")
        }
    }
}
