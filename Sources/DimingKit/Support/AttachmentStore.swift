import DimingCore
import Crypto
import Foundation

/// Files kept beside the registry by content (附件库): `<registry>.files/<sha256>.<ext>`, readable
/// by the owner only. Storing the same bytes twice keeps one file; a record names the hash, so a
/// file is never overwritten with other content. Photos from the field and from villagers live here.
public struct AttachmentStore: Sendable {
    public let folder: String

    public init(folder: String) {
        self.folder = folder
    }

    /// The store beside a registry file (`diming.sqlite` → `diming.sqlite.files`).
    public init(beside registry: any RegistryStore) {
        folder = registry.location + ".files"
    }

    /// A stored file: its hash, size and extension.
    public struct Stored: Codable, Sendable, Hashable {
        public var sha256: String
        public var bytes: Int
        public var fileExtension: String
        /// The reference kept in records: `sha256:<hash>.<ext>`.
        public var reference: String { "sha256:\(sha256).\(fileExtension)" }
    }

    /// Keeps `data` (written to a temporary file, then renamed into place) and returns its record.
    public func store(_ data: Data, fileExtension: String) throws -> Stored {
        let digest = SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
        let ext = fileExtension.filter { $0.isLetter || $0.isNumber }.lowercased()
        let stored = Stored(sha256: digest, bytes: data.count, fileExtension: ext)
        let manager = FileManager.default
        try manager.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let path = self.path(stored)
        guard !manager.fileExists(atPath: path) else { return stored }
        let temporary = folder + "/.incoming-" + UUID().uuidString
        guard manager.createFile(atPath: temporary, contents: data, attributes: [.posixPermissions: 0o600]) else {
            throw InputError(file: temporary, "cannot write the attachment store")
        }
        if rename(temporary, path) != 0 {
            try? manager.removeItem(atPath: temporary)
            throw InputError(file: path, "cannot move the attachment into place (errno \(errno))")
        }
        return stored
    }

    /// The bytes of a stored file by its reference (`sha256:<hash>.<ext>`), or nil.
    public func read(reference: String) -> (data: Data, fileExtension: String)? {
        guard let (hash, ext) = Self.parse(reference) else { return nil }
        let path = folder + "/" + hash + "." + ext
        return FileManager.default.contents(atPath: path).map { ($0, ext) }
    }

    func path(_ stored: Stored) -> String { folder + "/" + stored.sha256 + "." + stored.fileExtension }

    /// Whether `reference` names a kept file (`sha256:<64 hex>.<ext>`), not some other text.
    public static func isReference(_ reference: String) -> Bool { parse(reference) != nil }

    /// A reference's hash and extension when it is well formed (64 hex digits, a short extension).
    static func parse(_ reference: String) -> (String, String)? {
        guard reference.hasPrefix("sha256:") else { return nil }
        let rest = reference.dropFirst(7).split(separator: ".", omittingEmptySubsequences: false)
        guard rest.count == 2, rest[0].count == 64, rest[0].allSatisfy(\.isHexDigit), (1...4).contains(rest[1].count),
              rest[1].allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else { return nil }
        return (String(rest[0]), String(rest[1]))
    }
}
