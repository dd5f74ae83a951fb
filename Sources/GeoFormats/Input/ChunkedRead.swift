import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

public extension FileHandle {
    /// Up to `count` bytes from the current position, nil at the end of the file, read with as few
    /// system calls as the kernel allows. Foundation's `read(upToCount:)` on Linux reads 4 KiB a
    /// call: a 100 MB OSM file took 25,000 `read`s and a tenth of its import in them.
    func readChunk(upToCount count: Int) throws -> Data? {
        guard count > 0 else { return Data() }
        var data = Data(count: count)
        let filled = try data.withUnsafeMutableBytes { try readChunk(into: $0) }
        guard filled > 0 else { return nil }
        data.count = filled
        return data
    }

    /// Fills `buffer` from the current position as far as the file goes, and returns how many bytes
    /// it read (0 at the end of the file): for a reader that reuses one buffer for every chunk.
    func readChunk(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard let base = buffer.baseAddress else { return 0 }
        var filled = 0
        while filled < buffer.count {
            let n = systemRead(fileDescriptor, base + filled, buffer.count - filled)
            if n > 0 {
                filled += n
            } else if n == 0 {
                break
            } else if errno != EINTR {
                throw CocoaError(.fileReadUnknown, userInfo: [NSUnderlyingErrorKey: POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)])
            }
        }
        return filled
    }
}

private func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
    Glibc.read(fd, buffer, count)
    #else
    Darwin.read(fd, buffer, count)
    #endif
}
