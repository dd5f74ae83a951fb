import Foundation

/// A road way as an OSM reader hands it on (XML's parser, or libosmium's PBF read): its nodes'
/// locations and versions already looked up, its tags still the bytes the file had (decoded on the
/// other side).
struct PendingWay {
    var id: Int64
    var version: Int?
    /// The line the way starts at (for messages), and where the parser was when it ended (for errors).
    var line: Int
    var endLine: Int
    var endColumn: Int
    var refs: [Int64]
    var locations: [(lon: Int32, lat: Int32)?]
    var nodeVersions: [Int32]
    var tagBytes: [UInt8]
    var tagSpans: [(key: Range<Int>, value: Range<Int>)]
    /// Whether the tag bytes are XML attribute text (entities to decode) or plain UTF-8 (PBF).
    var tagsAreXML = true

    /// The tags as text (entities decoded in XML).
    var tags: [String: String] {
        var tags: [String: String] = [:]
        tags.reserveCapacity(tagSpans.count)
        guard tagsAreXML else {
            for span in tagSpans { tags[String(decoding: tagBytes[span.key], as: UTF8.self)] = String(decoding: tagBytes[span.value], as: UTF8.self) }
            return tags
        }
        for span in tagSpans { tags[Self.text(tagBytes, span.key)] = Self.text(tagBytes, span.value) }
        return tags
    }

    /// The tag text at `span` of `bytes`, entities decoded.
    static func text(_ bytes: [UInt8], _ span: Range<Int>) -> String {
        guard !span.isEmpty else { return "" }
        return bytes.withUnsafeBufferPointer { XMLBytes(start: $0.baseAddress! + span.lowerBound, count: span.count).string }
    }
}

/// The hand-over between the two threads of an OSM XML read (解析与组装流水线): the parsing thread
/// (libxml2, the node index) puts road ways and progress in order; the calling thread takes them,
/// makes the features and hands them to the caller. Bounded by events and by the node ids they hold,
/// so a slow consumer (or a file of huge ways) holds the parser back instead of memory growing;
/// `stop()` lets the consumer end the parse early after a failure.
///
/// The outcome does not depend on timing: every way the parser hands on before it stops is taken in
/// file order, and the consumer's failure (always earlier in the file than anything the parser did
/// after handing that way on) wins over the parser's.
final class OSMWayPipe: @unchecked Sendable {
    enum Event {
        case ways([PendingWay])
        case progress(Int)
        /// The parse ended: with the error it stopped at, if any.
        case end((any Error)?)
    }

    private let condition = NSCondition()
    private var events: [Event] = []
    private var stopped = false
    /// Node ids in the ways waiting (a way may have up to two million).
    private var queuedNodes = 0
    private let capacity: Int
    private let maxNodes: Int
    private var latestProgress = 0

    /// The bytes the parser last reported having read, whether or not that report was taken yet.
    var progressSoFar: Int {
        condition.lock()
        defer { condition.unlock() }
        return latestProgress
    }

    init(capacity: Int = 8, maxNodes: Int = 1 << 20) {
        self.capacity = capacity
        self.maxNodes = maxNodes
    }

    /// Puts `event` in, waiting while the pipe is full (an event always goes into an empty pipe);
    /// dropped once the consumer stopped, except the end.
    func put(_ event: Event) {
        let nodes = Self.nodes(in: event)
        condition.lock()
        defer { condition.unlock() }
        if case let .progress(bytes) = event {
            latestProgress = bytes
            // A progress report replaces one still waiting: a parse whose ways are not taken yet
            // (the second part of a split read) is not held back by its reports.
            if case .progress = events.last {
                events[events.count - 1] = event
                return
            }
        }
        if case .end = event {} else {
            while !events.isEmpty && (events.count >= capacity || queuedNodes + nodes > maxNodes) && !stopped { condition.wait() }
            if stopped { return }
        }
        events.append(event)
        queuedNodes += nodes
        condition.broadcast()
    }

    private static func nodes(in event: Event) -> Int {
        guard case let .ways(ways) = event else { return 0 }
        return ways.reduce(0) { $0 + $1.refs.count }
    }

    /// The next event, waiting for one.
    func take() -> Event {
        condition.lock()
        defer { condition.unlock() }
        while events.isEmpty { condition.wait() }
        let event = events.removeFirst()
        queuedNodes -= Self.nodes(in: event)
        condition.broadcast()
        return event
    }

    /// The consumer failed: the parser should stop, and what it puts is dropped.
    func stop() {
        condition.lock()
        stopped = true
        // What is waiting is dropped, but not the end: the parser may have put it already.
        events.removeAll { if case .end = $0 { false } else { true } }
        queuedNodes = 0
        condition.broadcast()
        condition.unlock()
    }

    var isStopped: Bool {
        condition.lock()
        defer { condition.unlock() }
        return stopped
    }
}

/// The parsing side's batch of road ways for an ``OSMWayPipe``: handed on 256 ways or 65,536 node
/// ids at a time, and whenever the parser reports progress or ends.
struct OSMWayBatch {
    private var ways: [PendingWay] = []
    private var nodes = 0

    /// Adds `way`, and puts the batch into `pipe` when it is full.
    mutating func add(_ way: PendingWay, to pipe: OSMWayPipe) {
        ways.append(way)
        nodes += way.refs.count
        if ways.count >= 256 || nodes >= 1 << 16 { handOn(to: pipe) }
    }

    /// Puts the ways not yet handed on into `pipe`.
    mutating func handOn(to pipe: OSMWayPipe) {
        guard !ways.isEmpty else { return }
        pipe.put(.ways(ways))
        ways = []
        nodes = 0
    }
}

/// Lets a value cross to the parsing thread, which alone uses it until it hands the end over.
struct ParserThreadTransfer<Value>: @unchecked Sendable {
    let value: Value
}
