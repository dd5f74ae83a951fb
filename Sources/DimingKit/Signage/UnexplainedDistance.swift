import DimingCore
import Foundation

/// A plate set up (已安装, 更换) farther from its planned point than the county's tolerance
/// (允许偏差) with no note saying why: refused, so the reason is recorded with the report.
public struct UnexplainedDistance: SelfClassifyingError, CustomStringConvertible {
    public var sign: FeatureID
    public var distance: Double
    public var tolerance: Double

    public var description: String {
        String(format: "sign %@ is %.0f m from its planned point, more than the county's %.0f m: say why in --notes", sign.description, distance, tolerance)
    }

    public var classified: ClassifiedError {
        ClassifiedError(kind: .badInput, code: "NOTE_REQUIRED", message: description,
                        messageZh: String(format: "距规划位置 %.0f 米，超出允许偏差（%.0f 米）：请在备注中写明原因后再提交，本次未保存。", distance, tolerance))
    }
}
