import Foundation
import TestSupport
import Testing

/// Issue 18, item 8: GeoJSON is read as a stream, so a 20 MB file peaks far below the 1.5 GB that
/// reading it whole took; measured on the child process alone.
@Suite("Import memory")
struct ImportMemoryTests {
    @Test("a 20 MB GeoJSON road file imports with a peak under 200 MB")
    func twentyMegabytes() throws {
        let folder = try TemporaryDirectory()
        try withExtendedLifetime(folder) {
            let db = folder.path("r.sqlite")
            #expect(try CLI.run(["demo", "--db", db]).status == 0)
            let path = folder.path("big.geojson")
            FileManager.default.createFile(atPath: path, contents: nil)
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
            try handle.write(contentsOf: Data(#"{"type":"FeatureCollection","features":["#.utf8))
            var written = 0, index = 0
            while written < 20 << 20 {
                let lon = 115.82 + Double(index % 200) * 0.001, lat = 36.22 + Double(index / 200 % 200) * 0.001
                let points = (0..<40).map { String(format: "[%.7f,%.7f]", lon + Double($0) * 0.00002, lat + Double($0) * 0.00001) }
                let feature = (index == 0 ? "" : ",\n") + #"{"type":"Feature","properties":{"highway":"track","id":"t\#(index)"},"geometry":{"type":"LineString","coordinates":[\#(points.joined(separator: ","))]}}"#
                try handle.write(contentsOf: Data(feature.utf8))
                written += feature.utf8.count
                index += 1
            }
            try handle.write(contentsOf: Data("]}\n".utf8))
            try handle.close()
            let run = try Measured.run(CLI.executable.path, ["roads", "import", path, "--county", "379901", "--json", "--db", db], timeout: 300)
            #expect(run.status == 0, "\(run.stderr)")
            #expect(run.stdout.contains("\"segments\" : \(index)") || run.stdout.contains("\"segments\":\(index)"), "\(run.stdout.prefix(300))")
            #expect(run.peakMB < 200, "peak \(run.peakMB) MB")
            print("20 MB GeoJSON (\(index) features): peak \(Int(run.peakMB)) MB, \(String(format: "%.1f", run.seconds)) s")
        }
    }
}
