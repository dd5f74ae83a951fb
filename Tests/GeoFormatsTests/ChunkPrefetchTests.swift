import DimingCore
import Foundation
@testable import GeoFormats
import TestSupport
import Testing

/// Reading ahead on a thread of its own hands out the file's bytes in order, ends cleanly, and an XML
/// parse through it fails where a parse of the same bytes in memory fails.
@Suite("Files read ahead for the XML parser")
struct ChunkPrefetchTests {
    static func randomFile(_ directory: TemporaryDirectory, bytes: Int) throws -> (path: String, data: Data) {
        var random = SeededGenerator(seed: UInt64(bytes))
        let data = Data((0..<bytes).map { _ in UInt8.random(in: 0...255, using: &random) })
        let path = directory.path("random.bin")
        try data.write(to: URL(fileURLWithPath: path))
        return (path, data)
    }

    @Test("the chunks are the file, in order, then empty", arguments: [0, 1, 4_109, 300_001])
    func chunksInOrder(bytes: Int) throws {
        let directory = try TemporaryDirectory()
        let (path, data) = try Self.randomFile(directory, bytes: bytes)
        let file = try InputFile.open(path)
        defer { try? file.close() }
        let prefetch = try #require(ChunkPrefetch.start(file: file, chunkSize: 4_109))
        defer { prefetch.stop() }
        var read = Data()
        while true {
            let chunk = try prefetch.next()
            if chunk.isEmpty { break }
            #expect(chunk.count <= 4_109)
            read.append(contentsOf: chunk)
        }
        #expect(read == data)
        #expect(try prefetch.next().isEmpty)
    }

    @Test("stopping after the first chunk (a parser that failed) ends the reading thread")
    func stopEarly() throws {
        let directory = try TemporaryDirectory()
        let (path, data) = try Self.randomFile(directory, bytes: 100_000)
        let file = try InputFile.open(path)
        defer { try? file.close() }
        let prefetch = try #require(ChunkPrefetch.start(file: file, chunkSize: 1_000))
        #expect(Data(try prefetch.next()) == data.prefix(1_000))
        prefetch.stop()
    }

    @Test("a malformed XML file read ahead fails where the same chunks parsed from memory fail")
    func errorPlace() throws {
        final class Counter: XMLEventHandler {
            var elements = 0
            func startElement(_ name: XMLBytes, attributes: XMLAttributes, parser: XMLStreamParser) { elements += 1 }
            func endElement(_ name: XMLBytes, parser: XMLStreamParser) {}
            func characters(_ text: XMLBytes, parser: XMLStreamParser) {}
        }
        let directory = try TemporaryDirectory()
        var text = "<root>\n"
        for i in 0..<5_000 { text += "  <item n=\"\(i)\">text \(i)</item>\n" }
        text += "  <item n=\"broken></item>\n</root>\n"
        let path = try directory.write("bad.xml", text)
        func failure(_ parse: (XMLStreamParser) throws -> Void) -> (String, Int) {
            let counter = Counter()
            let parser = XMLStreamParser(fileName: "bad.xml", handler: counter)
            do {
                try parse(parser)
            } catch {
                return ("\(error)", counter.elements)
            }
            return ("no error", counter.elements)
        }
        let fromFile = failure { try $0.parse(path: path, chunkSize: 1_000) }
        let bytes = Data(text.utf8)
        var chunks = stride(from: 0, to: bytes.count, by: 1_000).map { bytes[$0..<min($0 + 1_000, bytes.count)] }
        let fromMemory = failure { try $0.parse(chunks: { chunks.isEmpty ? Data() : chunks.removeFirst() }) }
        #expect(fromFile.0 != "no error")
        #expect(fromFile == fromMemory)
    }
}
