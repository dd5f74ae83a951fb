#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Files that a use case writes for the registry (a delivery, a sign order), staged beside their
/// destination and moved into place only after the registry commits.
///
/// The staging folder `<parent>/.staging-<uuid>` sits in the destination's parent, so the move is a
/// rename on one file system. While its owner runs, it holds an exclusive `flock` on the lock file
/// `<parent>/.staging-<uuid>.lock`; the lock dies with the process, which is how ``sweep(_:recover:)``
/// tells a live staging folder from one left by a killed run. Once the registry has committed, the
/// owner writes the destination into the lock file before moving, so a move that fails or is
/// killed midway is finished by the next sweep instead of being lost.
///
/// The lifecycle: ``stage(in:merge:_:)`` creates the folder, runs the body (which writes into
/// ``path`` and commits the registry transaction, returning the destination), then moves the
/// folder into place. Any error before the commit removes the staging folder, its lock and the
/// parent folders it created, so nothing of the destination appears.
final class StagedFolder {
    static let prefix = ".staging-"
    static let lockSuffix = ".lock"

    /// The staging folder: write here.
    let path: String
    let lockPath: String
    private var lock: Int32
    /// Parent folders created for this staging folder, outermost first (removed again if empty when it is discarded).
    private var created: [String]

    /// What to do with a staging folder once the registry has committed: rename it to the destination
    /// (which must not exist), or, with `merge`, move its files into the destination folder, replacing
    /// files of the same name (a folder that collects many orders).
    struct Commitment: Codable, Equatable {
        var destination: String
        var merge: Bool
    }

