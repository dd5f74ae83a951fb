import DimingCore
import Foundation

/// What a sign face shows (GB 17733 road and lane signs).
public struct SignFace: Sendable {
    public var text: String
    /// The sign form: capitals without tones (WANGZHUANG DONGLU).
    public var pinyin: String
    /// Plate size in millimetres.
    public var width: Double
    public var height: Double
    public var background: String
    public var foreground: String
    public var back: EndMarker?
    public var forward: EndMarker?
    public var houseNumbers: String?
    /// What the QR code on the right of the plate opens (the name's public page), if the plate has one.
    public var qr: String?

    public init(text: String, pinyin: String, width: Double = 1200, height: Double = 400, background: String, foreground: String = "#FFFFFF",
                back: EndMarker? = nil, forward: EndMarker? = nil, houseNumbers: String? = nil, qr: String? = nil) {
        self.qr = qr
        self.text = text
        self.pinyin = pinyin
        self.width = width
        self.height = height
        self.background = background
        self.foreground = foreground
        self.back = back
        self.forward = forward
        self.houseNumbers = houseNumbers
    }

    /// The county's colour style (default: east–west blue, north–south green, white text).
    /// North–south roads take the north–south colour; east–west, diagonal and ring roads the east–west one.
    public static func colour(direction: RoadDirection, eastWest: String = "#1D4F9C", northSouth: String = "#00703C") -> String {
        direction == .northSouth ? northSouth : eastWest
    }
}

/// Where the renderer put the text, and whether it had to squeeze it.
public struct SignFaceLayout: Codable, Sendable {
    /// The Chinese band is the upper 3/5 of the plate, the pinyin band the lower 2/5.
    public var nameBand: ClosedRange<Double>
    public var pinyinBand: ClosedRange<Double>
    public var nameFontSize: Double
    public var pinyinFontSize: Double
    /// Text compressed to fit (below the legible size): say so rather than clip.
    public var warnings: [String]
}

