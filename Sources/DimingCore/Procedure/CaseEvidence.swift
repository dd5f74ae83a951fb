import Foundation

/// One opinion received in consultation (征求意见), and how it was handled.
public struct Opinion: Codable, Sendable, Hashable {
    public var from: String
    public var text: String
    public var handling: String
    public init(from: String, text: String, handling: String) {
        self.from = from
        self.text = text
        self.handling = handling
    }
}

/// The consultation record.
public struct Consultation: Codable, Sendable, Hashable {
    public var scope: String
    public var opinions: [Opinion]
    public init(scope: String, opinions: [Opinion]) {
        self.scope = scope
        self.opinions = opinions
    }
}

/// Expert review (专家论证).
public struct ExpertReview: Codable, Sendable, Hashable {
    public var experts: [String]
    public var conclusion: String
    public init(experts: [String], conclusion: String) {
        self.experts = experts
        self.conclusion = conclusion
    }
}

/// An objection raised during public notice; it blocks approval until handled.
public struct Objection: Codable, Sendable, Hashable {
    public var number: Int
    public var from: String
    public var text: String
    public var raised: Date
    public var handling: String?
    /// The objection was upheld: the name goes back to drafting.
    public var upheld: Bool

    public init(number: Int, from: String, text: String, raised: Date, handling: String? = nil, upheld: Bool = false) {
        self.number = number
        self.from = from
        self.text = text
        self.raised = raised
        self.handling = handling
        self.upheld = upheld
    }

    public var isOpen: Bool { handling == nil }
}

/// Public notice (公示): the period, the channel and the objections.
public struct PublicNotice: Codable, Sendable, Hashable {
    public var start: Date
    public var end: Date
    public var channel: String
    public var objections: [Objection]
    public init(start: Date, end: Date, channel: String, objections: [Objection] = []) {
        self.start = start
        self.end = end
        self.channel = channel
        self.objections = objections
    }
}

/// Approval (批复): authority, document number (批复文号) and date. Immutable once set.
public struct Approval: Codable, Sendable, Hashable {
    public var authority: String
    public var documentNumber: String
    public var date: Date
    public init(authority: String, documentNumber: String, date: Date) {
        self.authority = authority
        self.documentNumber = documentNumber
        self.date = date
    }
}

/// Filing (备案), with the times it was returned for supplements.
public struct Filing: Codable, Sendable, Hashable {
    public var date: Date
    public var body: String
    public var supplements: [String]
    public init(date: Date, body: String, supplements: [String] = []) {
        self.date = date
        self.body = body
        self.supplements = supplements
    }
}

/// Announcement (公告).
public struct Announcement: Codable, Sendable, Hashable {
    public var date: Date
    public var channels: [String]
    public init(date: Date, channels: [String]) {
        self.date = date
        self.channels = channels
    }
}

/// A file attached to a case, by path and SHA-256 checksum.
public struct Attachment: Codable, Sendable, Hashable {
    public var path: String
    public var sha256: String
    public var step: String
    public init(path: String, sha256: String, step: String) {
        self.path = path
        self.sha256 = sha256
        self.step = step
    }
}

/// The comprehensive assessment (综合评估) the approving authority organises before public notice,
/// ending in a report: its conclusion, the report's reference (a document number or file) and day.
public struct Assessment: Codable, Sendable, Hashable {
    public var conclusion: String
    /// 评估报告: a document number or the attached file's path.
    public var report: String?
    public var date: Date

    public init(conclusion: String, report: String? = nil, date: Date) {
        self.conclusion = conclusion
        self.report = report
        self.date = date
    }
}

/// A filing or announcement done after its deadline (逾期, a breach under Art. 35), kept with the case.
public struct LateStep: Codable, Sendable, Hashable {
    public var kind: DeadlineKind
    public var due: Date
    public var done: Date
    /// Days after the due day.
    public var days: Int

    public init(kind: DeadlineKind, due: Date, done: Date, days: Int) {
        self.kind = kind
        self.due = due
        self.done = done
        self.days = days
    }
}

/// Corrections to an application before it is submitted (补正申请材料): only the fields given change.
public struct CaseAmendment: Codable, Sendable, Hashable {
    public var reasons: String?
    public var meaning: String?
    public var origin: String?
    public var location: String?
    public var width: Double?
    public var nature: String?

    public init(reasons: String? = nil, meaning: String? = nil, origin: String? = nil, location: String? = nil, width: Double? = nil, nature: String? = nil) {
        self.reasons = reasons
        self.meaning = meaning
        self.origin = origin
        self.location = location
        self.width = width
        self.nature = nature
    }

    /// The fields given, for the audit trail.
    public var details: [String: String] {
        var d: [String: String] = [:]
        d["reasons"] = reasons
        d["meaning"] = meaning
        d["origin"] = origin
        d["location"] = location
        d["width"] = width.map { String(format: "%g", $0) }
        d["nature"] = nature
        return d
    }
}
