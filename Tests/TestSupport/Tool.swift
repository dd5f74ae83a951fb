import Foundation

/// Runs another program (a checking tool: osmium, ogrinfo, LibreOffice, python3 …) and collects its output.
public enum Tool {
    public static func isInstalled(_ path: String) -> Bool { FileManager.default.isExecutableFile(atPath: path) }

    /// Runs `path` with `arguments`; stdout (and stderr when `mergeErrors`) is returned as text.
    @discardableResult
    public static func run(_ path: String, _ arguments: [String], mergeErrors: Bool = false) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = mergeErrors ? pipe : FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// Runs `python3` from the PATH.
    @discardableResult
    public static func python(_ arguments: [String], mergeErrors: Bool = false) throws -> (status: Int32, output: String) {
        try run("/usr/bin/env", ["python3"] + arguments, mergeErrors: mergeErrors)
    }
}
