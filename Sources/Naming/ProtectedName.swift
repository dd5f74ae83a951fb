/// A name on the place-name heritage list (地名文化遗产保护名录) of another place, as the rules see
/// it: a new name reusing it gets a finding (a protected historical name belongs to its place).
public struct ProtectedName: Hashable, Sendable {
    /// The listed name (十里堡, 鼓楼大街).
    public var name: String
    /// Where it is: county and place, for the message.
    public var place: String
    /// 国家级, 省级, 市级, 县级.
    public var level: String

    public init(name: String, place: String, level: String) {
        self.name = name
        self.place = place
        self.level = level
    }
}
