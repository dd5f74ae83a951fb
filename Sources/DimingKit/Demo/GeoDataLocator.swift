import Foundation

/// Finds the `GeoData` folder the product ships: `$DIMING_GEODATA`, else `./GeoData`, else a
/// `GeoData` folder above the running executable (as in `.build/debug/diming` of a checkout).
public enum GeoDataLocator {
    public static func find(executable: String = CommandLine.arguments.first ?? "") -> String? {
        let fileManager = FileManager.default
        if let configured = ProcessInfo.processInfo.environment["DIMING_GEODATA"] {
            return fileManager.fileExists(atPath: configured) ? configured : nil
        }
        var candidates = [fileManager.currentDirectoryPath]
        var url = URL(fileURLWithPath: executable).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<6 {
            candidates.append(url.path)
            url.deleteLastPathComponent()
        }
        return candidates.map { $0 + "/GeoData" }.first { fileManager.fileExists(atPath: $0 + "/demo") }
    }
}
