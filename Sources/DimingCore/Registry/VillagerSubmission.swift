import Foundation

/// What a villager said when adding a place from a name's public page (群众上报的兴趣点, modelled on
/// the 新增地点 / 纠错 flows of the map apps): kept with the collected POI for the reviewer.
public struct VillagerSubmission: Codable, Sendable, Hashable {
    /// The secret part of the receipt number (回执号 = POI id + this code): only the villager has it.
    public var receiptCode: String
    /// The standard name whose public page the submission came from.
    public var fromName: FeatureID?
    /// The everyday category word the villager picked (快递点, 民宿 …).
    public var categoryWord: String
    public var phone: String?
    /// 营业时间, as typed.
    public var hours: String?
    /// The address as the villager gave it.
    public var givenAddress: String?
    /// The storefront photo in the attachment store (`sha256:<hash>.<ext>`).
    public var photo: String?
    /// Naming-rule warnings on the name (banned words, rare characters), shown to the reviewer.
    public var warnings: [String]
    public var submitted: Date

    public init(receiptCode: String, fromName: FeatureID?, categoryWord: String, phone: String?, hours: String?, givenAddress: String?,
                photo: String?, warnings: [String], submitted: Date) {
        self.receiptCode = receiptCode
        self.fromName = fromName
        self.categoryWord = categoryWord
        self.phone = phone
        self.hours = hours
        self.givenAddress = givenAddress
        self.photo = photo
        self.warnings = warnings
        self.submitted = submitted
    }
}
