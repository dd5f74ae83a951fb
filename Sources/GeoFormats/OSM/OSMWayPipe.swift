import Foundation

/// A road way as the OSM parser hands it on: its nodes' locations and versions already looked up in
/// the node index, its tags still the bytes the file had (decoded on the other side).
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
}

/// The hand-over between the two threads of an OSM XML read (解析与组装流水线): the parsing thread
/// (libxml2, the node index) puts road ways and progress in order; the calling thread takes them,
/// makes the features and hands them to the caller. Bounded, so a slow consumer holds the parser
/// back instead of memory growing; `stop()` lets the consumer end the parse early after a failure.
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
    private let capacity: Int

    init(capacity: Int = 8) { self.capacity = capacity }

    /// Puts `event` in (waiting while the pipe is full); dropped once the consumer stopped, except the end.
    func put(_ event: Event) {
        condition.lock()
        defer { condition.unlock() }
        if case .end = event {} else {
            while events.count >= capacity && !stopped { condition.wait() }
            if stopped { return }
        }
        events.append(event)
        condition.broadcast()
    }

    /// The next event, waiting for one.
    func take() -> Event {
        condition.lock()
        defer { condition.unlock() }
        while events.isEmpty { condition.wait() }
        let event = events.removeFirst()
        condition.broadcast()
        return event
    }

    /// The consumer failed: the parser should stop, and what it puts is dropped.
    func stop() {
        condition.lock()
        stopped = true
        // What is waiting is dropped, but not the end: the parser may have put it already.
        events.removeAll { if case .end = $0 { false } else { true } }
        condition.broadcast()
        condition.unlock()
    }

    var isStopped: Bool {
        condition.lock()
        defer { condition.unlock() }
        return stopped
    }
}

/// Lets a value cross to the parsing thread, which alone uses it until it hands the end over.
struct ParserThreadTransfer<Value>: @unchecked Sendable {
    let value: Value
}
