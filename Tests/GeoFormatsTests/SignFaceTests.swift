import DimingCore
import Foundation
import GeoFormats
import TestSupport
import Testing

/// Collects the text elements of an SVG with their attributes.
final class SVGTexts: XMLEventHandler {
    var texts: [(id: String, y: Double, fontSize: Double, text: String)] = []
    var elements: [String] = []
    private var current: (id: String, y: Double, fontSize: Double)?
    private var buffer = ""

    func startElement(_ name: XMLBytes, attributes: XMLAttributes, parser: XMLStreamParser) {
        elements.append(name.string)
        if name.equals("text") {
            current = (attributes["id"]?.string ?? "", attributes["y"]?.double ?? -1, attributes["font-size"]?.double ?? 0)
            buffer = ""
        }
    }

    func endElement(_ name: XMLBytes, parser: XMLStreamParser) {
        if name.equals("text"), let current {
            texts.append((current.id, current.y, current.fontSize, buffer))
            self.current = nil
        }
    }

    func characters(_ text: XMLBytes, parser: XMLStreamParser) {
        if current != nil { buffer += text.string }
    }
}

@Suite("Sign faces")
struct SignFaceTests {
    func parse(_ svg: String) throws -> SVGTexts {
        let handler = SVGTexts()
        var chunks = [Data(svg.utf8)]
        try XMLStreamParser(fileName: "face.svg", handler: handler).parse(chunks: { chunks.isEmpty ? Data() : chunks.removeFirst() })
        return handler
    }

    @Test("王庄东路 above WANGZHUANG DONGLU in the 3:2 layout, well-formed, with arrow and dot")
    func layout() throws {
        let face = SignFace(text: "王庄东路", pinyin: "WANGZHUANG DONGLU", background: SignFace.colour(direction: .eastWest), back: .continues, forward: .ends)
        let (svg, layout) = SignFaceSVG.render(face)
        let parsed = try parse(svg)
        let name = try #require(parsed.texts.first { $0.id == "name" })
        let pinyin = try #require(parsed.texts.first { $0.id == "pinyin" })
        #expect(name.text == "王庄东路" && pinyin.text == "WANGZHUANG DONGLU")
        // Glyphs reach about 0.72 em above the baseline: the name sits in the top 3/5, the pinyin in the bottom 2/5.
        #expect(name.y - name.fontSize * 0.8 >= 0 && name.y <= 400 * 0.6)
        #expect(pinyin.y - pinyin.fontSize * 0.8 >= 400 * 0.6 && pinyin.y <= 400)
        #expect(layout.nameBand == 0...240 && layout.pinyinBand == 240...400)
        #expect(layout.warnings.isEmpty)
        #expect(svg.contains("class=\"arrow\"") && svg.contains("class=\"dot\""))
        #expect(svg.contains("#1D4F9C"))
        #expect(SignFace.colour(direction: .northSouth) == "#00703C")
        #expect(!svg.contains("Road") && !svg.contains("Street"), "no English on the face")
    }

    @Test("a long name is squeezed to fit, never clipped, and the renderer says so")
    func longName() throws {
        let face = SignFace(text: "张家坊东西南北中心大道", pinyin: "ZHANGJIAFANG DONGXINANBEI ZHONGXIN DADAO", background: "#1D4F9C")
        let (svg, layout) = SignFaceSVG.render(face)
        #expect(!layout.warnings.isEmpty)
        #expect(svg.contains("lengthAdjust=\"spacingAndGlyphs\""))
        let parsed = try parse(svg)
        #expect(parsed.texts.first { $0.id == "name" }?.text == "张家坊东西南北中心大道")
    }