/// Renders a sign face as SVG: the Chinese name in the upper 3/5, the Hanyu Pinyin sign form in the
/// lower 2/5, no English; an arrow toward where the road continues and a dot where it ends; text
/// sized to the plate, and squeezed (never clipped) with a warning when a name is too long.
/// A QR code, when the face has one, stands at the right end on a light square (dark modules on
/// light, with a quiet zone, as scanners need), beside both bands: the bands keep their 3/5 and 2/5
/// of the height over the text area, which narrows by the code's width.
public enum SignFaceSVG {
    public static func render(_ face: SignFace) -> (svg: String, layout: SignFaceLayout) {
        let w = face.width, h = face.height
        let nameBand = 0.0...(h * 0.6), pinyinBand = (h * 0.6)...h
        let markerWidth = (face.back == nil && face.forward == nil) ? 0 : h * 0.28
        let padding = h * 0.08
        let code = face.qr.flatMap { QRCode($0) }
        let qrSide = code == nil ? 0 : h * 0.74, qrBlock = code == nil ? 0 : qrSide + h * 0.06
        let textLeft = markerWidth + padding, textWidth = w - 2 * (markerWidth + padding) - qrBlock
        var warnings: [String] = []

        // Chinese: square glyphs with a little tracking; pinyin: about 0.76 em per bold capital letter.
        let nameCount = Double(max(face.text.count, 1)), pinyinCount = Double(max(face.pinyin.count, 1))
        let nameMax = h * 0.6 * 0.72, pinyinMax = h * 0.4 * 0.55
        var nameSize = min(nameMax, textWidth / (nameCount * 1.1))
        var pinyinSize = min(pinyinMax, textWidth / (pinyinCount * 0.76))
        var nameSqueeze = false, pinyinSqueeze = false
        if nameSize < nameMax * 0.5 {
            nameSize = nameMax * 0.5
            nameSqueeze = true
            warnings.append("the name \(face.text) is squeezed to fit a \(Int(w))×\(Int(h)) mm plate: consider a longer plate")
        }
        if pinyinSize < pinyinMax * 0.5 {
            pinyinSize = pinyinMax * 0.5
            pinyinSqueeze = true
            warnings.append("the pinyin \(face.pinyin) is squeezed to fit a \(Int(w))×\(Int(h)) mm plate: consider a longer plate")
        }
        func fmt(_ v: Double) -> String { String(format: "%.1f", v) }
        let centreX = textLeft + textWidth / 2
        // Baselines placed so the glyphs sit in the middle of their band (not every renderer
        // honours dominant-baseline): CJK and capitals both reach about 0.72 em above the baseline.
        let nameY = (nameBand.lowerBound + nameBand.upperBound) / 2 + nameSize * 0.36
        let pinyinY = (pinyinBand.lowerBound + pinyinBand.upperBound) / 2 + pinyinSize * 0.36
        func squeeze(_ on: Bool) -> String { on ? " textLength=\"\(fmt(textWidth))\" lengthAdjust=\"spacingAndGlyphs\"" : "" }
        var svg = """
            <?xml version="1.0" encoding="UTF-8"?>
            <svg xmlns="http://www.w3.org/2000/svg" width="\(fmt(w))mm" height="\(fmt(h))mm" viewBox="0 0 \(fmt(w)) \(fmt(h))">
            <rect id="plate" x="0" y="0" width="\(fmt(w))" height="\(fmt(h))" rx="\(fmt(h * 0.04))" fill="\(face.background)"/>
            <rect x="\(fmt(h * 0.03))" y="\(fmt(h * 0.03))" width="\(fmt(w - h * 0.06))" height="\(fmt(h * 0.94))" rx="\(fmt(h * 0.03))" fill="none" stroke="\(face.foreground)" stroke-width="\(fmt(h * 0.012))"/>
            <line x1="\(fmt(textLeft))" y1="\(fmt(h * 0.6))" x2="\(fmt(textLeft + textWidth))" y2="\(fmt(h * 0.6))" stroke="\(face.foreground)" stroke-width="\(fmt(h * 0.006))"/>
            <text id="name" x="\(fmt(centreX))" y="\(fmt(nameY))" font-size="\(fmt(nameSize))" text-anchor="middle" fill="\(face.foreground)" font-family="Noto Sans CJK SC, WenQuanYi Micro Hei, Source Han Sans SC, sans-serif" font-weight="bold" letter-spacing="\(fmt(nameSize * 0.1))"\(squeeze(nameSqueeze))>\(escape(face.text))</text>
            <text id="pinyin" x="\(fmt(centreX))" y="\(fmt(pinyinY))" font-size="\(fmt(pinyinSize))" text-anchor="middle" fill="\(face.foreground)" font-family="DejaVu Sans, Arial, sans-serif" font-weight="bold"\(squeeze(pinyinSqueeze))>\(escape(face.pinyin))</text>

            """
        for (side, marker) in [("back", face.back), ("forward", face.forward)] {
            guard let marker else { continue }
            let x = side == "back" ? padding + markerWidth / 2 : w - qrBlock - padding - markerWidth / 2
            let y = h * 0.5, r = markerWidth * 0.32
            switch marker {
            case .ends:
                svg += "<circle id=\"marker-\(side)\" class=\"dot\" cx=\"\(fmt(x))\" cy=\"\(fmt(y))\" r=\"\(fmt(r * 0.6))\" fill=\"\(face.foreground)\"/>\n"
            case .continues:
                let tip = side == "back" ? x - r : x + r, base = side == "back" ? x + r * 0.6 : x - r * 0.6
                svg += "<polygon id=\"marker-\(side)\" class=\"arrow\" points=\"\(fmt(tip)),\(fmt(y)) \(fmt(base)),\(fmt(y - r)) \(fmt(base)),\(fmt(y + r))\" fill=\"\(face.foreground)\"/>\n"
            }
        }
        if let code {
            // A light square with a quiet zone of 2 modules, the modules drawn as one path.
            let x = w - h * 0.06 - qrSide, y = (h - qrSide) / 2, module = qrSide / Double(code.size + 4)
            svg += "<g id=\"qr\"><rect x=\"\(fmt(x))\" y=\"\(fmt(y))\" width=\"\(fmt(qrSide))\" height=\"\(fmt(qrSide))\" rx=\"\(fmt(module))\" fill=\"#FFFFFF\"/>"
            svg += "<path transform=\"translate(\(fmt(x + 2 * module)) \(fmt(y + 2 * module))) scale(\(String(format: "%.4f", module)))\" fill=\"#000000\" shape-rendering=\"crispEdges\" d=\"\(code.svgPath)\"/></g>\n"
        }
        if let numbers = face.houseNumbers {
            svg += "<text id=\"house-numbers\" x=\"\(fmt(textLeft + textWidth))\" y=\"\(fmt(h * 0.93))\" font-size=\"\(fmt(h * 0.06))\" text-anchor=\"end\" fill=\"\(face.foreground)\" font-family=\"DejaVu Sans, sans-serif\">\(escape(numbers))</text>\n"
        }
        svg += "</svg>\n"
        return (svg, SignFaceLayout(nameBand: nameBand, pinyinBand: pinyinBand, nameFontSize: nameSize, pinyinFontSize: pinyinSize, warnings: warnings))
    }

    static func escape(_ text: String) -> String { XMLText.escape(text) }
}
