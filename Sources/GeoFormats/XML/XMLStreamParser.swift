import CLibXML2
import DimingCore
import Foundation

/// A part of a file parsed as a document of its own (``XMLStreamParser/parse(path:section:chunkSize:progress:)``):
/// `prefix`, then the file's bytes in `range`, then `suffix`.
public struct XMLFileSection: Sendable {
    public var range: Range<Int>
    public var prefix: [UInt8]
    public var suffix: [UInt8]

    public init(range: Range<Int>, prefix: [UInt8] = [], suffix: [UInt8] = []) {
        self.range = range
        self.prefix = prefix
        self.suffix = suffix
    }
}

/// Receives the events of ``XMLStreamParser``. Names and values are views into libxml2's buffers,
/// valid only during the call.
public protocol XMLEventHandler: AnyObject {
    func startElement(_ name: XMLBytes, attributes: XMLAttributes, parser: XMLStreamParser)
    func endElement(_ name: XMLBytes, parser: XMLStreamParser)
    func characters(_ text: XMLBytes, parser: XMLStreamParser)
    /// Whether the handler reads character data at all: a handler that does not (OSM keeps
    /// everything in attributes) spares libxml2 a call for every run of whitespace between tags.
    var wantsCharacters: Bool { get }
}

public extension XMLEventHandler {
    var wantsCharacters: Bool { true }
}

/// A streaming XML parser on libxml2's SAX2 push interface: the file is fed in chunks, so memory
/// does not grow with the file. Hardened for untrusted input: only regular files, no network, no
/// DTD loading, no external entities, and any entity declaration rejects the document (entity
/// bombs and XXE); nesting and attribute values are bounded by ``InputLimits`` (element text is
/// bounded by the handlers that collect it, through ``TextCollector``).
public final class XMLStreamParser {
    public let fileName: String
    public let limits: InputLimits
    /// Held strongly (no handler keeps its parser, so there is no cycle): `unowned` checked the
    /// reference count on every event, a measurable share of an OSM import.
    private let handler: any XMLEventHandler
    private var context: xmlParserCtxtPtr?
    private var sax = xmlSAXHandler()
    private var failure: InputError?
    /// `failure != nil`, as a flag the event callbacks test without copying the error.
    private var failed = false
    private var depth = 0
    private var total = 0

    public init(fileName: String, handler: any XMLEventHandler, limits: InputLimits = .standard) {
        self.fileName = fileName
        self.handler = handler
        self.limits = limits
    }

    deinit {
        if let context { xmlFreeParserCtxt(context) }
    }

    /// The line libxml2 is at (1-based), for error messages.
    public var line: Int { context.map { Int(xmlSAX2GetLineNumber($0)) } ?? 0 }
    public var column: Int { context.map { Int(xmlSAX2GetColumnNumber($0)) } ?? 0 }

    /// Stops parsing with an error at the current position; ``parse(path:chunkSize:progress:)`` throws it.
    public func fail(field: String? = nil, _ message: String) {
        guard !failed else { return }
        failed = true
        failure = InputError(file: fileName, line: line, column: column, field: field, message)
        if let context { xmlStopParser(context) }
    }

    /// Parses the file at `path` (gzip-compressed when it ends in `.gz`), calling `progress` with the
    /// bytes read from the file so far after each chunk.
    public func parse(path: String, chunkSize: Int = 1 << 20, progress: (Int) -> Void = { _ in }) throws {
        if path.lowercased().hasSuffix(".gz") {
            let input = try GzipInput(path: path, name: fileName, limits: limits)
            try parse(chunks: { try input.read(chunkSize) }, progress: { _ in progress(input.compressedOffset) })
            return
        }
        try parse(path: path, section: nil, chunkSize: chunkSize, progress: progress)
    }

