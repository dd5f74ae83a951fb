import Foundation
import DimingCore

/// Renders a document's HTML as PDF with WeasyPrint (Debian `weasyprint`, kept in
/// Scripts/packages/build-debian.txt): it implements CSS paged media — `@page` size and landscape,
/// margins, page counters — so the PDF is the page the HTML describes, with the text kept as text
/// (pdftotext reads it back) and the Chinese glyphs embedded from the system's fonts.
public struct PDFRenderer: Sendable {
    public var executable: String

    public init(executable: String = "/usr/bin/weasyprint") {
        self.executable = executable
    }

    public var isAvailable: Bool { FileManager.default.isExecutableFile(atPath: executable) }

    /// Writes `html` (whose file is `htmlPath`) as the PDF `pdfPath`.
    public func render(htmlFile htmlPath: String, to pdfPath: String) throws {
        guard isAvailable else { throw PDFUnavailable(executable: executable) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["--quiet", "--encoding", "utf-8", htmlPath, pdfPath]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let message = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw InputError(file: htmlPath, "weasyprint failed (\(process.terminationStatus)): \(String(decoding: message, as: UTF8.self).prefix(400))")
        }
    }
}

/// No PDF renderer on this machine: the documents are written as HTML (and CSV/XLSX) only.
public struct PDFUnavailable: Error, CustomStringConvertible {
    public var executable: String
    public init(executable: String) { self.executable = executable }
    public var description: String { "\(executable) is not installed (Debian package weasyprint, see Scripts/packages/build-debian.txt); no PDF written" }
}
