import DimingCore
import Foundation

/// Bytes that can be read at any offset, from several threads at once: a regular file (`pread`, no
/// shared file position) or data in memory. What a reader that cuts its input in parts (such as the
/// parallel OSM read, 分段并行读取) reads each part from.
final class RandomAccessInput: @unchecked Sendable {
    private let handle: FileHandle?
    private let data: Data
    let name: String
    /// The size in bytes when the input was opened.
    let size: Int

    /// Opens the regular file at `path` (see ``InputFile/open(_:name:)``).
    init(path: String, name: String) throws {
        let handle = try InputFile.open(path, name: name)
        self.handle = handle
        data = Data()
        self.name = name
        size = Int(InputFile.size(handle))
    }

    /// Bytes in memory (`name` is how errors call them).
    init(data: Data, name: String) {
        handle = nil
        self.data = data
        self.name = name
        size = data.count
    }

    /// Up to `count` bytes at `offset` (fewer only at the end of the input).
    func read(at offset: Int, count: Int) throws -> Data {
        let count = max(0, min(count, size - offset))
        guard count > 0 else { return Data() }
        guard let handle else { return data.subdata(in: data.startIndex + offset..<data.startIndex + offset + count) }
        var out = Data(count: count)
        var done = 0
        while done < count {
            let got = out.withUnsafeMutableBytes { raw in
                pread(handle.fileDescriptor, raw.baseAddress! + done, count - done, off_t(offset + done))
            }
            if got < 0 && errno == EINTR { continue }
            guard got >= 0 else { throw InputError(file: name, "cannot read the file (\(String(cString: strerror(errno))))") }
            if got == 0 { break } // the file shrank while it was read
            done += got
        }
        out.count = done
        return out
    }

    /// Hands out the bytes of `range` in chunks of `chunkSize`, then empty data.
    func chunks(_ range: Range<Int>, chunkSize: Int = 1 << 20) -> () throws -> Data {
        var next = range.lowerBound
        return { [self] in
            guard next < range.upperBound else { return Data() }
            let chunk = try read(at: next, count: min(chunkSize, range.upperBound - next))
            next = chunk.isEmpty ? range.upperBound : next + chunk.count
            return chunk
        }
    }

    /// How many line feeds the bytes of `range` hold (for line numbers of a part read on its own).
    func lineFeeds(in range: Range<Int>) throws -> Int {
        var count = 0
        let next = chunks(range)
        while true {
            let chunk = try next()
            if chunk.isEmpty { return count }
            count += chunk.withUnsafeBytes { raw in raw.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) } }
        }
    }

    deinit { try? handle?.close() }
}
