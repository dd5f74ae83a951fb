import DimingCore
import Foundation
import GeoFormats
import TestSupport
import Testing

/// KMZ archives that end before their entry does (issue 18; the hang `make test`'s fuzzing found):
/// refused at once with an error naming the file, never waited on.
@Suite("KMZ archives cut short")
struct KMZArchiveTests {
    static let regressions = SharedData.packageRoot.appendingPathComponent("Fuzz/regressions/kmz")

    @Test("an entry whose deflate data stops early, or claims more than the file holds, is refused from a file and from memory",
          arguments: ["entry-data-truncated.kmz", "entry-claims-past-end.kmz", "zipfoundation-read-past-end-ae92f0ba.kmz"])
    func truncatedEntry(file: String) throws {
        let path = Self.regressions.appendingPathComponent(file).path
        let fromFile = try Self.refusal(within: 10) { try KMLReader(path: path).read() }
        #expect(fromFile.file == path && (fromFile.message.contains("truncated or damaged") || fromFile.message.contains("not a valid KMZ")), "\(fromFile)")
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        let fromMemory = try Self.refusal(within: 10) { try KMLReader(path: "x.kmz").read(data: data, zipped: true) }
        #expect(fromMemory.file == "x.kmz", "\(fromMemory)")
    }

    @Test("the same entry whole reads, and the truncated one names the entry it could not inflate")
    func wholeEntryReads() throws {
        let folder = try TemporaryDirectory()
        try withExtendedLifetime(folder) {
            let kml = "<kml><Document>" + (0..<40).map { "<Placemark><name>路\($0)</name><LineString><coordinates>115.9,36.3 115.91,36.4</coordinates></LineString></Placemark>" }.joined() + "</Document></kml>"
            let path = folder.path("whole.kmz")
            try BadFiles.kmz(kml, at: path)
            let reader = KMLReader(path: path)
            try reader.read()
            #expect(reader.lines.count == 40)
            let cut = try Self.refusal(within: 10) { try KMLReader(path: Self.regressions.appendingPathComponent("entry-data-truncated.kmz").path).read() }
            #expect(cut.field == "doc.kml", "\(cut)")
        }
    }

    /// Runs `body` on its own thread and returns the InputError it throws; fails (instead of hanging the
    /// suite) if it has not returned after `seconds`.
    static func refusal(within seconds: Double, _ body: @escaping @Sendable () throws -> Void) throws -> InputError {
        let result = Box()
        let done = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            do { try body(); result.set(.success(())) } catch { result.set(.failure(error)) }
            done.signal()
        }
        guard done.wait(timeout: .now() + seconds) == .success else {
            Issue.record("still reading after \(seconds) s")
            throw CancellationError()
        }
        switch result.get() {
        case .success, .none:
            Issue.record("read without an error")
            throw CancellationError()
        case let .failure(error as InputError): return error
        case let .failure(error):
            Issue.record("not an InputError: \(error)")
            throw error
        }
    }

    final class Box: @unchecked Sendable {
        private let lock = NSLock()
        private var value: Result<Void, Error>?
        func set(_ value: Result<Void, Error>) { lock.withLock { self.value = value } }
        func get() -> Result<Void, Error>? { lock.withLock { value } }
    }
}
