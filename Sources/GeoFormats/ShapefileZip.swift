import CArchive
import DimingCore
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A Shapefile uploaded as one ZIP (how a browser sends its `.shp`, `.shx`, `.dbf`, `.prj` and `.cpg`):
/// the parts are inflated through libarchive (as the KMZ reader does) into a folder, flat, under their
/// own names only, so an entry path never leaves the folder; inflation stops past the input limits.
public enum ShapefileZip {
    /// The extensions kept; everything else in the archive is skipped.
    static let parts: Set<String> = ["shp", "shx", "dbf", "prj", "cpg", "qix", "sbn", "sbx"]

    /// Extracts the Shapefile parts of `zip` into `folder` and returns the path of its one `.shp`.
    public static func extract(_ zip: String, into folder: String, limits: InputLimits = InputLimits()) throws -> String {
        let name = (zip as NSString).lastPathComponent
        // libarchive converts entry names through the thread's locale; in the C locale a Chinese name
        // (农村公路.shp) comes back as nothing. A UTF-8 locale for this thread only, restored after.
        if let utf8 = newlocale(LC_CTYPE_MASK, "C.UTF-8", nil) {
            let previous = uselocale(utf8)
            defer {
                uselocale(previous)
                freelocale(utf8)
            }
            return try extract(zip, name: name, into: folder, limits: limits)
        }
        return try extract(zip, name: name, into: folder, limits: limits)
    }

    static func extract(_ zip: String, name: String, into folder: String, limits: InputLimits) throws -> String {
        guard let archive = archive_read_new() else { throw InputError(file: name, "cannot read the archive (out of memory)") }
        defer { archive_read_free(archive) }
        archive_read_support_format_zip_seekable(archive)
        func message() -> String { archive_error_string(archive).map { String(cString: $0) } ?? "unknown error" }
        guard archive_read_open_filename(archive, zip, 1 << 16) == ARCHIVE_OK else {
            throw InputError(file: name, "not a ZIP archive: \(message())")
        }
        let archiveBytes = Int64((try? FileManager.default.attributesOfItem(atPath: zip))?[.size] as? Int ?? 0)
        let cap: Int64 = min(limits.maxInflatedBytes, max(archiveBytes, 1) * Int64(limits.maxInflationRatio))
        var inflated: Int64 = 0
        var shapes: [String] = []
        var entry: OpaquePointer?
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        loop: while true {
            switch archive_read_next_header(archive, &entry) {
            case ARCHIVE_OK, ARCHIVE_WARN: break
            case ARCHIVE_EOF: break loop
            default: throw InputError(file: name, "not a valid ZIP archive: \(message())")
            }
            let path = archive_entry_pathname_utf8(entry).map { String(cString: $0) } ?? archive_entry_pathname(entry).map { String(cString: $0) } ?? ""
            let base = (path as NSString).lastPathComponent
            let ext = (base as NSString).pathExtension.lowercased()
            guard archive_entry_filetype(entry) & S_IFMT == S_IFREG, parts.contains(ext), !base.hasPrefix("."), !path.contains("__MACOSX") else {
                archive_read_data_skip(archive)
                continue
            }
            let target = folder + "/" + base
            guard FileManager.default.createFile(atPath: target, contents: nil), let out = FileHandle(forWritingAtPath: target) else {
                throw InputError(file: name, field: path, "cannot write the extracted part")
            }
            defer { try? out.close() }
            while true {
                let count = buffer.withUnsafeMutableBytes { archive_read_data(archive, $0.baseAddress, $0.count) }
                if count == 0 { break }
                guard count > 0 else { throw InputError(file: name, field: path, "cannot unzip: \(message())") }
                inflated += Int64(count)
                guard inflated <= cap else {
                    throw InputError(file: name, field: path, "inflates past \(cap) bytes (a decompression bomb?); refused")
                }
                out.write(Data(buffer[0..<Int(count)]))
            }
            if ext == "shp" { shapes.append(target) }
        }
        guard shapes.count == 1 else {
            throw InputError(file: name, shapes.isEmpty ? "the ZIP holds no .shp file" : "the ZIP holds \(shapes.count) .shp files; upload one Shapefile per ZIP")
        }
        return shapes[0]
    }
}
