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
        let filled = try data.withUnsafeMutableBytes { buffer -> Int in
            var filled = 0
            while filled < count {
                let n = systemRead(fileDescriptor, buffer.baseAddress! + filled, count - filled)
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
        guard filled > 0 else { return nil }
        data.count = filled
        return data
    }
}

private func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
    Glibc.read(fd, buffer, count)
    #else
    Darwin.read(fd, buffer, count)
    #endif
}
