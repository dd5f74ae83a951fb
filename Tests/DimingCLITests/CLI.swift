import Foundation
import TestSupport

/// Runs the built `diming` executable, as a user would.
struct CLI {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static let executable: URL = {
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("diming")
        if FileManager.default.isExecutableFile(atPath: beside.path) { return beside }
        for folder in try! FileManager.default.contentsOfDirectory(atPath: SharedData.packageRoot.appendingPathComponent(".build").path) {
            let candidate = SharedData.packageRoot.appendingPathComponent(".build/\(folder)/debug/diming")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return SharedData.packageRoot.appendingPathComponent(".build/debug/diming")
    }()

    /// Runs `diming ARGS` in `directory` with `input` on standard input.
    static func run(_ arguments: [String], in directory: URL? = nil, input: String = "", environment: [String: String] = [:]) throws -> Result {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "DIMING_DB")
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        let out = stdout.fileHandleForReading.readDataToEndOfFile()
        let err = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: out, as: UTF8.self), stderr: String(decoding: err, as: UTF8.self))
    }

    static func json(_ result: Result) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
    }
}
