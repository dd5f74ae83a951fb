import Foundation

/// An approval batch: its cases share one approval document.
public struct Batch: Codable, Sendable, Hashable {
    public var id: FeatureID
    public var countyCode: DivisionCode
    public var title: String
    public var approval: Approval?
    public var filing: Filing?
    public var announcement: Announcement?

    public init(id: FeatureID, countyCode: DivisionCode, title: String) {
        self.id = id
        self.countyCode = countyCode
        self.title = title
    }
}
