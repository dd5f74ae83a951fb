import DimingKit
import Foundation

extension WebPages {
    /// The reason given with a step of a case's history (退件、不予批准、退回拟名 理由), from the
    /// step's recorded details; nil when the step had none.
    static func reason(of entry: TimelineEntry) -> String? {
        guard let details = entry.details,
              let fields = try? JSONSerialization.jsonObject(with: Data(details.utf8)) as? [String: Any],
              let reason = fields["reason"] as? String, !reason.isEmpty else { return nil }
        return reason
    }
}
