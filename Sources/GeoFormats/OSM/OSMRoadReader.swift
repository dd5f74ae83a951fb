import DimingCore
import Foundation

/// What an OSM read saw besides the road features.
public struct OSMReadStatistics: Sendable {
    public var nodes = 0
    public var ways = 0
    public var relations = 0
    /// Ways left out, by reason.
    public var skipped: [String: Int] = [:]
    public var bytes = 0
}

/// Reads OSM XML 0.6 as a stream (libxml2 SAX2) and yields the ways that carry a road-class key
/// (`highway` by default) as ``RoadFeature``s with their node coordinates resolved, one at a time as
/// each way ends (``read(progress:each:)``), so a caller can write them in batches.
///
/// A file of a megabyte or more is read on two threads: a parsing thread runs libxml2 and keeps the
/// node index, and hands each road way on (``OSMWayPipe``) to the calling thread, which makes the
/// feature and calls `each` there. A plain file of 8 MB or more is moreover parsed in two parts at
/// once (``OSMFileSplit``), each on a thread of its own (``OSMSectionParser``): the calling thread
/// takes the first part's ways, then the second's, which look their nodes up in both parts' indexes.
/// The features, their order, the error a bad file gets and (when the read succeeds) the statistics
/// are those of a read on one thread (`pipelined: false`), whatever the timing: a split read that
/// meets any failure but the caller's own is read again on one parser, without handing the caller
/// again the features it already had. A read goes on one thread when no second thread can be made.
///
/// Memory: 20 bytes per node for the location index (in two parts when split), plus the ways in the
/// pipe (about a million node ids in each, or one way of up to two million) and those a split read
/// holds back (about four million node ids, or 32 MB of tags). Coordinates are
/// checked (a NaN or out-of-range latitude rejects the file with its line); a way with no nodes
/// at all is an error, and so is a way that refers to a node the file does not have, unless
/// `skipFailures` is set: then the way keeps its longest run of present nodes (or is skipped when
/// no two remain), and both are counted in ``OSMReadStatistics/skipped``.
public final class OSMRoadReader {
    public let path: String
    public let crs: CoordinateSystem
    public let classKeys: Set<String>
    public let limits: InputLimits
    /// Keep ways with missing nodes (clipped to their longest run of present nodes) instead of failing.
    public var skipFailures = false
    /// Parse on a thread of its own: nil decides by size (a megabyte or more).
    public var pipelined: Bool?
    /// Where a pipelined read of a plain file cuts it to parse both parts at once, as a fraction of
    /// its size (the cut is at the next line opening an object); nil decides by size (0.4 for 8 MB
    /// or more), 0 never cuts.
    public var splitFraction: Double?

    /// What the read saw; complete when a read returns.
    public var statistics: OSMReadStatistics {
        var merged = OSMReadStatistics()
        var waysWithoutClass = 0
        for section in sections {
            merged.nodes += section.parsed.nodes
            merged.ways += section.parsed.ways
            merged.relations += section.parsed.relations
            merged.bytes += section.parsed.bytes
            waysWithoutClass += section.waysWithoutClass
        }
        if waysWithoutClass > 0 { merged.skipped["no road class", default: 0] += waysWithoutClass }
        for (reason, count) in assembled.skipped { merged.skipped[reason, default: 0] += count }
        return merged
    }

    /// How much a split read's second part holds back (road ways' node ids, plus their tags' bytes by
    /// eights) while the first part is still being parsed, before it waits for it.
    var maxHeldWeight = 1 << 22

    /// In how many parts the last read parsed the file (2 when it was split and not read again).
    var partsRead: Int { sections.count }

    /// The parts of the last read's parse (one, or two when it was split).
    private var sections: [OSMSectionParser] = []

    // The assembling side: touched only by the thread that called `read`.
    private var assembled = OSMReadStatistics()
    private var emit: (RoadFeature) throws -> Void = { _ in }
    private var emitted = 0
    /// Features made again by a read that follows a split one that failed, which the caller already had.
    private var alreadyEmitted = 0
    /// The identities and places of the features handed to the caller, and of those a read again
    /// skipped, folded in order: when they differ, the file changed between the two reads.
    private var emittedDigest = Hasher()
    private var skippedDigest = Hasher()
    /// Whether the features handed over are folded into `emittedDigest` (only a split read may be read again).
    private var digesting = false
    /// The first way that failed (its assembly or `each`): the read throws this.
    private var assemblyFailure: (any Error)?
    /// Whether `assemblyFailure` is the caller's (thrown by `each`).
    private var callerFailed = false

    public init(path: String, crs: CoordinateSystem = .wgs84, classKeys: Set<String> = ["highway"], limits: InputLimits = .standard,
                skipFailures: Bool = false, pipelined: Bool? = nil, splitFraction: Double? = nil) {
        self.path = path
        self.crs = crs
        self.classKeys = classKeys
        self.limits = limits
        self.skipFailures = skipFailures
        self.pipelined = pipelined
        self.splitFraction = splitFraction
    }

