import DimingCore
import Foundation
import Naming

/// Times name checks and searches against a synthetic county of many names (Scripts/bench-names.sh).
public struct NameBenchmark {
    public struct Result: Codable, Sendable {
        public var names: Int
        public var loadSeconds: Double
        public var sessionSeconds: Double
        public var checkP50Milliseconds: Double
        public var checkP99Milliseconds: Double
        public var searchP50Milliseconds: Double
        public var searchP99Milliseconds: Double
    }

    public var resources: NamingResources

    public init(resources: NamingResources) {
        self.resources = resources
    }

    /// Builds a registry of `count` names in one county at `path`, then runs `checks` checks and searches.
    public func run(path: String, open: RegistryOpener, count: Int, checks: Int, seed: UInt64 = 7) throws -> Result {
        var random = SeededGenerator(seed: seed)
        let registry = try open(path)
        let county = DivisionCode("379901")!
        let clock = Date()
        let syllables = Array("王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文庄村屯集寨楼营店园堂洼口新安和平兴福民富康宁泰德润春华秋实景祥瑞丰年")
        let generics = ["路", "街", "巷", "大街", "道"]
        func randomName() -> String {
            let length = Int.random(in: 2...3, using: &random)
            return String((0..<length).map { _ in random.pick(syllables) }) + random.pick(generics)
        }
        let start = Date()
        var used = Set<String>()
        try registry.write { db in
            try db.divisions.upsert([Division(code: DivisionCode("370000000000")!, name: "山东省", level: .province, parentCode: nil),
                                          Division(code: DivisionCode("379900000000")!, name: "示范市", level: .city, parentCode: DivisionCode("370000000000")),
                                          Division(code: county, name: "示范县", level: .county, parentCode: DivisionCode("379900000000"))],
                                     source: "bench", at: clock)
            let ids = try db.ids.mint(kind: .name, county: county.countyPart, count: count)
            for id in ids {
                var text = randomName()
                while !used.insert(text).inserted { text = randomName() }
                try db.names.insert(RegisteredName(id: id, romanization: resources.romanizer.romanize(text), status: .standard, county: county,
                                                    town: nil, road: nil, location: nil), at: clock)
            }
            try db.audit.append(AuditEvent(at: clock, actor: "bench", action: .namesGenerated, entityKind: "county", entityID: county.rawValue,
                                           after: JSON.string(["names": count])))
        }
        let loaded = Date()
        let desk = NamingDesk(registry: registry, resources: resources, actor: .commandLine("bench"))
        let session = try desk.session(at: NameSite(county: county))
        let prepared = Date()
        var checkTimes: [Double] = []
        for _ in 0..<checks {
            let name = randomName()
            let t0 = DispatchTime.now().uptimeNanoseconds
            _ = session.check(name)
            checkTimes.append(Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e6)
        }
        let search = NameSearch(registry: registry, actor: .commandLine("bench"))
        var searchTimes: [Double] = []
        let names = Array(used)
        for i in 0..<checks {
            let name = names[Int.random(in: 0..<names.count, using: &random)]
            let romanization = resources.romanizer.romanize(name)
            let query: String
            switch i % 3 {
            case 0: query = String(name.prefix(2))
            case 1: query = romanization.toneless.prefix(2).joined()
            default: query = String(romanization.toneless.compactMap(\.first))
            }
            let t0 = DispatchTime.now().uptimeNanoseconds
            _ = try search.search(query, limit: 20)
            searchTimes.append(Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e6)
        }
        func percentile(_ values: [Double], _ p: Double) -> Double {
            let sorted = values.sorted()
            return sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))]
        }
        return Result(names: count, loadSeconds: loaded.timeIntervalSince(start), sessionSeconds: prepared.timeIntervalSince(loaded),
                      checkP50Milliseconds: percentile(checkTimes, 0.5), checkP99Milliseconds: percentile(checkTimes, 0.99),
                      searchP50Milliseconds: percentile(searchTimes, 0.5), searchP99Milliseconds: percentile(searchTimes, 0.99))
    }
}
