import DimingKit
import Foundation
import TestSupport
import Testing

/// The romaniser on real names (issue 14): the review prompt is rare and the sign forms match the
/// published ones of announced names.
@Suite("Readings of real names")
struct ReadingBenchmarkTests {
    static let root = SharedData.packageRoot
    let benchmark = ReadingBenchmark(romanizer: try! NamingResources.load(geoData: root.appendingPathComponent("GeoData").path).romanizer)

    func announced() throws -> [(name: String, sign: String)] {
        ReadingBenchmark.announcedNames(tsv: try String(contentsOf: Self.root.appendingPathComponent("Scripts/bench-data/announced-road-names.tsv"), encoding: .utf8))
    }

    @Test("announced road names: at least 90 % of sign forms as published, and every miss carries the review prompt")
    func announcedNames() throws {
        let names = try announced()
        #expect(names.count >= 25)
        let result = benchmark.run(names: [], announced: names)
        #expect(result.signAccuracy >= 0.9, "\(result.mismatches)")
        for miss in result.mismatches {
            #expect(!benchmark.romanizer.romanize(miss[0]).review.isEmpty, "\(miss[0]) is wrong without a prompt")
        }
    }

    @Test("the review prompt fires on fewer than 5 % of the real village names of the reference divisions",
          .enabled(if: SharedData.available, "needs ../shared/data"))
    func promptRate() throws {
        let villages = try ReadingBenchmark.villageNames(csv: SharedData.path("admin/target_areas_5level_2021_liyanjie.csv"))
        #expect(villages.count > 10_000)
        #expect(villages.contains("张庄村") || villages.contains { $0.hasSuffix("庄村") })
        let result = benchmark.run(names: villages, announced: [])
        #expect(result.promptRate < 0.05, "\(result.prompted) of \(result.names): \(result.topCharacters)")
        for character in ["家", "南", "中", "大"] { #expect(result.topCharacters[character] == nil, "\(character)") }
    }
}
