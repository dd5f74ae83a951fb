import DimingCore
import Foundation
import GeoFormats
import Testing

/// Issue 18: a table file in an encoding other than UTF-8 or GB18030 is refused, not guessed.
@Suite("Table encodings")
struct TableEncodingTests {
    static let big5 = String.Encoding(rawValue: 0x8000_0A03) // kCFStringEncodingBig5
    static let simplified = Array("王张李赵陈刘杨黄周吴村庄店桥河沟岭屯集镇乡新东西南北前后大小幸福和平兴旺农家乐园合作社快递服务站卫生室")
    static let traditional = Array("王張李趙陳劉楊黃周吳村莊店橋河溝嶺屯集鎮鄉新東西南北前後大小幸福和平興旺農家樂園合作社快遞服務站衛生室")

    static func table(_ pool: [Character], rows: Int, seed: inout UInt64) -> String {
        func next() -> Int {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return Int(seed >> 33)
        }
        var text = pool == simplified ? "名称,类别,经度,纬度\n" : "名稱,類別,經度,緯度\n"
        for _ in 0..<rows {
            let name = String((0..<(3 + next() % 4)).map { _ in pool[next() % pool.count] })
            text += "\(name),\(pool[next() % pool.count])\(pool[next() % pool.count]),115.\(next() % 1000),36.\(next() % 1000)\n"
        }
        return text
    }

    /// uchardet is statistical: on a short table of random characters (not words) it sometimes takes
    /// Big5 for GB (4 of these 1,000 tables of 1–6 rows); the test allows 1 %. GB18030 is never refused.
    @Test("property: GB18030 tables read as the text they were written from; Big5 tables are refused, named as Big5")
    func gbReadBig5Refused() throws {
        var seed: UInt64 = 18
        var misread: [Int] = []
        for round in 0..<1_000 {
            let rows = 1 + round % 6
            let gb = Self.table(Self.simplified, rows: rows, seed: &seed)
            let table = try CSVTable(data: try #require(gb.data(using: CSVTable.gb18030)), name: "gb.csv")
            var names: [String] = []
            while let row = try table.next() { names.append(row["名称"] ?? "") }
            #expect(names == gb.split(separator: "\n").dropFirst().map { String($0.split(separator: ",")[0]) }, "round \(round)")

            let big5 = Self.table(Self.traditional, rows: rows, seed: &seed)
            let data = try #require(big5.data(using: Self.big5))
            do {
                _ = try CSVTable(data: data, name: "big5.csv")
                misread.append(rows)
            } catch let error as InputError {
                #expect(error.file == "big5.csv" && error.message.contains("BIG5") && error.message.contains("not UTF-8 or GB18030"), "round \(round): \(error)")
            }
        }
        #expect(misread.count <= 10, "Big5 tables read as GB18030, by rows: \(misread)")
    }

    @Test("UTF-8 with a BOM reads; Shift-JIS is refused, named")
    func utf8AndOthers() throws {
        let table = try CSVTable(data: Data("\u{FEFF}名称,类别\n幸福农家乐,农家乐\n".utf8), name: "u.csv")
        let first = try table.next()
        #expect(table.header == ["名称", "类别"] && first?["名称"] == "幸福农家乐")
        let japanese = try #require("名前,種類\n東京駅前食堂,レストラン\nさくら農園,農園\nみどり商店,お店\n".data(using: .shiftJIS))
        let error = try #require(throws: InputError.self) { try CSVTable(data: japanese, name: "sjis.csv") }
        #expect(error.message.contains("not UTF-8 or GB18030"), "\(error)")
    }
}