    /// Parses `section` of the (uncompressed) file at `path` as a document of its own: its prefix,
    /// the file's bytes in its range, then its suffix; `progress` gets the bytes read from the file so far.
    public func parse(path: String, section: XMLFileSection?, chunkSize: Int = 1 << 20, progress: (Int) -> Void = { _ in }) throws {
        let file = try InputFile.open(path, name: fileName)
        defer { try? file.close() }
        let size = Int(InputFile.size(file))
        // A whole file is read to its end, whatever size it said it had.
        let start = section.map { min($0.range.lowerBound, size) } ?? 0
        let limit = section.map { $0.range.count } ?? .max
        if start > 0 { try file.seek(toOffset: UInt64(start)) }
        try begin()
        if let prefix = section?.prefix, !prefix.isEmpty { try prefix.withUnsafeBytes { try push($0, terminate: false) } }
        var read = 0
        // A section of more than a chunk is read ahead on a thread of its own while this one parses.
        if min(size - start, limit) > chunkSize, let prefetch = ChunkPrefetch.start(file: file, chunkSize: chunkSize, limit: limit) {
            defer { prefetch.stop() } // before the file closes
            while true {
                let chunk = try prefetch.next()
                if chunk.isEmpty { break }
                try push(chunk, terminate: false)
                read += chunk.count
                progress(read)
            }
        } else {
            // One buffer for every chunk: a new one per chunk was zeroed and freed again each time.
            let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: max(chunkSize, 1), alignment: 16)
            defer { buffer.deallocate() }
            while read < limit {
                let count = try file.readChunk(into: UnsafeMutableRawBufferPointer(rebasing: buffer[..<min(buffer.count, limit - read)]))
                if count == 0 { break }
                try push(UnsafeRawBufferPointer(rebasing: buffer[..<count]), terminate: false)
                read += count
                progress(read)
            }
        }
        if let suffix = section?.suffix, !suffix.isEmpty { try suffix.withUnsafeBytes { try push($0, terminate: false) } }
        try finish()
    }

    /// Parses the bytes `next` hands out until it returns empty data.
    public func parse(chunks next: () throws -> Data, progress: (Int) -> Void = { _ in }) throws {
        try begin()
        while true {
            let chunk = try next()
            if chunk.isEmpty { break }
            try feed(chunk)
            progress(total)
        }
        try finish()
    }

    /// Starts a push parse: ``feed(_:)`` the document in pieces, then ``finish()``.
    public func begin() throws {
        sax = xmlSAXHandler()
        sax.initialized = XML_SAX2_MAGIC
        sax.startElementNs = { user, localName, _, _, _, _, count, _, attributes in
            XMLStreamParser.with(user) { parser in
                guard !parser.failed, let localName else { return }
                parser.depth += 1
                guard parser.depth <= parser.limits.maxDepth else {
                    return parser.fail("elements nested more than \(parser.limits.maxDepth) deep (\(InputLimits.name("maxDepth", parser.limits.maxDepth)))")
                }
                let list = XMLAttributes(attributes, count: Int(count))
                if list.hasValue(longerThan: parser.limits.maxStringBytes), let longest = list.longestValue {
                    return parser.fail(field: list.name(at: longest.index).string,
                                       "an attribute value of \(longest.count) bytes (\(InputLimits.name("maxStringBytes", parser.limits.maxStringBytes)))")
                }
                parser.handler.startElement(XMLBytes(localName), attributes: list, parser: parser)
            }
        }
        sax.endElementNs = { user, localName, _, _ in
            XMLStreamParser.with(user) { parser in
                guard !parser.failed, let localName else { return }
                parser.depth -= 1
                parser.handler.endElement(XMLBytes(localName), parser: parser)
            }
        }
        if handler.wantsCharacters {
            sax.characters = { user, bytes, length in
                XMLStreamParser.with(user) { parser in
                    guard !parser.failed, let bytes else { return }
                    parser.handler.characters(XMLBytes(start: bytes, count: Int(length)), parser: parser)
                }
            }
            sax.cdataBlock = sax.characters
        }
        sax.entityDecl = { user, name, _, _, _, _ in
            let entity = name.map { String(cString: $0) } ?? "?"
            XMLStreamParser.with(user) { $0.fail("entity declarations are not allowed (entity '\(entity)'): possible entity bomb or external entity") }
        }
        sax.serror = { _, _ in } // errors are read from the context after each chunk
        let user = Unmanaged.passUnretained(self).toOpaque()
        if let context { xmlFreeParserCtxt(context) }
        guard let context = xmlCreatePushParserCtxt(&sax, user, nil, 0, fileName) else {
            throw InputError(file: fileName, "cannot create an XML parser")
        }
        self.context = context
        failure = nil
        failed = false
        depth = 0
        total = 0
        xmlCtxtUseOptions(context, Int32(XML_PARSE_NONET.rawValue) | Int32(XML_PARSE_NOCDATA.rawValue))
    }

    /// Parses the next piece of the document.
    public func feed(_ chunk: Data) throws {
        guard !chunk.isEmpty else { return }
        try push(chunk, terminate: false)
    }

    /// Ends the document: throws if it is incomplete or empty.
    public func finish() throws {
        try push(Data(), terminate: true)
        if total == 0 { throw InputError(file: fileName, line: 1, "the file is empty") }
    }

    private func push(_ chunk: Data, terminate: Bool) throws {
        try chunk.withUnsafeBytes { try push($0, terminate: terminate) }
    }

    private func push(_ chunk: UnsafeRawBufferPointer, terminate: Bool) throws {
        guard let context else { throw InputError(file: fileName, "the parser was not started") }
        if let failure { throw failure }
        let status = xmlParseChunk(context, chunk.baseAddress?.assumingMemoryBound(to: CChar.self), Int32(chunk.count), terminate ? 1 : 0)
        total += chunk.count
        if let failure { throw failure }
        if status != 0 { throw lastError(context) }
    }

    private func lastError(_ context: xmlParserCtxtPtr) -> InputError {
        guard let error = xmlCtxtGetLastError(context) else { return InputError(file: fileName, line: line, "malformed XML") }
        let message = error.pointee.message.map { String(cString: $0).trimmingCharacters(in: .whitespacesAndNewlines) } ?? "malformed XML"
        let column = Int(error.pointee.int2)
        return InputError(file: fileName, line: Int(error.pointee.line), column: column > 0 ? column : nil, "malformed XML: \(message)")
    }

    /// The parser behind libxml2's user pointer, without a retain and release per event (the parser
    /// is alive for the whole parse: it runs it).
    @inline(__always)
    private static func with(_ user: UnsafeMutableRawPointer?, _ body: (XMLStreamParser) -> Void) {
        Unmanaged<XMLStreamParser>.fromOpaque(user!)._withUnsafeGuaranteedRef(body)
    }
}
