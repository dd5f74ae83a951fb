import CGDAL
import DimingCore
import Foundation

/// GDAL set up once per process, at the first GDAL read: libgdal opened (with dlopen: Diming does not
/// link it, see `Sources/CGDAL/include/CGDAL.h`), every driver registered, its messages kept for
/// Diming's errors instead of printed.
enum GDALLibrary {
    /// Loading and registering, once: nil, or why GDAL cannot be used. `$DIMING_GDAL_LIBRARY` (a soname
    /// or a path) replaces the names tried: the build's soname, `libgdal.so`, other GDAL 3 sonames.
    private static let failure: InputError? = {
        let chosen = ProcessInfo.processInfo.environment["DIMING_GDAL_LIBRARY"].flatMap { $0.isEmpty ? nil : $0 }
        if let failure = chosen.map({ load(names: [$0], keep: true) }) ?? load(diming_gdal_sonames(), keep: true) {
            return failure
        }
        diming_gdal_quiet()
        GDALAllRegister()
        return nil
    }()

    /// Loads libgdal and registers its drivers (once). Throws, naming the input that needed it (`file`,
    /// `field`), when libgdal cannot be loaded: no GDAL function may be called then.
    static func start(file: String? = nil, field: String? = nil) throws {
        guard var failure else { return }
        failure.file = file
        failure.field = field
        throw failure
    }

    /// Tries `names` in order, the first that opens with all of GDAL's functions Diming calls; nil
    /// when GDAL is usable. `keep` keeps it for the process; without, it is only tried (tests).
    static func load(_ names: UnsafePointer<UnsafePointer<CChar>?>, keep: Bool) -> InputError? {
        var reason = [CChar](repeating: 0, count: 2048)
        guard diming_gdal_load(names, keep ? 1 : 0, &reason, reason.count) == 0 else { return nil }
        let text = String(decoding: reason.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return InputError("GDAL could not be loaded (\(text)); Shapefile, GeoPackage and File Geodatabase files and EPSG "
            + "coordinate systems are read through it: install libgdal with `make demo` or `make deps` "
            + "(Debian libgdal-dev, Scripts/packages/build-debian.txt)")
    }

    /// The same for library names or paths given as strings (tests of the loader's errors).
    static func load(names: [String], keep: Bool = false) -> InputError? {
        let copies = names.map { strdup($0) }
        defer { copies.forEach { free($0) } }
        let list = copies.map { UnsafePointer($0) } + [nil]
        return list.withUnsafeBufferPointer { load($0.baseAddress!, keep: keep) }
    }

    /// GDAL's last error message on this thread, or `fallback`.
    static func lastError(_ fallback: String) -> String {
        guard let message = CPLGetLastErrorMsg(), message.pointee != 0 else { return fallback }
        return String(cString: message)
    }
}
