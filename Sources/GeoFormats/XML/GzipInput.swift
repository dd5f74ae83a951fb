import CGzip
import DimingCore
import Foundation

/// Reads a gzip file in chunks through zlib.
final class GzipInput {
    private let file: gzFile
    private let name: String

    init(path: String, name: String) throws {
        guard let file = gzopen(path, "rb") else { throw InputError(file: name, "cannot read the file") }
        self.file = file
        self.name = name
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
        return data
    }

    /// How far into the compressed file zlib has read.
    var compressedOffset: Int { Int(gzoffset(file)) }
}
