import DimingCore
import Testing

@Suite("Audit actions")
struct AuditActionTests {
    @Test("every case step, sign status and POI outcome has its verb under the same name as before; every verb has a Chinese label")
    func verbs() {
        for action in CaseAction.allCases { #expect(AuditAction(action).rawValue == action.rawValue) }
        for status in SignStatus.allCases {
            #expect(AuditAction(status).rawValue == "sign." + status.rawValue && AuditAction(status).signStatus == status)
        }
        for status in POIStatus.allCases { #expect(AuditAction(status).rawValue == "poi." + status.rawValue) }
        for action in AuditAction.allCases {
            #expect(!action.chinese.isEmpty && !action.chinese.contains { $0.isASCII && $0.isLetter }, "\(action)")
            #expect(AuditAction(rawValue: action.rawValue) == action)
        }
        #expect(AuditAction.userSignInFailed.rawValue == "user.sign-in-failed" && AuditAction.caseCreated.signStatus == nil)
    }
}
