import DimingCore
import Foundation
import ZIPFoundation

/// The KML document inside a KMZ (`doc.kml`, or else the first `.kml` entry), inflated piece by
/// piece straight into the XML parser: memory stays flat however large the entry, and an entry
/// that inflates beyond ``InputLimits/maxInflatedBytes`` or ``InputLimits/maxInflationRatio`` is
/// refused as it inflates, whatever its header claims. Nothing is written to disk, so entry paths
/// (`../../etc/x`) do not matter.
struct KMZInput {
    let archive: Archive
    let name: String
    let limits: InputLimits

    func parse(with parser: XMLStreamParser) throws {
        let entries = archive.filter { $0.type == .file && $0.path.lowercased().hasSuffix(".kml") }
        guard let entry = entries.first(where: { $0.path.lowercased() == "doc.kml" }) ?? entries.first else {
            throw InputError(file: name, "the KMZ holds no KML document")
        }
        // An entry that claims more compressed bytes than the whole file holds would be read past the
        // end for ever (found by fuzzing): it is a truncated or forged archive.
        let fileSize = (try? FileManager.default.attributesOfItem(atPath: archive.url.path)[.size] as? Int).flatMap { $0 }.map(UInt64.init)
        if let fileSize, entry.compressedSize > fileSize {
            throw InputError(file: name, field: entry.path, "the entry claims \(entry.compressedSize) compressed bytes but the file holds \(fileSize): truncated or forged")
        }
        let compressed = Int64(max(entry.compressedSize, 1))
        var inflated: Int64 = 0
        try parser.begin()
        do {
            _ = try archive.extract(entry, bufferSize: 1 << 16, skipCRC32: false) { chunk in
                // An entry that claims more bytes than the file holds yields empty chunks for ever
                // (found by fuzzing): a truncated entry is bad input, not something to wait on.
                guard !chunk.isEmpty else { throw InputError(file: name, field: entry.path, "the entry is truncated: it claims more bytes than the file holds") }
                inflated += Int64(chunk.count)
                try InflationGuard.check(inflated: inflated, compressed: compressed, limits: limits, file: name, field: entry.path)
                try parser.feed(chunk)
            }
        } catch let error as InputError {
            throw error
        } catch {
            throw InputError(file: name, field: entry.path, "cannot unzip (\(error))")
        }
        try parser.finish()
    }
}
