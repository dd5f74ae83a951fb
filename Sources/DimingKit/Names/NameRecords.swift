import DimingCore
import Naming

extension RegisteredName {
    /// The registry record of a romanised name.
    init(id: FeatureID, romanization: Romanization, status: NameStatus, county: DivisionCode, town: DivisionCode?,
         road: FeatureID?, location: Coordinate?) {
        let parsed = romanization.parsed
        self.init(id: id, text: romanization.name, specific: parsed.specific, modifiers: parsed.allModifiers,
                  generic: parsed.generic, toned: romanization.toned, sign: romanization.sign,
                  toneless: romanization.toneless.joined(separator: " "), specificToneless: romanization.specificToneless,
                  status: status, countyCode: county, townCode: town, roadID: road, location: location)
    }
}

extension NameCheck {
    /// Throws, naming each broken rule, when the name has errors no waiver accepted.
    func requireNoErrors(field: String) throws {
        guard errors > 0 else { return }
        throw InputError(field: field, "\(name) breaks \(errors) naming rule(s): "
            + blocking.map { "\($0.code.rawValue) \($0.messageEn)" }.joined(separator: "; "),
            zh: "\(name)不符合命名规则：" + blocking.map { "【错误】\($0.message)" }.joined(separator: "；"))
    }
}
