/// An administrative division (行政区划) down to the village committee (村委会/居委会).
public struct Division: Hashable, Codable, Sendable {
    public var code: DivisionCode
    public var name: String
    public var level: DivisionLevel
    /// nil for a province (whose table parent is the national root or empty).
    public var parentCode: DivisionCode?
    /// 城乡分类代码: 111 主城区 … 220 村庄, where the table gives it.
    public var urbanRuralCode: String?
    /// A representative point (seat or village centre), WGS-84.
    public var point: Coordinate?

    public init(code: DivisionCode, name: String, level: DivisionLevel, parentCode: DivisionCode?,
                urbanRuralCode: String? = nil, point: Coordinate? = nil) {
        self.code = code
        self.name = name
        self.level = level
        self.parentCode = parentCode
        self.urbanRuralCode = urbanRuralCode
        self.point = point
    }

    /// The village's name without the statistical suffix: 张庄村委会 → 张庄村, 赵村村委会 → 赵村,
    /// 城关社区居委会 → 城关社区.
    public var shortName: String {
        let suffixes = [("村民委员会", "村"), ("居民委员会", ""), ("村委会", "村"), ("居委会", "")]
        for (suffix, replacement) in suffixes where name.hasSuffix(suffix) && name.count > suffix.count {
            let stem = String(name.dropLast(suffix.count))
            return stem.hasSuffix(replacement) ? stem : stem + replacement
        }
        return name
    }
}
