import Foundation

/// Another program holding a SQLite registry's write lock (`BEGIN IMMEDIATE` in python3's sqlite3)
/// until ``release()``: what a long writer in another process looks like to the registry.
public final class WriteLock: @unchecked Sendable {
    private let process = Process()
    private let input = Pipe()

    /// Takes the write lock of the database at `path`; returns once it is held.
    public init(path: String) throws {
        let script = """
            import sqlite3, sys
            c = sqlite3.connect(sys.argv[1], isolation_level=None, timeout=30)
            c.execute('BEGIN IMMEDIATE')
            print('locked', flush=True)
            sys.stdin.read()
            c.execute('ROLLBACK')
            """
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, path]
        let output = Pipe()
        process.standardOutput = output
        process.standardInput = input
        try process.run()
        let line = output.fileHandleForReading.availableData
        guard String(decoding: line, as: UTF8.self).contains("locked") else {
            process.terminate()
            throw CocoaError(.fileLocking, userInfo: [NSLocalizedDescriptionKey: "could not take the write lock of \(path)"])
        }
    }

    /// Gives the lock back and waits for the holder to end.
    public func release() {
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
    }

    deinit { if process.isRunning { release() } }
}