    /// Reads the whole file and returns its road features; `progress` gets (bytes read, features so far).
    public func read(progress: (Int, Int) -> Void = { _, _ in }) throws -> [RoadFeature] {
        var features: [RoadFeature] = []
        try read(progress: progress) { features.append($0) }
        return features
    }

    /// Reads the whole file, handing each road feature to `each` as its way ends.
    public func read(progress: (Int, Int) -> Void = { _, _ in }, each: @escaping (RoadFeature) throws -> Void) throws {
        // The size of the file itself (stat follows a symbolic link; FileManager's attributes do not).
        var info = stat()
        let size = stat(path, &info) == 0 ? Int(info.st_size) : 0
        let pipelined = pipelined ?? (size >= 1 << 20)
        emit = each
        defer {
            emit = { _ in }
            alreadyEmitted = 0
        }
        reset()
        let path = self.path
        let fraction = splitFraction ?? (size >= 8 << 20 ? 0.4 : 0)
        if pipelined, !path.lowercased().hasSuffix(".gz"), let split = OSMFileSplit.plan(path: path, size: size, fraction: fraction) {
            switch readSplit(split, progress: progress) {
            case .done:
                if let assemblyFailure { throw assemblyFailure } // the caller's
                return try finishRead()
            case .readAgain:
                // Something failed: the file is read on one parser, which meets the same failure where
                // a read on one thread would, without handing the caller again what it already had.
                alreadyEmitted = emitted
                skippedDigest = Hasher()
                reset()
            }
        }
        let section = OSMSectionParser(classKeys: classKeys, expectedNodes: min(size / 100, 50_000_000))
        sections = [section]
        let readAgain = alreadyEmitted > 0
        try run(section, pipelined: pipelined, progress: progress) { parser, chunk in
            try parser.parse(path: path, progress: chunk)
        }
        // Read again to its end, the file gave fewer features than the caller already had.
        if readAgain && alreadyEmitted > 0 { throw Self.changedError(path) }
    }

    private static func changedError(_ path: String) -> InputError {
        InputError(file: path, "the file changed while it was being read: import it again")
    }

    /// Reads OSM XML from memory (`path` names it in errors).
    public func read(data: Data, each: @escaping (RoadFeature) throws -> Void) throws {
        emit = each
        defer { emit = { _ in } }
        alreadyEmitted = 0
        reset()
        var chunks = [data]
        let section = OSMSectionParser(classKeys: classKeys, expectedNodes: 0)
        sections = [section]
        try run(section, pipelined: pipelined ?? false, progress: { _, _ in }) { parser, _ in
            try parser.parse(chunks: { chunks.isEmpty ? Data() : chunks.removeFirst() })
        }
    }

    private func reset() {
        if alreadyEmitted == 0 { emittedDigest = Hasher() }
        digesting = false
        sections = []
        assembled = OSMReadStatistics()
        emitted = 0
        assemblyFailure = nil
        callerFailed = false
    }

    /// One read of the whole file by `section`: `parse` drives the parser (calling `chunk` with the
    /// bytes read so far), here or on a thread of its own; the features are made and handed to `each`
    /// on this thread.
    private func run(_ section: OSMSectionParser, pipelined: Bool, progress: (Int, Int) -> Void,
                     parse: @escaping (XMLStreamParser, _ chunk: (Int) -> Void) throws -> Void) throws {
        var parseFailure: (any Error)?
        if pipelined, let pipe = startParsing(section, parse) {
            parseFailure = take(pipe, lineOffset: 0) { progress($0, self.emitted) }
        } else {
            // On one thread: when asked, or when no thread could be made.
            section.deliver = { [unowned self] way in
                self.assemble(way, lineOffset: 0)
                return self.assemblyFailure == nil
            }
            do {
                let parser = XMLStreamParser(fileName: path, handler: section, limits: limits)
                try parse(parser) { bytes in
                    section.progressed(bytes)
                    progress(bytes, self.emitted)
                }
            } catch {
                parseFailure = error
            }
        }
        // A failed way came before anything the parser did after handing it on.
        if let assemblyFailure { throw assemblyFailure }
        if let parseFailure { throw parseFailure }
        try finishRead()
    }

    private func finishRead() throws {
        guard sections.first?.sawRoot == true else { throw InputError(file: path, "not an OSM XML file (no <osm> element)") }
    }

    private enum SplitOutcome { case done, readAgain }

