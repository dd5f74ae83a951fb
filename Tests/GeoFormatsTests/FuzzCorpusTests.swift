import DimingCore
import Foundation
import GeoFormats
import TestSupport
import Testing

/// Replays the fuzzing seeds (Fuzz/corpus) and every input the fuzzers found (Fuzz/regressions)
/// through the same entry points as the harness: each is read or refused with an InputError, never
/// a crash or another error.
@Suite("Fuzz corpus and regressions")
struct FuzzCorpusTests {
    @Test("every seed and regression input is read or refused with an InputError", arguments: ReaderFuzzing.Target.allCases)
    func replay(target: ReaderFuzzing.Target) throws {
        let root = SharedData.packageRoot.appendingPathComponent("Fuzz")
        var files = 0
        for folder in ["corpus", "regressions"] {
            let directory = root.appendingPathComponent("\(folder)/\(target.rawValue)")
            for name in (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? [] {
                let data = try Data(contentsOf: directory.appendingPathComponent(name))
                let start = Date()
                #expect(throws: Never.self, "\(folder)/\(target)/\(name)") { try ReaderFuzzing.run(target, data) }
                #expect(Date().timeIntervalSince(start) < 10, "\(name)")
                files += 1
            }
        }
        #expect(files > 0, "no seeds for \(target) in Fuzz/corpus")
        // The seeds themselves are valid files.
        let seeds = root.appendingPathComponent("corpus/\(target.rawValue)")
        for name in try FileManager.default.contentsOfDirectory(atPath: seeds.path) where target != .osm {
            #expect(try ReaderFuzzing.run(target, Data(contentsOf: seeds.appendingPathComponent(name))) == nil, "\(name)")
        }
    }
}
