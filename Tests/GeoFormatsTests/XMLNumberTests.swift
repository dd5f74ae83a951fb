import DimingCore
import Foundation
@testable import GeoFormats
import TestSupport
import Testing

/// The number readers of attribute values: the OSM reader's fixed-point path gives exactly what
/// reading a Double and rounding gave, the integer fast path what the checked one gives, and the
/// node index finds what was appended, in or out of order.
@Suite("XML attribute numbers and the OSM node index")
struct XMLNumberTests {
    static func read<T>(_ text: String, _ body: (XMLBytes) -> T) -> T {
        var bytes = Array(text.utf8)
        bytes.append(0) // never empty, so the pointer is valid
        return bytes.withUnsafeBufferPointer { body(XMLBytes(start: $0.baseAddress!, count: $0.count - 1)) }
    }

    @Test("fixed point equals the Double read rounded to 1e-7, for random decimals of 0 to 7 places")
    func fixedPointMatchesDouble() {
        var random = SeededGenerator(seed: 16)
        for _ in 0..<100_000 {
            let places = Int.random(in: 0...7, using: &random)
            // In units of 10^-places, so that the value in units of 1e-7 fits an Int32.
            var bound: Int64 = 2_147_483_647
            for _ in places..<7 { bound /= 10 }
            let units = Int64.random(in: -bound...bound, using: &random)
            var digits = String(units.magnitude)
            while digits.count <= places { digits = "0" + digits }
            var text = places == 0 ? digits : String(digits.dropLast(places)) + "." + String(digits.suffix(places))
            if units < 0 { text = "-" + text }
            let fixed = Self.read(text) { $0.fixedPoint7 }
            let double = Self.read(text) { $0.double }!
            #expect(fixed == Int32((double * 1e7).rounded()), "\(text)")
        }
    }

    @Test("fixed point: edge forms read as before, other forms left to the Double reader",
          arguments: ["0", "-0", "-0.0000000", "90", "-90.0000000", "180.0000000", "5.", ".5", "-.25", "00012.5", "214.7483647"])
    func fixedPointEdges(text: String) {
        let fixed = Self.read(text) { $0.fixedPoint7 }
        let double = Self.read(text) { $0.double }!
        #expect(fixed == Int32((double * 1e7).rounded()))
    }

    @Test("fixed point declines what it cannot read exactly",
          arguments: ["", "-", ".", "1.2.3", "1e5", " 1.5", "1.5 ", "+1.5", "1.23456789", "214.7483648", "-214.7483648",
                      "99999999999", "north", "1,5"])
    func fixedPointDeclines(text: String) {
        #expect(Self.read(text) { $0.fixedPoint7 } == nil)
    }

    @Test("integers: the unchecked short path and the checked long one agree with Int64(String)")
    func integers() {
        var random = SeededGenerator(seed: 61)
        var samples = ["0", "-0", "00012", "-", "", "12a", "1-2", "999999999999999999", "-999999999999999999",
                       "9223372036854775807", "9223372036854775808", "-9223372036854775807", "-9223372036854775808",
                       "99999999999999999999", "+5", " 5"]
        for _ in 0..<50_000 {
            let digits = Int.random(in: 1...19, using: &random)
            var text = String((0..<digits).map { _ in Character(String(Int.random(in: 0...9, using: &random))) })
            if Bool.random(using: &random) { text = "-" + text }
            samples.append(text)
        }
        for text in samples {
            let expected: Int64? = text.hasPrefix("+") || text == "-9223372036854775808" ? nil : Int64(text)
            #expect(Self.read(text) { $0.int64 } == expected, "\(text)")
        }
    }

    @Test("the node index: appended in order or not, with duplicates (the last wins), across its growth")
    func nodeIndex() {
        var random = SeededGenerator(seed: 7)
        let index = NodeLocationIndex()
        var expected: [Int64: (Int32, Int32, Int32)] = [:]
        for i in 0..<5_000 {
            let id = Int64.random(in: 1...3_000, using: &random)
            let entry = (Int32(i), Int32(-i), Int32(i % 7))
            index.append(id: id, lon: entry.0, lat: entry.1, version: entry.2)
            expected[id] = entry
        }
        index.append(id: 9_999, lon: 1.5, lat: -2.25)
        expected[9_999] = (15_000_000, -22_500_000, 0)
        index.prepare()
        for id in Int64(0)...10_000 {
            let found = index.entry(id)
            if let want = expected[id] {
                #expect(found?.lon == want.0 && found?.lat == want.1 && found?.version == want.2, "node \(id)")
            } else {
                #expect(found == nil, "node \(id)")
            }
        }
    }
}