    @Test("the PNG shows the name in the upper band and the pinyin in the lower band",
          .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/rsvg-convert"), "skipped: rsvg-convert (librsvg2-bin) is not installed"))
    func pngBands() throws {
        let folder = try TemporaryDirectory()
        try withExtendedLifetime(folder) {
            let face = SignFace(text: "王庄东路", pinyin: "WANGZHUANG DONGLU", background: "#1D4F9C", back: .continues, forward: .ends)
            let svgPath = try folder.write("face.svg", SignFaceSVG.render(face).svg)
            let pngPath = folder.path("face.png")
            #expect(try Tool.run("/usr/bin/rsvg-convert", ["-w", "600", "-o", pngPath, svgPath]).status == 0)
            // Decode the PNG (python3's zlib) and report the rows that hold white text pixels in the central columns.
            let script = """
                import sys, zlib, struct, json
                data = open(sys.argv[1], 'rb').read()
                pos, idat, w, h = 8, b'', 0, 0
                while pos < len(data):
                    length, kind = struct.unpack('>I4s', data[pos:pos+8]); body = data[pos+8:pos+8+length]; pos += 12 + length
                    if kind == b'IHDR': w, h, depth, ctype = struct.unpack('>IIBB', body[:10]); channels = {2: 3, 6: 4}[ctype]
                    if kind == b'IDAT': idat += body
                raw = zlib.decompress(idat); stride = w * channels; rows = []; prev = bytearray(stride); i = 0
                for y in range(h):
                    f = raw[i]; line = bytearray(raw[i+1:i+1+stride]); i += 1 + stride
                    for x in range(stride):
                        a = line[x-channels] if x >= channels else 0; b = prev[x]; c = prev[x-channels] if x >= channels else 0
                        if f == 1: line[x] = (line[x] + a) & 255
                        elif f == 2: line[x] = (line[x] + b) & 255
                        elif f == 3: line[x] = (line[x] + (a + b) // 2) & 255
                        elif f == 4:
                            p = a + b - c; pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                            line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
                    rows.append(any(line[x*channels] > 200 and line[x*channels+2] > 200 for x in range(w // 5, 4 * w // 5)))
                    prev = line
                print(json.dumps({'height': h, 'rows': [y for y, on in enumerate(rows) if on]}))
                """
            struct Bands: Decodable { var height: Int; var rows: [Int] }
            let result = try JSONDecoder().decode(Bands.self, from: Data(try Tool.python(["-c", script, pngPath]).output.utf8))
            let height = Double(result.height)
            let divider = height * 0.6
            // Text rows, leaving out the plate's border lines and the thin divider around 3/5.
            let rows = result.rows.map(Double.init).filter { abs($0 - divider) > height * 0.02 && $0 > height * 0.045 && $0 < height * 0.955 }
            let upper = rows.filter { $0 < divider }, lower = rows.filter { $0 > divider }
            #expect(upper.count > Int(height * 0.2), "the name fills part of the upper band")
            #expect(lower.count > Int(height * 0.08), "the pinyin fills part of the lower band")
            #expect((upper.max() ?? 0) < divider && (lower.min() ?? 0) > divider)
            #expect((upper.min() ?? 0) > height * 0.06, "the name is not cut at the top: a gap below the border")
            #expect((lower.max() ?? height) < height * 0.94, "the pinyin is not cut at the bottom")
        }
    }
}

@Suite("CSV cells a spreadsheet would evaluate")
struct CSVNeutralisingTests {
    @Test("a cell starting with = + - @ is written as text; numbers are left alone", arguments: [
        ("=1+1", "'=1+1"), ("+86 635 1234", "'+86 635 1234"), ("@SUM(A1)", "'@SUM(A1)"), ("-cmd", "'-cmd"), ("-12.5", "-12.5"),
        ("幸福路", "幸福路"), ("", ""),
    ])
    func cells(input: String, written: String) throws {
        #expect(CSVOutput.neutralised(input) == written)
        let folder = try TemporaryDirectory()
        let path = folder.path("t.csv")
        try CSVOutput.write(path: path, header: ["名称"], rows: [[input]])
        if !written.isEmpty { #expect(try String(contentsOfFile: path, encoding: .utf8).contains(written)) }
    }
}
