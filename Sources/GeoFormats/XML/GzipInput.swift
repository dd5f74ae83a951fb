import CGzip
import DimingCore
import Foundation

/// Reads a gzip file in chunks through zlib, refusing one that inflates beyond
/// ``InputLimits/maxInflatedBytes`` or ``InputLimits/maxInflationRatio`` (a gzip bomb).
final class GzipInput {
    private let file: gzFile
    private let name: String
    private let limits: InputLimits
    private var inflated: Int64 = 0

    init(path: String, name: String, limits: InputLimits = .standard) throws {
        let handle = try InputFile.open(path, name: name)
        let fd = dup(handle.fileDescriptor)
        try? handle.close()
        guard fd >= 0, let file = gzdopen(fd, "rb") else {
            if fd >= 0 { close(fd) }
            throw InputError(file: name, "cannot read the file")
        }
        self.file = file
        self.name = name
        self.limits = limits
        gzbuffer(file, 1 << 17)
    }

    deinit { gzclose(file) }

    /// Up to `count` uncompressed bytes; empty at the end.
    func read(_ count: Int) throws -> Data {
        var data = Data(count: count)
        let read = data.withUnsafeMutableBytes { gzread(file, $0.baseAddress, UInt32(count)) }
        guard read >= 0 else {
            var code: Int32 = 0
            let message = gzerror(file, &code).map { String(cString: $0) } ?? "unknown error"
            throw InputError(file: name, "not a valid gzip file (\(message))")
        }
        data.count = Int(read)
        inflated += Int64(read)
        try InflationGuard.check(inflated: inflated, compressed: Int64(compressedOffset), limits: limits, file: name, field: nil)
        return data
    }

    /// How far into the compressed file zlib has read.
    var compressedOffset: Int { Int(gzoffset(file)) }
}

/// The check shared by gzip and KMZ: inflated size and ratio within ``InputLimits``.
enum InflationGuard {
    static func check(inflated: Int64, compressed: Int64, limits: InputLimits, file: String, field: String?) throws {
        if inflated > limits.maxInflatedBytes {
            throw InputError(file: file, field: field, "inflates to more than \(limits.maxInflatedBytes) bytes "
                + "(\(InputLimits.name("maxInflatedBytes", limits.maxInflatedBytes))): refused as a possible zip bomb")
        }
        if inflated > limits.ratioGrace && inflated > Int64(limits.maxInflationRatio) * max(compressed, 1) {
            throw InputError(file: file, field: field, "inflates more than \(limits.maxInflationRatio) times its compressed size "
                + "(\(inflated) bytes from \(compressed); \(InputLimits.name("maxInflationRatio", limits.maxInflationRatio))): refused as a possible zip bomb")
        }
    }
}