    /// Parses both parts of `split` at once and makes the first part's features, then the second's:
    /// `.done` when the read succeeded or the caller failed (its error in `assemblyFailure`),
    /// `.readAgain` when anything else failed.
    private func readSplit(_ split: OSMFileSplit, progress: (Int, Int) -> Void) -> SplitOutcome {
        let first = OSMSectionParser(classKeys: classKeys, expectedNodes: split.offset / 100)
        let second = OSMSectionParser(classKeys: classKeys, expectedNodes: (split.size - split.offset) / 100, earlier: first,
                                      maxHeldWeight: maxHeldWeight)
        sections = [first, second]
        digesting = true
        let path = self.path
        guard let firstPipe = startParsing(first, { parser, chunk in try parser.parse(path: path, section: split.first, progress: chunk) }) else {
            return .readAgain
        }
        guard let secondPipe = startParsing(second, { parser, chunk in try parser.parse(path: path, section: split.second, progress: chunk) }) else {
            firstPipe.stop()
            _ = take(firstPipe, lineOffset: 0) { _ in }
            return .readAgain
        }
        let firstFailure = take(firstPipe, lineOffset: 0) { progress($0 + secondPipe.progressSoFar, self.emitted) }
        if firstFailure != nil || assemblyFailure != nil { secondPipe.stop() }
        let lineOffset = split.lineOffset(firstPartEndLine: first.rootEndLine)
        let secondFailure = take(secondPipe, lineOffset: lineOffset) { progress(split.offset + $0, self.emitted) }
        if callerFailed { return .done }
        return firstFailure == nil && secondFailure == nil && assemblyFailure == nil ? .done : .readAgain
    }

    /// Makes the features of the ways `pipe` brings until its end (all of them, after a failure
    /// stops the parse); the parse's failure, if any.
    private func take(_ pipe: OSMWayPipe, lineOffset: Int, progress: (Int) -> Void) -> (any Error)? {
        while true {
            switch pipe.take() {
            case let .ways(ways):
                for way in ways where assemblyFailure == nil {
                    assemble(way, lineOffset: lineOffset)
                    if assemblyFailure != nil { pipe.stop() }
                }
            case let .progress(bytes):
                progress(bytes)
            case let .end(failure):
                return failure
            }
        }
    }

    /// Starts `parse` of `section` on a thread of its own, which hands the ways on through the
    /// returned pipe and ends with `.end`; nil (nothing started) when no thread can be made.
    private func startParsing(_ section: OSMSectionParser, _ parse: @escaping (XMLStreamParser, _ chunk: (Int) -> Void) throws -> Void) -> OSMWayPipe? {
        let pipe = OSMWayPipe()
        section.pipe = pipe // before the thread starts: its callbacks read it
        let transfer = ParserThreadTransfer(value: (section: section, parse: parse, path: path, limits: limits))
        let started = DetachedThread.start {
            let (section, parse, path, limits) = transfer.value
            var failure: (any Error)?
            do {
                let parser = XMLStreamParser(fileName: path, handler: section, limits: limits)
                try parse(parser) { bytes in
                    section.progressed(bytes)
                    pipe.put(.progress(bytes))
                    if pipe.isStopped { parser.fail("stopped") }
                }
                if !section.releaseHeldWaysAtEnd() { failure = InputError(file: path, "stopped") }
            } catch {
                failure = error
            }
            section.handOnBatch() // the ways before a failure too: they come before it
            section.close(succeeded: failure == nil)
            pipe.put(.end(failure))
        }
        guard started else {
            section.pipe = nil
            section.close(succeeded: false)
            return nil
        }
        return pipe
    }

    /// Makes `way` into a feature and hands it to `each`; a failure is kept in `assemblyFailure`.
    /// `lineOffset` turns the lines of a second part's parse into the file's.
    private func assemble(_ way: PendingWay, lineOffset: Int) {
        let assembly = OSMWayAssembly(crs: crs, skipFailures: skipFailures)
        switch assembly.assemble(wayID: way.id, version: way.version, place: "line \(way.line + lineOffset)", refs: way.refs,
                                 locations: way.locations, nodeVersions: way.nodeVersions, tags: way.tags, statistics: &assembled) {
        case let .feature(feature):
            if alreadyEmitted > 0 {
                alreadyEmitted -= 1
                emitted += 1
                skippedDigest.combine(feature.sourceRef)
                skippedDigest.combine(feature.location)
                if alreadyEmitted == 0 && skippedDigest.finalize() != emittedDigest.finalize() {
                    assemblyFailure = Self.changedError(path)
                }
                return
            }
            do {
                try emit(feature)
                emitted += 1
                if digesting {
                    emittedDigest.combine(feature.sourceRef)
                    emittedDigest.combine(feature.location)
                }
            } catch {
                assemblyFailure = error
                callerFailed = true
            }
        case .skipped:
            break
        case let .failure(field, message):
            // Where the parser was when the way ended, as if it had stopped there.
            assemblyFailure = InputError(file: path, line: way.endLine + lineOffset, column: way.endColumn, field: field, message)
        }
    }
}
