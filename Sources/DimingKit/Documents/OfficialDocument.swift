import Foundation
import GeoFormats

/// A paper as a bureau sends it (公文): title, 文号, addressee (主送), body, tables, closing formula
/// (特此公告, 此复 …), attachments (附件), the issuing body where the seal goes, and the date in
/// Chinese. Rendered as print-ready A4 HTML (portrait, or landscape for registers).
struct OfficialDocument: Sendable {
    struct Table: Sendable {
        var heading: String?
        var header: [String]
        var rows: [[String]]
    }

    var title: String
    var number: String?
    var addressee: String?
    var paragraphs: [String]
    var tables: [Table]
    var closing: String?
    var attachments: [String] = []
    /// The body that issues and seals the paper (落款).
    var issuer: String
    var date: Date?
    var landscape = false
    /// The location map, inline SVG.
    var map: String?
    /// Lines after the signature (e.g. 联系人、联系电话).
    var notes: [String] = []
    /// Paragraphs after the tables, before the closing formula.
    var trailing: [String] = []

    /// All rows of all tables, for CSV and XLSX (the first table's header, with the section in front when there are several).
    var flatTable: (header: [String], rows: [[String]]) {
        guard let first = tables.first else { return ([], []) }
        if tables.count == 1 { return (first.header, first.rows) }
        let header = ["类别"] + tables.map(\.header).max { $0.count < $1.count }!
        return (header, tables.flatMap { table in table.rows.map { [table.heading ?? ""] + $0 } })
    }

    /// 2026年03月10日: kept on one line.
    static func isDate(_ text: String) -> Bool {
        text.count == 11 && text.hasSuffix("日") && text.dropFirst(4).hasPrefix("年")
    }

    var html: String {
        let e = XMLText.escape
        var body: [String] = []
        body.append("<h1>\(e(title))</h1>")
        if let number { body.append("<p class=\"number\">\(e(number))</p>") }
        if let addressee { body.append("<p class=\"addressee\">\(e(addressee))：</p>") }
        body += paragraphs.map { "<p class=\"text\">\(e($0))</p>" }
        for table in tables {
            if let heading = table.heading { body.append("<h2>\(e(heading))</h2>") }
            let head = table.header.map { "<th>\(e($0))</th>" }.joined()
            let rows = table.rows.map { row in
                "<tr>" + row.map { cell in Self.isDate(cell) ? "<td class=\"date\">\(e(cell))</td>" : "<td>\(e(cell))</td>" }.joined() + "</tr>"
            }.joined(separator: "\n")
            body.append("<table>\n<thead><tr>\(head)</tr></thead>\n<tbody>\n\(rows)\n</tbody>\n</table>")
        }
        body += trailing.map { "<p class=\"text\">\(e($0))</p>" }
        if let closing { body.append("<p class=\"text\">\(e(closing))</p>") }
        if !attachments.isEmpty {
            body.append("<p class=\"attachments\">附件：" + attachments.enumerated().map { "\($0 + 1). \(e($1))" }.joined(separator: "<br>") + "</p>")
        }
        body.append("<div class=\"signature\"><p>\(e(issuer))</p>" + (date.map { "<p>\(e(ChineseDate.format($0)))</p>" } ?? "<p>年　月　日</p>")
                    + "<p class=\"seal\">（盖章）</p></div>")
        body += notes.map { "<p class=\"note\">\(e($0))</p>" }
        if let map { body.append("<div class=\"map\"><h2>位置示意图</h2>\(map)</div>") }
        return """
            <!DOCTYPE html>
            <html lang="zh-CN">
            <head>
            <meta charset="utf-8">
            <title>\(e(title))</title>
            <style>
            @page { size: A4 \(landscape ? "landscape" : "portrait"); margin: 20mm 18mm; @bottom-center { content: "第 " counter(page) " 页 共 " counter(pages) " 页"; font-size: 9pt; } }
            body { font-family: "FangSong", "STFangsong", "WenQuanYi Micro Hei", "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", sans-serif; font-size: 12pt; color: #000; line-height: 1.6; }
            h1 { font-size: 18pt; text-align: center; margin: 4mm 0 3mm; font-weight: bold; }
            h2 { font-size: 13pt; margin: 5mm 0 2mm; }
            p.number { text-align: center; margin: 0 0 5mm; }
            p.addressee { margin: 4mm 0 2mm; }
            p.text { text-indent: 2em; margin: 1.5mm 0; }
            table { border-collapse: collapse; width: 100%; margin: 3mm 0; font-size: \(landscape ? "9" : "10.5")pt; }
            th, td { border: 0.6pt solid #000; padding: 1.2mm 1.2mm; vertical-align: top; }
            th { font-weight: bold; background: #eee;\(landscape ? "" : " white-space: nowrap;") }
            td.date { white-space: nowrap; }
            tr { page-break-inside: avoid; }
            thead { display: table-header-group; }
            .signature { margin: 10mm 0 0 55%; text-align: center; page-break-inside: avoid; }
            .signature p { margin: 1mm 0; }
            .seal { color: #888; font-size: 9pt; }
            p.attachments, p.note { margin: 3mm 0; }
            .map { page-break-inside: avoid; margin-top: 6mm; }
            </style>
            </head>
            <body>
            \(body.joined(separator: "\n"))
            </body>
            </html>

            """
    }
}
