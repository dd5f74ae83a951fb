import Crypto
import DimingCore
import Foundation
import GeoFormats

/// A villager adds a place from a name's public page (群众新增地点), without an account: the place
/// waits in the reviewer's queue, the villager gets a receipt number (回执号) and reads its status.
///
/// Nothing is stored unless everything checks: the address's rate limit, the challenge, the
/// category, the name (naming-rule findings become warnings for the reviewer), the phone, a
/// position that is a real point inside the name's county, and a photo that is a JPEG or PNG within
/// the size limits (its header read before anything keeps it). The position arrives in the system
/// the form says (the public map draws the registry's WGS-84 layers and the browser's geolocation
/// is WGS-84; a GCJ-02 or BD-09 point from a map app is converted) and is stored in WGS-84.
public struct POISubmission: Sendable {
    public var registry: any RegistryStore
    public var resources: NamingResources
    public var clock: any Clock
    public var files: AttachmentStore
    public var throttle: SubmissionThrottle
    public var challenge: SubmissionChallenge

    /// The audit trail's actor for what the public submits (a marked system actor, not an account).
    public static let actor = "public:web"

    public init(registry: any RegistryStore, resources: NamingResources, clock: any Clock = SystemClock(), files: AttachmentStore? = nil,
                throttle: SubmissionThrottle, challenge: SubmissionChallenge) {
        self.registry = registry
        self.resources = resources
        self.clock = clock
        self.files = files ?? AttachmentStore(beside: registry)
        self.throttle = throttle
        self.challenge = challenge
    }

    /// What the form sends.
    public struct Form: Sendable {
        public var fromName: FeatureID
        public var categoryWord: String
        public var name: String
        public var phone: String
        public var hours: String
        public var address: String
        public var lon: Double
        public var lat: Double
        public var crs: CoordinateSystem
        public var photo: (data: Data, file: String)?
        public var challengeToken: String
        public var challengeAnswer: String

        public init(fromName: FeatureID, categoryWord: String, name: String, phone: String = "", hours: String = "", address: String = "",
                    lon: Double, lat: Double, crs: CoordinateSystem = .wgs84, photo: (data: Data, file: String)? = nil,
                    challengeToken: String, challengeAnswer: String) {
            self.fromName = fromName
            self.categoryWord = categoryWord
            self.name = name
            self.phone = phone
            self.hours = hours
            self.address = address
            self.lon = lon
            self.lat = lat
            self.crs = crs
            self.photo = photo
            self.challengeToken = challengeToken
            self.challengeAnswer = challengeAnswer
        }
    }

    /// What the villager gets back.
    public struct Receipt: Sendable {
        public var number: String
        public var warnings: [String]
    }

    /// Where a submission stands, for the status page (审核中 / 已通过 / 未通过 with the reason).
    public struct Status: Sendable {
        public var number: String
        public var name: String
        public var category: String
        public var state: String
        public var reason: String?
        public var address: String?
        public var submitted: Date
    }

    /// Checks and stores a submission from `from` (the client's network address).
    public func submit(_ form: Form, from: String) throws -> Receipt {
        let now = clock.now()
        try throttle.admit(from, now: now)
        if challenge.isSpent(token: form.challengeToken) {
            throw InputError(field: "challenge", "这道验证题已经用过，请计算新的验证题后再提交")
        }
        guard challenge.verify(token: form.challengeToken, answer: form.challengeAnswer, now: now) else {
            throw InputError(field: "challenge", "验证题答案不对或已过期，请重新计算后提交")
        }
        guard let key = VillagerCategories.key(form.categoryWord) else { throw InputError(field: "category", "请从列表中选择类别") }
        let name = form.name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty else { throw InputError(field: "name", "请填写地点名称") }
        guard name.count <= 40 else { throw InputError(field: "name", "地点名称最多 40 个字（现为 \(name.count) 个字），请改短后再提交") }
        guard !name.contains(where: { $0.isNewline || $0 == "<" || $0 == ">" }) else {
            throw InputError(field: "name", "地点名称不能含换行或尖括号")
        }
        let phone = form.phone.trimmingCharacters(in: .whitespaces)
        guard phone.isEmpty || (phone.count <= 20 && phone.allSatisfy { $0.isASCII && ($0.isNumber || $0 == "-" || $0 == " " || $0 == "+") }) else {
            throw InputError(field: "phone", "电话只能含数字、空格、+ 和 -，最多 20 位")
        }
        let hours = String(form.hours.trimmingCharacters(in: .whitespacesAndNewlines).prefix(60))
        let address = String(form.address.trimmingCharacters(in: .whitespacesAndNewlines).prefix(100))
        guard form.lon.isFinite, form.lat.isFinite else { throw InputError(field: "position", "位置不是有效数字，请在地图上重新放置图钉") }
        let point = form.crs.toWGS84(Coordinate(lon: form.lon, lat: form.lat))
        var photo: String?
        if let upload = form.photo, !upload.data.isEmpty {
            let header: ImageHeader
            do { header = try ImageHeader.check(upload.data, file: upload.file) } catch { throw InputError(field: "photo", error.zh) }
            photo = try files.store(upload.data, fileExtension: header.format.fileExtension).reference
        }
        let warnings = Self.warnings(name, resources: resources)
        var code = ""
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("ABCDEFGHJKLMNPQRSTUVWXYZ23456789")
        for _ in 0..<8 { code.append(alphabet[Int.random(in: 0..<alphabet.count, using: &generator)]) }
        let receiptCode = code
        // Spent by this submission, and given back if it is not stored after all.
        guard challenge.spend(token: form.challengeToken, now: now) else {
            throw InputError(field: "challenge", "这道验证题已经用过，请计算新的验证题后再提交")
        }
        do {
            return try registry.write { db in
                guard let anchor = try db.names.find(id: form.fromName), Self.isPublic(anchor.status) else {
                    throw RegistryError.notFound(kind: "name", key: form.fromName.description)
                }
                try Self.requireInside(db, point, county: anchor.countyCode)
                let id = try db.ids.mint(kind: .poi, county: anchor.countyCode.countyPart, count: 1)[0]
                let nearby = try db.pois.list(county: anchor.countyCode, status: nil)
                    .filter { [.pending, .accepted].contains($0.poi.status) && Geodesy.distance($0.poi.location, point) <= 150
                        && (POIImport.similar($0.poi.name, name) || $0.poi.category == key) }
                var item = CollectedPOI(poi: PointOfInterest(id: id, name: name, category: key, location: point, contact: phone.isEmpty ? nil : phone),
                                        countyCode: anchor.countyCode, source: "villager", sourceRef: "\(id)-\(receiptCode)",
                                        possibleDuplicates: nearby.map(\.poi.id))
                item.submission = VillagerSubmission(receiptCode: receiptCode, fromName: anchor.id, categoryWord: form.categoryWord,
                                                     phone: phone.isEmpty ? nil : phone, hours: hours.isEmpty ? nil : hours,
                                                     givenAddress: address.isEmpty ? nil : address, photo: photo, warnings: warnings, submitted: now)
                try db.pois.save(item, at: now)
                try db.audit.append(AuditEvent(at: now, actor: Self.actor, action: .poiSubmitted, entityKind: "poi", entityID: id.description,
                                               after: JSON.string(["name": name, "category": key, "from": anchor.id.description, "photo": photo ?? ""])))
                return Receipt(number: "\(id)-\(receiptCode)", warnings: warnings)
            }
        } catch {
            challenge.unspend(token: form.challengeToken)
            throw error
        }
    }

