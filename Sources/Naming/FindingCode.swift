/// What a finding is about. The raw values are stable: they are stored with waivers, printed by the
/// command line and sent to the web, so a case is renamed never, only added.
public enum FindingCode: String, Codable, Sendable, CaseIterable, Comparable {
    /// 生僻字: a character outside the 通用规范汉字表.
    case rareCharacter = "RARE_CHARACTER"
    /// A level-3 character of the standard table.
    case level3Character = "LEVEL3_CHARACTER"
    case latinLetter = "LATIN_LETTER"
    case digit = "DIGIT"
    case punctuation = "PUNCTUATION"
    /// 国家领导人姓名: an absolute ban (条例 Art. 9), never waived.
    case leaderName = "LEADER_NAME"
    /// 外国地名.
    case foreignPlace = "FOREIGN_PLACE"
    /// A specific made only of characters typical of transliterated foreign names (斯, 尔, 克 …).
    case transliteratedName = "TRANSLITERATED_NAME"
    /// 文学作品、神话人物.
    case literaryCharacter = "LITERARY_CHARACTER"
    /// 企业名称、商标.
    case enterpriseName = "ENTERPRISE_NAME"
    /// 含义不健康.
    case unhealthyMeaning = "UNHEALTHY_MEANING"
    /// 大、洋、怪、重 words.
    case grandioseWord = "GRANDIOSE_WORD"
    /// A word of a rule table found only inside a common dictionary word (魔 in 魔芋): information.
    case insideCommonWord = "INSIDE_COMMON_WORD"
    /// 人名: the specific looks like a person's name.
    case personName = "PERSON_NAME"
    /// The specific is longer than the county allows (a local rule).
    case specificTooLong = "SPECIFIC_TOO_LONG"
    /// The whole name is longer than any name may be (`NamingRuleTables.maxNameLength`).
    case nameTooLong = "NAME_TOO_LONG"
    /// 重名.
    case duplicate = "DUPLICATE"
    case sameSpecific = "SAME_SPECIFIC"
    /// 同音.
    case homophone = "HOMOPHONE"
    /// 近音.
    case nearHomophone = "NEAR_HOMOPHONE"
    /// 形近.
    case lookalike = "LOOKALIKE"
    /// The 通名 does not fit the road (名副其实).
    case genericMisfit = "GENERIC_MISFIT"
    case noGeneric = "NO_GENERIC"
    case ambiguousParse = "AMBIGUOUS_PARSE"
    /// 多音字: a reading staff should confirm.
    case readingReview = "READING_REVIEW"
    /// The name reuses a protected historical name of another place (地名文化遗产保护名录).
    case heritageName = "HERITAGE_NAME"

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}
