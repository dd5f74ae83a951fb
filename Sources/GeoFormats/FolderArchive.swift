import DimingCore
import Foundation
import ZIPFoundation

/// A folder as one ZIP archive (a delivery downloaded from the web), through ZIPFoundation, the
/// ZIP library the KMZ reader and the XLSX writer already use.
public enum FolderArchive {
    /// The ZIP of every file under `folder`, paths relative to it, deflated.
    public static func zip(folder: String) throws -> Data {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw InputError(file: folder, "the folder is missing")
        }
        let archive = try Archive(accessMode: .create)
        let root = URL(fileURLWithPath: folder)
        let files = (FileManager.default.enumerator(atPath: folder)?.allObjects as? [String] ?? []).sorted()
        for relative in files {
            var directory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: root.appendingPathComponent(relative).path, isDirectory: &directory), !directory.boolValue else { continue }
            try archive.addEntry(with: relative, relativeTo: root, compressionMethod: .deflate)
        }
        guard let data = archive.data else { throw InputError(file: folder, "the archive could not be made") }
        return data
    }
}
