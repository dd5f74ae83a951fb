import CGDAL

/// GDAL set up once per process: every driver registered, its messages kept for Diming's errors
/// instead of printed.
enum GDALLibrary {
    private static let registered: Void = {
        diming_gdal_quiet()
        GDALAllRegister()
    }()

    /// Registers GDAL's drivers (once).
    static func start() { _ = registered }

    /// GDAL's last error message on this thread, or `fallback`.
    static func lastError(_ fallback: String) -> String {
        guard let message = CPLGetLastErrorMsg(), message.pointee != 0 else { return fallback }
        return String(cString: message)
    }
}
