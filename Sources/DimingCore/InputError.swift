/// Bad input a user can cause: says what is wrong and where (file, line, column, field).
public struct InputError: Error, Hashable, Sendable, CustomStringConvertible {
    public var file: String?
    public var line: Int?
    public var column: Int?
    public var field: String?
    public var message: String

    public init(file: String? = nil, line: Int? = nil, column: Int? = nil, field: String? = nil, _ message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.field = field
        self.message = message
    }

    /// `file:line:column: field: message`, leaving out what is unknown.
    public var description: String {
        var location = [file, line.map(String.init), column.map(String.init)].compactMap { $0 }.joined(separator: ":")
        if let field { location += location.isEmpty ? "field '\(field)'" : ": field '\(field)'" }
        return location.isEmpty ? message : "\(location): \(message)"
    }

    /// The same for the web, where is said in Chinese: `文件 a.csv，第 3 行，字段 code：message`
    /// (the file by its name only: a server's folders are nobody's business).
    public var descriptionZh: String {
        var location: [String] = []
        if let file { location.append("文件 " + (file.split(separator: "/").last.map(String.init) ?? file)) }
        if let line { location.append("第 \(line) 行") }
        if let column { location.append("第 \(column) 列") }
        if let field { location.append("字段 \(field)") }
        return location.isEmpty ? message : location.joined(separator: "，") + "：" + message
    }
}

/// Several input errors found in one pass (a file is checked whole before it is rejected).
public struct InputErrors: Error, Sendable, CustomStringConvertible {
    public var errors: [InputError]
    /// How many errors there were in all, when only the first ones are kept.
    public var total: Int

    public init(_ errors: [InputError], total: Int? = nil) {
        self.errors = errors
        self.total = total ?? errors.count
    }

    public var description: String {
        var lines = errors.map(\.description)
        if total > errors.count { lines.append("… and \(total - errors.count) more") }
        return lines.joined(separator: "\n")
    }

    public var descriptionZh: String {
        var lines = errors.map(\.descriptionZh)
        if total > errors.count { lines.append("……另有 \(total - errors.count) 处") }
        return lines.joined(separator: "\n")
    }
}