    /// Creates an empty staging folder in `parent` (creating `parent` if needed) and locks it.
    init(in parent: String) throws {
        let parent = Self.normalized(parent)
        created = try Self.createDirectories(parent)
        var attempt = 0
        while true {
            let name = Self.prefix + UUID().uuidString.lowercased()
            let path = parent + "/" + name, lockPath = path + Self.lockSuffix
            let fd = open(lockPath, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
            if fd < 0 {
                let error = Self.posixError("cannot create the staging lock \(lockPath)")
                Self.removeIfEmpty(created)
                throw error
            }
            // A sweep may have unlinked the new lock file between open and flock; then try another name.
            var info = stat()
            if flock(fd, LOCK_EX) == 0, fstat(fd, &info) == 0, info.st_nlink > 0 {
                do {
                    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
                } catch {
                    unlink(lockPath)
                    close(fd)
                    Self.removeIfEmpty(created)
                    throw error
                }
                self.path = path
                self.lockPath = lockPath
                self.lock = fd
                return
            }
            close(fd)
            attempt += 1
            if attempt > 5 {
                Self.removeIfEmpty(created)
                throw StagingError(message: "cannot lock a staging folder in \(parent)")
            }
        }
    }

    deinit {
        if lock >= 0 { close(lock) }
    }

    /// Runs `body`, which writes into the staging folder, commits the registry and returns the
    /// destination; then moves the staging folder into place. An error from `body` discards the
    /// staging folder and is rethrown; a move that fails after the commit throws ``StagingError``
    /// and leaves the files for the next sweep to move.
    static func stage<T>(in parent: String, merge: Bool = false, _ body: (StagedFolder) throws -> (T, destination: String)) throws -> T {
        let staging = try StagedFolder(in: parent)
        let result: T, destination: String
        do {
            (result, destination) = try body(staging)
        } catch {
            staging.discard()
            throw error
        }
        try staging.publish(Commitment(destination: normalized(destination), merge: merge))
        return result
    }

    /// Removes the staging folder, its lock and the parents it created (if they are empty).
    func discard() {
        try? FileManager.default.removeItem(atPath: path)
        release()
        Self.removeIfEmpty(created)
        created = []
    }

    /// Records the commitment in the lock file, then moves the files into place.
    func publish(_ commitment: Commitment) throws {
        if let data = try? JSONEncoder().encode(commitment) {
            _ = ftruncate(lock, 0)
            _ = data.withUnsafeBytes { pwrite(lock, $0.baseAddress, $0.count, 0) }
        }
        do {
            try Self.move(path, commitment)
        } catch {
            // Committed: keep the files and the commitment for the next sweep; only let go of the lock.
            close(lock)
            lock = -1
            throw StagingError(message: "the registry recorded the change, but its files could not be moved from \(path) to \(commitment.destination) (\(error)); "
                + "the next export to this folder moves them")
        }
        release()
        created = []
    }

    private func release() {
        guard lock >= 0 else { return }
        unlink(lockPath)
        close(lock)
        lock = -1
    }

    // MARK: Moving

    static func move(_ source: String, _ commitment: Commitment) throws {
        let fm = FileManager.default
        var isFolder: ObjCBool = false
        let exists = fm.fileExists(atPath: commitment.destination, isDirectory: &isFolder)
        if !exists {
            try renameEntry(source, commitment.destination)
            return
        }
        guard commitment.merge, isFolder.boolValue else {
            throw StagingError(message: "\(commitment.destination) already exists")
        }
        try merge(source, into: commitment.destination)
        try fm.removeItem(atPath: source)
    }

    /// Moves every file of `source` into `destination`, replacing files of the same name, folder by folder.
    private static func merge(_ source: String, into destination: String) throws {
        let fm = FileManager.default
        for name in try fm.contentsOfDirectory(atPath: source).sorted() {
            let from = source + "/" + name, to = destination + "/" + name
            var fromFolder: ObjCBool = false, toFolder: ObjCBool = false
            _ = fm.fileExists(atPath: from, isDirectory: &fromFolder)
            if fromFolder.boolValue, fm.fileExists(atPath: to, isDirectory: &toFolder), toFolder.boolValue {
                try merge(from, into: to)
            } else {
                try renameEntry(from, to)
            }
        }
    }

    /// rename(2): atomic, and it replaces a file of the same name.
    private static func renameEntry(_ from: String, _ to: String) throws {
        if rename(from, to) != 0 { throw posixError("cannot move \(from) to \(to)") }
    }

    // MARK: Leftovers

    /// What a sweep did.
    struct Sweep: Equatable {
        /// Staging folders of killed runs, removed.
        var removed: [String] = []
        /// Staging folders of committed changes, moved into place.
        var moved: [String] = []
    }

    /// Cleans up staging folders that killed runs left in `folders`: a folder whose change the registry
    /// committed (recorded in its lock file, or recognised by `recover`) is moved into place; any
    /// other is removed. Folders whose owner still runs (its lock is held) are left alone, and only
    /// names of the staging pattern are touched. Best effort: what cannot be cleaned stays for the next sweep.
    @discardableResult
    static func sweep(_ folders: [String], recover: (String) -> Commitment? = { _ in nil }) -> Sweep {
        let fm = FileManager.default
        var result = Sweep()
        for folder in folders.map(normalized) {
            guard let names = try? fm.contentsOfDirectory(atPath: folder) else { continue }
            let entries = Set(names.filter { $0.hasPrefix(prefix) && $0.count > prefix.count })
            for name in entries.sorted() {
                let isLock = name.hasSuffix(lockSuffix)
                let stagingName = isLock ? String(name.dropLast(lockSuffix.count)) : name
                if isLock && entries.contains(stagingName) { continue }  // handled with its folder
                let path = folder + "/" + stagingName, lockPath = path + lockSuffix
                var isFolder: ObjCBool = false
                if !isLock && (!fm.fileExists(atPath: path, isDirectory: &isFolder) || !isFolder.boolValue) { continue }
                let fd = open(lockPath, O_RDWR | O_CLOEXEC)
                if fd >= 0 {
                    // Held: its owner is still running.
                    guard flock(fd, LOCK_EX | LOCK_NB) == 0 else { close(fd); continue }
                }
                // The owner is gone (or, with no lock file, never got that far or finished removing it).
                defer { if fd >= 0 { close(fd) } }
                if fm.fileExists(atPath: path) {
                    let recorded = fm.contents(atPath: lockPath).flatMap { try? JSONDecoder().decode(Commitment.self, from: $0) }
                    if let commitment = recorded ?? recover(path), (try? move(path, commitment)) != nil {
                        result.moved.append(path)
                    } else {
                        guard (try? fm.removeItem(atPath: path)) != nil else { continue }
                        result.removed.append(path)
                    }
                }
                if fd >= 0 { unlink(lockPath) }
            }
        }
        return result
    }

    // MARK: Helpers

    static func isStaging(_ name: String) -> Bool { name.hasPrefix(prefix) }

    /// `path` without trailing slashes ("." for an empty one).
    static func normalized(_ path: String) -> String {
        var path = path
        while path.count > 1 && path.hasSuffix("/") { path.removeLast() }
        return path.isEmpty ? "." : path
    }

    /// The folder that holds `path` ("." for a bare name).
    static func parent(of path: String) -> String {
        let path = normalized(path)
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    /// Creates `folder` and its missing parents; returns the ones created, outermost first.
    private static func createDirectories(_ folder: String) throws -> [String] {
        var missing: [String] = [], current = folder
        while !FileManager.default.fileExists(atPath: current) {
            missing.insert(current, at: 0)
            let up = parent(of: current)
            if up == current { break }
            current = up
        }
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return missing
    }

    private static func removeIfEmpty(_ folders: [String]) {
        for folder in folders.reversed() {
            guard (try? FileManager.default.contentsOfDirectory(atPath: folder))?.isEmpty == true else { return }
            try? FileManager.default.removeItem(atPath: folder)
        }
    }

    private static func posixError(_ what: String) -> StagingError {
        StagingError(message: "\(what): \(String(cString: strerror(errno)))")
    }
}

/// Staged files that could not be created or moved into place.
public struct StagingError: Error, CustomStringConvertible, Sendable {
    public var message: String
    public var description: String { message }
}
