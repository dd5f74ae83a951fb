import Foundation

/// The reference data in `../shared/data` beside the checkout. Tests that need it are enabled only
/// when it is there: `@Test(.enabled(if: SharedData.available, "needs ../shared/data"))`.
public enum SharedData {
    /// The package root (the folder holding Package.swift).
    public static let packageRoot: URL = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
        }
        return URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    }()

    public static let root = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/data")

    public static var available: Bool { FileManager.default.fileExists(atPath: root.appendingPathComponent("README.md").path) }

    /// The path of a file under `../shared/data`.
    public static func path(_ relative: String) -> String {
        root.appendingPathComponent(relative).path
    }

    /// The rows of `coords/coords_vectors_shared.csv` as dictionaries (comments skipped).
    public static func coordinateVectors() throws -> [[String: String]] {
        let text = try String(contentsOfFile: path("coords/coords_vectors_shared.csv"), encoding: .utf8)
        let lines = text.split(separator: "\n").filter { !$0.hasPrefix("#") && !$0.isEmpty }
        let header = lines[0].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        return lines.dropFirst().map { line in
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            return Dictionary(uniqueKeysWithValues: zip(header, fields))
        }
    }
}
