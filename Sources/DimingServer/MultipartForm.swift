import DimingCore
import Foundation
import Hummingbird
import MultipartKit
import NIOCore

/// A `multipart/form-data` body (a form with a photo from a phone), parsed by Vapor's MultipartKit:
/// the text fields and the files, the whole body at most `limit` bytes.
struct MultipartForm {
    var fields: [String: String] = [:]
    var files: [String: (data: Data, filename: String)] = [:]

    /// Too large a body: the photo limit, in Chinese.
    struct TooLarge: Error {
        var limit: Int
    }

    static func read(_ request: Request, limit: Int) async throws -> MultipartForm {
        guard let type = request.headers[.contentType], type.lowercased().hasPrefix("multipart/form-data"),
              let boundary = parameter("boundary", in: type), !boundary.isEmpty else {
            throw InputError(field: "form", "表单须以 multipart/form-data 提交（含照片）")
        }
        let buffer: ByteBuffer
        do { buffer = try await request.body.collect(upTo: limit) } catch is NIOTooManyBytesError { throw TooLarge(limit: limit) }
        var form = MultipartForm()
        var headers = HTTPHeaders(), body = ByteBuffer()
        var parts: [(HTTPHeaders, ByteBuffer)] = []
        let parser = MultipartParser(boundary: boundary)
        parser.onHeader = { name, value in headers.add(name: name, value: value) }
        parser.onBody = { chunk in body.writeBuffer(&chunk) }
        parser.onPartComplete = {
            parts.append((headers, body))
            headers = HTTPHeaders()
            body = ByteBuffer()
        }
        do { try parser.execute(buffer) } catch { throw InputError(field: "form", "表单内容不完整或格式有误，请重新提交") }
        for (headers, body) in parts {
            let part = MultipartPart(headers: headers, body: body)
            guard let name = part.name else { continue }
            let disposition = headers.first(name: "Content-Disposition") ?? ""
            if let filename = parameter("filename", in: disposition) {
                form.files[name] = (Data(body.readableBytesView), filename)
            } else if form.fields[name] == nil {
                form.fields[name] = String(decoding: body.readableBytesView, as: UTF8.self)
            }
        }
        return form
    }

    /// `key=value` or `key="value"` from a header's parameters.
    static func parameter(_ key: String, in header: String) -> String? {
        for piece in header.split(separator: ";") {
            let pair = piece.trimmingCharacters(in: .whitespaces)
            guard pair.lowercased().hasPrefix(key + "=") else { continue }
            var value = String(pair.dropFirst(key.count + 1))
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 { value = String(value.dropFirst().dropLast()) }
            return value
        }
        return nil
    }
}
