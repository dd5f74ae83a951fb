import DimingCore
import Foundation

/// Reads a file ahead on a thread of its own (预读), so that a parser spends its time parsing: while
/// it works on one chunk, the next is being read into another of a few reused buffers. The chunks
/// come in file order with the same contents as reading them in turn; a read error comes where that
/// read would have been. ``start(file:chunkSize:)`` is nil when no thread can be made (read in turn then).
///
/// The kernel's copy of a file into memory was about 8 % of the OSM parsing thread's time: on the
/// reading thread it overlaps the parse instead.
final class ChunkPrefetch: @unchecked Sendable {
    private enum Slot {
        case chunk(UnsafeMutableRawBufferPointer, count: Int)
        case failure(any Error)
    }

    private let file: FileHandle
    private let condition = NSCondition()
    /// Buffers waiting to be filled, and filled ones waiting to be parsed (in file order).
    private var free: [UnsafeMutableRawBufferPointer]
    private var ready: [Slot] = []
    private var stopped = false
    private var finished = false
    /// The buffer the parser has now, handed back by the next ``next()``.
    private var current: UnsafeMutableRawBufferPointer?
    private let buffers: [UnsafeMutableRawBufferPointer]
    /// Bytes still to read (the file's end comes first when it is nearer).
    private var remaining: Int

    private init(file: FileHandle, chunkSize: Int, limit: Int, buffers count: Int) {
        self.file = file
        remaining = limit
        buffers = (0..<count).map { _ in UnsafeMutableRawBufferPointer.allocate(byteCount: max(chunkSize, 1), alignment: 16) }
        free = buffers
    }

    deinit {
        for buffer in buffers { buffer.deallocate() }
    }

    /// Starts reading `file` ahead from its current position in chunks of `chunkSize` bytes (three
    /// buffers: one being parsed, one read, one ready), `limit` bytes at most; nil when no thread could be made.
    static func start(file: FileHandle, chunkSize: Int, limit: Int = .max) -> ChunkPrefetch? {
        let prefetch = ChunkPrefetch(file: file, chunkSize: chunkSize, limit: limit, buffers: 3)
        guard DetachedThread.start(stackSize: 256 << 10, { prefetch.readAhead() }) else { return nil }
        return prefetch
    }

    /// The next chunk (empty at the end of the file), valid until the following call; throws the
    /// error its read met.
    func next() throws -> UnsafeRawBufferPointer {
        condition.lock()
        defer { condition.unlock() }
        if let current {
            free.append(current)
            self.current = nil
            condition.broadcast()
        }
        while ready.isEmpty && !finished { condition.wait() }
        guard !ready.isEmpty else { return UnsafeRawBufferPointer(start: nil, count: 0) } // asked again after the end
        switch ready.removeFirst() {
        case let .chunk(buffer, count):
            current = buffer
            return UnsafeRawBufferPointer(rebasing: buffer[..<count])
        case let .failure(error):
            throw error
        }
    }

    /// Ends the reading thread and waits for it, so that the file can be closed.
    func stop() {
        condition.lock()
        stopped = true
        condition.broadcast()
        while !finished { condition.wait() }
        condition.unlock()
    }

    /// The reading thread: fills free buffers in turn until the end of the file, an error, or ``stop()``.
    private func readAhead() {
        condition.lock()
        defer {
            finished = true
            condition.broadcast()
            condition.unlock()
        }
        while true {
            while free.isEmpty && !stopped { condition.wait() }
            if stopped { return }
            let buffer = free.removeLast()
            let wanted = min(buffer.count, remaining)
            condition.unlock()
            let slot: Slot
            do {
                let count = wanted == 0 ? 0 : try file.readChunk(into: UnsafeMutableRawBufferPointer(rebasing: buffer[..<wanted]))
                slot = .chunk(buffer, count: count)
            } catch {
                slot = .failure(error)
            }
            condition.lock()
            if case let .chunk(_, count) = slot { remaining -= count }
            ready.append(slot)
            condition.broadcast()
            switch slot {
            case .chunk(_, count: 0), .failure: return
            case .chunk: continue
            }
        }
    }
}
