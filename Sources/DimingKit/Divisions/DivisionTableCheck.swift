import DimingCore
import GeoFormats

/// Checks a whole division table before anything is stored: every code is 12 digits, the level
/// agrees with the code's structure (and with `level_num`), no code appears twice, and every parent
/// exists in the file or the registry and is an ancestor by code; names have no control characters and
/// at most ``InputLimits/maxNameCharacters`` characters (a province's parent may be the
/// national root `100000000000` or empty).
public struct DivisionTableCheck {
    public var file: String
    /// How many errors to keep for the message (all are counted).
    public var keep = 50

    public init(file: String) {
        self.file = file
    }

    /// The divisions of the table, or every problem found.
    public func divisions(from rows: [DivisionRow], inRegistry: (DivisionCode) throws -> Bool) throws -> [Division] {
        var errors: [InputError] = []
        var total = 0
        func report(_ row: DivisionRow, _ field: String, _ message: String) {
            total += 1
            if errors.count < keep { errors.append(InputError(file: file, line: row.line, field: field, message)) }
        }
        var firstLine: [DivisionCode: Int] = [:]
        var parsed: [(row: DivisionRow, division: Division)] = []
        parsed.reserveCapacity(rows.count)
        for row in rows {
            guard row.code.count == 12, let code = DivisionCode(row.code) else {
                report(row, "code", "'\(row.code)' is not a 12-digit division code")
                continue
            }
            if let earlier = firstLine[code] {
                report(row, "code", "duplicate code \(code) (first on line \(earlier))")
                continue
            }
            firstLine[code] = row.line
            guard !row.name.isEmpty else {
                report(row, "name", "empty name for \(code)")
                continue
            }
            if let problem = FieldText.problem(row.name) {
                report(row, "name", "the name of \(code) \(problem)")
                continue
            }
            if let text = row.urbanRuralCode, let problem = FieldText.problem(text, maxCharacters: 3) {
                report(row, "ur_code", "the 城乡分类代码 \(problem)")
                continue
            }
            guard let level = DivisionLevel(name: row.level) else {
                report(row, "level", "'\(row.level)' is not one of province, city, county, town, village")
                continue
            }
            if let number = row.levelNumber, number != String(level.rawValue) {
                report(row, "level_num", "level_num \(number) disagrees with level \(level) (\(level.rawValue))")
                continue
            }
            guard code.structuralLevel == level else {
                report(row, "level", "code \(code) has the structure of a \(code.structuralLevel), not a \(level)")
                continue
            }
            var parent: DivisionCode?
            if let text = row.parentCode, !(level == .province && text == DivisionCode.nationalRoot) {
                guard text.count == 12, let parentCode = DivisionCode(text) else {
                    report(row, "parent_code", "'\(text)' is not a 12-digit division code")
                    continue
                }
                guard parentCode.isAncestor(of: code) else {
                    report(row, "parent_code", "\(parentCode) cannot be the parent of \(code): its code is not a higher level of the same prefix")
                    continue
                }
                parent = parentCode
            } else if level != .province {
                report(row, "parent_code", "a \(level) needs a parent code")
                continue
            }
            parsed.append((row, Division(code: code, name: row.name, level: level, parentCode: parent,
                                         urbanRuralCode: row.urbanRuralCode, point: row.point)))
        }
        for (row, division) in parsed {
            guard let parent = division.parentCode, firstLine[parent] == nil else { continue }
            if try !inRegistry(parent) {
                report(row, "parent_code", "parent \(parent) of \(division.code) is neither in the file nor in the registry")
            }
        }
        guard errors.isEmpty else { throw InputErrors(errors, total: total) }
        return parsed.map(\.division)
    }
}
