import CLibXML2
import DimingCore
import Foundation

/// The parallel read of an OSM XML file (分段并行读取): the file is cut at an ``OSMSplitPoint`` in its
/// node section and both halves are parsed at once, each by its own libxml2 parser (with the same
/// hostile-XML guards) into its own node index. The first half, `[0, cut)` closed by a synthetic
/// `</osm>`, holds only nodes and emits nothing; the second is fed the file's root start tag, then
/// `[cut, end)`, its lines numbered from where the cut is (the line feeds before the cut are counted
/// first, while the first half is already being parsed). At its first way the second half waits for
/// the first, puts the first half's nodes in front of its own, and goes on exactly as one read of the
/// whole file would from there: same features in the same order, same statistics, same errors at the
/// same lines (in libxml2's messages too).
///
/// The first half refuses the cut when anything in it could make the halves differ from one read: a
/// `<!` (comment, CDATA, DOCTYPE with attribute defaults) or `<?` after the declaration, a way or a
/// relation, or any error at all (including a cut inside a nested element, where `[0, cut) </osm>` is
/// not well formed). Then the second half has emitted nothing and the file is read again in one
/// piece, which reports a genuine error at its true line. An error of the second half, once the
/// first has succeeded, is genuine, and already at the file's line.
enum OSMSplitRead {
    /// Why the first half stops (never shown: the file is then read in one piece).
    static let refusal = "the file cannot be cut here"

    /// The first half's read, shared with the thread that runs it.
    final class FirstHalf: @unchecked Sendable {
        let reader: OSMRoadReader
        let condition = NSCondition()
        private var finishedValue = false
        private var succeededValue = false
        private var bytesValue = 0

        init(reader: OSMRoadReader) { self.reader = reader }

        var bytes: Int { condition.withLock { bytesValue } }
        var succeeded: Bool { condition.withLock { succeededValue } }

        /// Parses `[0, split.offset)` of `input`, then `</osm>`; runs on its own thread.
        func run(_ input: RandomAccessInput, _ split: OSMSplitPoint) {
            let parser = XMLStreamParser(fileName: reader.path, handler: reader, limits: reader.limits)
            let next = input.chunks(0..<split.offset)
            var offset = 0, closed = false, afterLess = false
            var ok = false
            do {
                try parser.parse(chunks: {
                    let chunk = try next()
                    if chunk.isEmpty {
                        if closed { return Data() }
                        closed = true
                        return Data("</osm>".utf8)
                    }
                    let markup = chunk.withUnsafeBytes { raw in
                        OSMSplitRead.scan(raw, skip: max(split.rootStart - offset, 0), afterLess: &afterLess)
                    }
                    guard !markup else { throw InputError(file: input.name, OSMSplitRead.refusal) }
                    offset += chunk.count
                    return chunk
                }, progress: { [self] total in condition.withLock { bytesValue = min(total, split.offset) } })
                ok = reader.sawRoot
            } catch {
                ok = false
            }
            condition.withLock {
                succeededValue = ok
                finishedValue = true
                condition.broadcast()
            }
        }

        /// Waits until the first half is done, calling `tick` about five times a second meanwhile.
        func wait(tick: () -> Void) {
            while true {
                condition.lock()
                if !finishedValue { _ = condition.wait(until: Date(timeIntervalSinceNow: 0.2)) }
                let done = finishedValue
                condition.unlock()
                if done { return }
                tick()
            }
        }
    }

    /// Whether `bytes` (from `skip` on) hold `<!` or `<?` (`afterLess`: the byte before them was `<`,
    /// carried from chunk to chunk).
    static func scan(_ bytes: UnsafeRawBufferPointer, skip: Int, afterLess: inout Bool) -> Bool {
        guard skip < bytes.count, let base = bytes.baseAddress else { return false }
        if afterLess && skip == 0 && (bytes[0] == UInt8(ascii: "!") || bytes[0] == UInt8(ascii: "?")) { return true }
        var at = base + skip
        let end = base + bytes.count
        while at < end, let less = memchr(at, Int32(UInt8(ascii: "<")), end - at) {
            let next = UnsafeRawPointer(less) + 1
            guard next < end else {
                afterLess = true
                return false
            }
            let byte = next.load(as: UInt8.self)
            if byte == UInt8(ascii: "!") || byte == UInt8(ascii: "?") { return true }
            at = next
        }
        afterLess = false
        return false
    }
}

extension OSMRoadReader {
    /// Reads `input` in two halves cut at `split` (see ``OSMSplitRead``), handing features to `emit`.
    /// Returns false, having emitted nothing, when the first half refuses the cut: then read it whole.
    func readSplit(_ input: RandomAccessInput, at split: OSMSplitPoint, progress: (Int, Int) -> Void) throws -> Bool {
        xmlInitParser() // before parsers on two threads
        let firstReader = OSMRoadReader(path: path, crs: crs, classKeys: classKeys, limits: limits, skipFailures: skipFailures)
        firstReader.part = .nodes
        firstReader.index.reserve(min(input.size / 100, 50_000_000))
        index.reserve(min((input.size - split.offset) / 100, 50_000_000))
        let first = OSMSplitRead.FirstHalf(reader: firstReader)
        let thread = Thread { first.run(input, split) }
        thread.stackSize = 8 << 20
        thread.start()

        let parser = XMLStreamParser(fileName: path, handler: self, limits: limits)
        // The root tag and its line feed take the line before the cut's.
        parser.firstLine = try input.lineFeeds(in: 0..<split.offset)
        var restBytes = 0
        return try withoutActuallyEscaping(progress) { progress in
            let report = { [self] in
                statistics.bytes = first.bytes + restBytes
                progress(statistics.bytes, emitted)
            }
            part = .rest(nodesBefore: {
                first.wait(tick: report)
                guard first.succeeded else { return nil }
                defer { first.reader.index = NodeLocationIndex() }
                return first.reader.index
            })
            defer { part = .whole }
            var failure: (any Error)?
            let rest = input.chunks(split.offset..<input.size)
            var prefixed = false
            do {
                try parser.parse(chunks: {
                    if prefixed { return try rest() }
                    prefixed = true
                    return Data(split.rootTag)
                }, progress: { total in
                    restBytes = max(total - split.rootTag.count, 0)
                    report()
                })
            } catch {
                failure = error
            }
            first.wait(tick: report)
            guard first.succeeded else { return false }
            readInParts = true
            if let emitError { throw emitError }
            if let failure { throw failure }
            let earlier = first.reader.statistics
            statistics.nodes += earlier.nodes
            statistics.ways += earlier.ways
            statistics.relations += earlier.relations
            statistics.skipped.merge(earlier.skipped, uniquingKeysWith: +)
            statistics.bytes = input.size
            progress(statistics.bytes, emitted)
            return true
        }
    }
}