    /// The status of a receipt; a number that is malformed or does not match is "not found" (the
    /// same answer either way, so numbers cannot be guessed one part at a time).
    public func status(_ number: String) throws -> Status {
        let text = number.trimmingCharacters(in: .whitespacesAndNewlines).uppercased()
        let notFound = RegistryError.notFound(kind: "receipt", key: String(text.prefix(40)))
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 4, let id = FeatureID(parts[0...2].joined(separator: "-")), id.kind == .poi else { throw notFound }
        let item = try registry.read { try $0.pois.find(id: id) }
        guard let item, let submission = item.submission,
              Data(submission.receiptCode.utf8).elementsEqual(Data(String(parts[3]).utf8)) else { throw notFound }
        let state: String, reason: String?
        switch item.poi.status {
        case .pending: (state, reason) = ("审核中", nil)
        case .accepted: (state, reason) = ("已通过", nil)
        case .merged: (state, reason) = ("已通过", "与已有地点合并")
        case .rejected: (state, reason) = ("未通过", item.reviewNote)
        case .retired: (state, reason) = ("已下线", item.reviewNote)
        }
        return Status(number: "\(id)-\(submission.receiptCode)", name: item.poi.name, category: submission.categoryWord, state: state,
                      reason: reason, address: item.poi.address, submitted: submission.submitted)
    }

    /// Names with a public page: standard, former and retired (never one still proposed or in procedure).
    public static func isPublic(_ status: NameStatus) -> Bool { [.standard, .former, .retired].contains(status) }

    /// The naming rules that apply to a place's name, as warnings: banned words and characters
    /// outside the standard table (生僻字).
    public static func warnings(_ name: String, resources: NamingResources) -> [String] {
        var warnings = resources.tables.forbidden.matches(in: name).map { "含有不宜使用的词“\($0.entry.word)”（\($0.entry.category.chinese)）" }
        let rare = name.filter { $0.unicodeScalars.allSatisfy { $0.properties.isIdeographic } && !resources.romanizer.dictionary.standard.contains($0) }
        if !rare.isEmpty { warnings.append("含有通用规范汉字表以外的生僻字：\(rare.map { String($0) }.joined(separator: "、"))") }
        return Array(Set(warnings)).sorted()
    }

    /// Refuses a point outside the county: its boundary when the registry has one, else the box of its roads.
    static func requireInside(_ db: any RegistryTransaction, _ point: Coordinate, county: DivisionCode) throws {
        let outside = InputError(field: "position", "位置（\(String(format: "%.5f, %.5f", point.lon, point.lat))）不在本县范围内，请把图钉放到地点所在位置")
        let boundaries = try db.boundaries.candidates(containing: point)
        if boundaries.contains(where: { $0.code.ancestor(at: .county) == county.ancestor(at: .county) && $0.area.contains(point) }) { return }
        if try db.boundaries.find(code: county.ancestor(at: .county)) != nil { throw outside }
        let roads = try db.roads.list(RoadFilter(county: county.ancestor(at: .county)))
        guard let box = BoundingBox(covering: roads.flatMap(\.geometry.points))?.expanded(by: 0.02), box.contains(point) else { throw outside }
    }
}
