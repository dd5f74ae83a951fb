/// Bad input a user can cause: says what is wrong and where (file, line, column, field).
public struct InputError: Error, Hashable, Sendable, CustomStringConvertible {
    public var file: String?
    public var line: Int?
    public var column: Int?
    public var field: String?
    public var message: String
    /// The message for the web, in Chinese, when `message` is the command line's English.
    public var messageZh: String?

    public init(file: String? = nil, line: Int? = nil, column: Int? = nil, field: String? = nil, _ message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.field = field
        self.message = message
    }

    /// An error whose message the web shows in Chinese (`zh`) and the command line in English.
    public init(file: String? = nil, line: Int? = nil, column: Int? = nil, field: String? = nil, _ message: String, zh messageZh: String) {
        self.init(file: file, line: line, column: column, field: field, message)
        self.messageZh = messageZh
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
        if let field { location.append(Self.fieldNamesZh[field.hasPrefix("--") ? String(field.dropFirst(2)) : field].map { "“\($0)”" } ?? "字段 \(field)") }
        let text = messageZh ?? message
        return location.isEmpty ? text : location.joined(separator: "，") + "：" + text
    }

    /// What the web's forms and the command line's options call a field, in the words of the page
    /// (an option's `--` left off). A field not named here is shown as it is.
    public static let fieldNamesZh: [String: String] = [
        "name": "名称", "reason": "理由", "date": "日期", "id": "编号", "road": "道路", "county": "县", "town": "乡镇",
        "photo": "照片", "challenge": "验证题", "position": "位置", "phone": "电话", "note": "备注", "meaning": "含义",
        "origin": "来历", "applicant": "申请人", "category": "类别", "comment": "意见", "answer": "答复",
        "password": "密码", "username": "用户名", "provider": "服务商", "file": "文件", "reading": "读音",
    ]
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
