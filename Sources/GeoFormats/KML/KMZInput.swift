import CArchive
import DimingCore
import Foundation

/// The KML document inside a KMZ (`doc.kml`, or else the first `.kml` entry), inflated piece by
/// piece straight into the XML parser through libarchive: memory stays flat however large the entry,
/// and an entry that inflates beyond ``InputLimits/maxInflatedBytes`` or
/// ``InputLimits/maxInflationRatio`` (of the whole archive's size) is refused as it inflates, whatever
/// its header claims. An entry whose data runs past the end of the archive is an error, not a wait
/// (ZIPFoundation's inflater read past the end for ever: Fuzz/regressions/kmz). Nothing is written to
/// disk, so entry paths (`../../etc/x`) do not matter.
struct KMZInput {
    /// Where the archive's bytes come from: an open regular file, or memory (the fuzzer).
    enum Source {
        case file(FileHandle)
        case memory(Data)
    }

    let source: Source
    /// How errors call the file.
    let name: String
    let limits: InputLimits

    func parse(with parser: XMLStreamParser) throws {
        let archiveBytes = Int64(max(size, 1))
        let entries = try entryNames()
        let kml = entries.enumerated().filter { $0.element.lowercased().hasSuffix(".kml") }
        guard let chosen = kml.first(where: { $0.element.lowercased() == "doc.kml" }) ?? kml.first else {
            throw InputError(file: name, "the KMZ holds no KML document")
        }
        let entryName = chosen.element
        try withArchive { archive in
            try skip(to: chosen.offset, in: archive)
            try parser.begin()
            var buffer = [UInt8](repeating: 0, count: 1 << 16)
            var inflated: Int64 = 0
            while true {
                let count = buffer.withUnsafeMutableBytes { archive_read_data(archive, $0.baseAddress, $0.count) }
                if count == 0 { break }
                guard count > 0 else {
                    throw InputError(file: name, field: entryName, "cannot unzip: \(message(archive)) (a truncated or damaged archive)")
                }
                inflated += Int64(count)
                try InflationGuard.check(inflated: inflated, compressed: archiveBytes, limits: limits, file: name, field: entryName)
                try parser.feed(Data(buffer[0..<count]))
            }
        }
        try parser.finish()
    }

    /// The archive's size in bytes.
    private var size: Int {
        switch source {
        case let .file(handle): Int(InputFile.size(handle))
        case let .memory(data): data.count
        }
    }

    /// The names of the archive's regular-file entries, in the central directory's order.
    private func entryNames() throws -> [String] {
        try withArchive { archive in
            var names: [String] = []
            var entry: OpaquePointer?
            while try next(archive, &entry) {
                let path = archive_entry_pathname_utf8(entry).map { String(cString: $0) }
                    ?? archive_entry_pathname(entry).map { String(cString: $0) } ?? ""
                names.append(archive_entry_filetype(entry) & S_IFMT == S_IFREG ? path : "")
                guard archive_read_data_skip(archive) == ARCHIVE_OK else {
                    throw InputError(file: name, field: path, "cannot unzip: \(message(archive))")
                }
            }
            return names
        }
    }

    /// Moves to the header of entry `index` (counted as ``entryNames()`` counts).
    private func skip(to index: Int, in archive: OpaquePointer) throws {
        var entry: OpaquePointer?
        for current in 0...index {
            guard try next(archive, &entry) else { throw InputError(file: name, "the KMZ changed while it was read") }
            if current < index, archive_read_data_skip(archive) != ARCHIVE_OK {
                throw InputError(file: name, "cannot unzip: \(message(archive))")
            }
        }
    }

    /// The next entry's header; false at the end of the archive.
    private func next(_ archive: OpaquePointer, _ entry: inout OpaquePointer?) throws -> Bool {
        switch archive_read_next_header(archive, &entry) {
        case ARCHIVE_OK, ARCHIVE_WARN: return true
        case ARCHIVE_EOF: return false
        default: throw InputError(file: name, "not a valid KMZ (ZIP) archive: \(message(archive))")
        }
    }

    /// Opens the archive afresh (ZIP's central directory first, as a seekable reader does), runs `body`, frees it.
    private func withArchive<T>(_ body: (OpaquePointer) throws -> T) throws -> T {
        guard let archive = archive_read_new() else { throw InputError(file: name, "cannot read the KMZ (out of memory)") }
        defer { archive_read_free(archive) }
        archive_read_support_format_zip_seekable(archive)
        switch source {
        case let .file(handle):
            lseek(handle.fileDescriptor, 0, SEEK_SET)
            guard archive_read_open_fd(archive, handle.fileDescriptor, 1 << 16) == ARCHIVE_OK else {
                throw InputError(file: name, "not a KMZ (ZIP) archive: \(message(archive))")
            }
            return try body(archive)
        case let .memory(data):
            return try data.withUnsafeBytes { bytes in
                guard archive_read_open_memory(archive, bytes.baseAddress, bytes.count) == ARCHIVE_OK else {
                    throw InputError(file: name, "not a KMZ (ZIP) archive: \(message(archive))")
                }
                return try body(archive)
            }
        }
    }

    private func message(_ archive: OpaquePointer) -> String {
        archive_error_string(archive).map { String(cString: $0) } ?? "unknown error"
    }
}
