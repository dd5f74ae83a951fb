import DimingCore
import DimingKit
import Foundation

/// The SQLite registry's staging of an import's segments (暂存): each segment is encoded into its
/// `road_segment` row (``SegmentRecord``: WKB, tags' JSON, geodesic length, box and cell) as the file is
/// read, outside any transaction, and written to a private temporary file (owner-only, removed by
/// ``discard()``). The one short transaction that stores them reads the file back a batch at a time and
/// binds the bytes as they are. Memory holds a few batches, never the file's roads.
///
/// The encoding and writing run on a serial queue of their own, in order, so the reading thread only
/// hands segments over (a PBF read makes features on the calling thread; the encoding was a third of
/// that thread's work); at most ``depth`` batches wait. A write that fails (a full disk) is thrown by
/// the next `append` or by `finish()`.
final class SegmentStagingFile: SegmentStaging {
    let url: URL
    private(set) var count = 0
    private var pending: [(segment: RoadSegment, county: String?)] = []
    private let writer: Writer
    static let batch = 256, depth = 4

    /// A new, empty staging file in `directory` (default: the system's temporary folder).
    init(directory: String? = nil) throws {
        let folder = directory.map { URL(fileURLWithPath: $0) } ?? FileManager.default.temporaryDirectory
        url = folder.appendingPathComponent("diming-import-\(UUID().uuidString).staging")
        guard FileManager.default.createFile(atPath: url.path, contents: nil, attributes: [.posixPermissions: 0o600]) else {
            throw InputError(file: url.path, "cannot create the import's staging file in \(folder.path)")
        }
        writer = Writer(handle: try FileHandle(forWritingTo: url))
    }

    deinit { discard() }

    func append(_ segment: RoadSegment, mintIn county: String?) throws {
        guard !segment.geometry.points.isEmpty else { return } // no box: not a row (SegmentRecord)
        count += 1
        pending.append((segment, county))
        if pending.count == Self.batch {
            try writer.enqueue(pending)
            pending = []
            pending.reserveCapacity(Self.batch)
        }
    }

    /// Writes what is staged and closes the file for writing.
    func finish() throws {
        if !pending.isEmpty {
            try writer.enqueue(pending)
            pending = []
        }
        try writer.close()
    }

    func discard() {
        pending = []
        try? writer.close()
        try? FileManager.default.removeItem(at: url)
    }

    /// The staging file's own queue: it alone touches the buffer and the file.
    private final class Writer: @unchecked Sendable {
        private let queue = DispatchQueue(label: "diming.staging")
        private let slots = DispatchSemaphore(value: SegmentStagingFile.depth)
        private let lock = NSLock()
        private var failure: (any Error)?
        private var handle: FileHandle?
        private var buffer: [UInt8] = []

        init(handle: FileHandle) { self.handle = handle }

        private var failed: (any Error)? { lock.withLock { failure } }

        /// Hands a batch to the queue, waiting while `depth` batches wait; throws an earlier write's failure.
        func enqueue(_ batch: [(segment: RoadSegment, county: String?)]) throws {
            if let failed { throw failed }
            slots.wait()
            queue.async { [self] in
                defer { slots.signal() }
                guard failed == nil, handle != nil else { return }
                for (segment, county) in batch {
                    SegmentRecord.append(segment, id: county == nil ? segment.id.description : nil, mintIn: county, to: &buffer)
                }
                if buffer.count >= 1 << 22 {
                    do { try flush() } catch { lock.withLock { failure = error } }
                }
            }
        }

        /// Waits for the queue, writes the rest and closes the file; throws the first failure.
        func close() throws {
            queue.sync {
                do {
                    if failed == nil { try flush() }
                    try handle?.close() // a write the system reports only now (a quota, NFS) is a failure too
                } catch {
                    lock.withLock { if failure == nil { failure = error } }
                }
                handle = nil
            }
            if let failed { throw failed }
        }

        private func flush() throws {
            guard !buffer.isEmpty, let handle else { return }
            try handle.write(contentsOf: buffer)
            buffer.removeAll(keepingCapacity: true)
        }
    }

    /// A batch read back: its records' values, and what the transaction needs to give them ids.
    struct Batch {
        var records: [SegmentRecord.Values]
        var segments: [StagedSegment]
    }

    /// Reads the staged records back in order, `size` at a time; a batch's values point into a buffer
    /// that is valid only during `body`.
    func forEachBatch(size: Int, _ body: (Batch) throws -> Void) throws {
        try finish()
        let size = max(size, 1)
        let reader = try FileHandle(forReadingFrom: url)
        defer { try? reader.close() }
        // No record is longer than the file (a damaged length must not become a huge allocation).
        let fileSize = Int(try reader.seekToEnd())
        try reader.seek(toOffset: 0)
        var data: [UInt8] = [], offset = 0, taken = 0
        var chunk = [UInt8](repeating: 0, count: 1 << 22)
        /// Makes sure `count` bytes from `offset` are in `data`, keeping only what is not yet consumed.
        func need(_ count: Int) throws {
            guard data.count - offset < count else { return }
            guard count <= fileSize else { throw Self.corrupt }
            data.removeSubrange(0..<offset)
            offset = 0
            while data.count < count {
                // Whole chunks with read(2): FileHandle.read(upToCount:) reads 4 KiB a call on Linux.
                let got = chunk.withUnsafeMutableBytes { Foundation.read(reader.fileDescriptor, $0.baseAddress, $0.count) }
                if got < 0 && errno == EINTR { continue }
                guard got > 0 else { throw Self.corrupt }
                data.append(contentsOf: chunk[..<got])
            }
        }
        while taken < count {
            // The batch's bytes first (lengths only), then its records, found in one pass over them.
            var ranges: [Range<Int>] = []
            var end = offset
            while taken + ranges.count < count && ranges.count < size {
                let consumed = end - offset
                try need(consumed + 4)
                let start = offset + consumed
                let length = Int(data.withUnsafeBytes { UInt32(littleEndian: $0.loadUnaligned(fromByteOffset: start, as: UInt32.self)) })
                try need(consumed + 4 + length)
                ranges.append((consumed + 4)..<(consumed + 4 + length))
                end = offset + consumed + 4 + length
            }
            try data.withUnsafeBytes { all in
                let base = UnsafeRawBufferPointer(rebasing: all[offset..<end])
                let records = try ranges.map { try SegmentRecord.Values(UnsafeRawBufferPointer(rebasing: base[$0])) }
                let segments = try records.map { record in
                    guard let sourceRef = try record.text(SegmentRecord.sourceRefValue) else { throw Self.corrupt }
                    let mintIn = try record.text(SegmentRecord.mintInValue)
                    let id = try record.text(SegmentRecord.idValue)
                    guard mintIn != nil || id.flatMap(FeatureID.init) != nil else { throw Self.corrupt }
                    return StagedSegment(sourceRef: sourceRef, mintIn: mintIn, id: id.flatMap(FeatureID.init))
                }
                try body(Batch(records: records, segments: segments))
            }
            offset = end
            taken += ranges.count
        }
    }

    static let corrupt = InputError("the import's staging file was changed or cut short while the import ran")
}
