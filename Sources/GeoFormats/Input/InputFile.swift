import DimingCore
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Opening a file to import: it must be a regular file. A FIFO, a device, a socket or a directory
/// (`x.kmz/`) is refused at once with an error, instead of a read that waits forever.
public enum InputFile {
    /// Opens `path` for reading; `name` is how errors call it. The check and the read use the same
    /// descriptor, so the file cannot be swapped for a FIFO in between.
    public static func open(_ path: String, name: String? = nil) throws -> FileHandle {
        let name = name ?? path
        // O_NONBLOCK: opening a FIFO with no writer must not block before we can look at it.
        let fd = openReadOnly(path)
        guard fd >= 0 else {
            let reason = errno == ENOENT ? "no such file" : "cannot read the file (\(String(cString: strerror(errno))))"
            throw InputError(file: name, reason)
        }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            close(fd)
            throw InputError(file: name, "cannot read the file")
        }
        guard info.st_mode & S_IFMT == S_IFREG else {
            close(fd)
            throw InputError(file: name, "not a regular file (\(kind(info.st_mode))): give the path of a file to import")
        }
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK)
        return FileHandle(fileDescriptor: fd, closeOnDealloc: true)
    }

    /// Throws unless `path` is a regular file (for libraries that open the file themselves).
    public static func requireRegular(_ path: String, name: String? = nil) throws {
        try open(path, name: name).close()
    }

    /// The size of the regular file at `path`.
    public static func size(_ handle: FileHandle) -> Int64 {
        var info = stat()
        return fstat(handle.fileDescriptor, &info) == 0 ? Int64(info.st_size) : 0
    }

    /// Reads a whole (small) file, refusing one larger than `limit` bytes.
    public static func contents(_ path: String, name: String? = nil, limit: Int, limitName: String) throws -> Data {
        let name = name ?? path
        let handle = try open(path, name: name)
        defer { try? handle.close() }
        let size = self.size(handle)
        guard size <= Int64(limit) else {
            throw InputError(file: name, "the file has \(size) bytes, more than this reader takes (\(InputLimits.name(limitName, limit)))")
        }
        do {
            return try handle.readToEnd() ?? Data()
        } catch {
            throw InputError(file: name, "cannot read the file (\(error))")
        }
    }

    private static func openReadOnly(_ path: String) -> Int32 {
        #if canImport(Glibc)
        Glibc.open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        #else
        Darwin.open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        #endif
    }

    static func kind(_ mode: mode_t) -> String {
        switch mode & S_IFMT {
        case S_IFDIR: "a directory"
        case S_IFIFO: "a FIFO"
        case S_IFCHR: "a character device"
        case S_IFBLK: "a block device"
        case S_IFSOCK: "a socket"
        default: "not a plain file"
        }
    }
}
