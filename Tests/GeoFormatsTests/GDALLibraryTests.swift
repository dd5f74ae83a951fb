import DimingCore
@testable import GeoFormats
import Testing

/// libgdal is opened with dlopen at the first GDAL read (not linked): a library that cannot be loaded,
/// or is not GDAL, is a clear error naming what was tried and how to install GDAL, never a crash.
@Suite("GDAL library loading")
struct GDALLibraryTests {
    @Test("a library name that is nowhere is an error naming it, dlopen's reason and how to install GDAL")
    func missingLibrary() throws {
        let error = try #require(GDALLibrary.load(names: ["libgdal-missing.so.99", "/nonexistent/libgdal.so"]))
        let text = error.description
        #expect(text.hasPrefix("GDAL could not be loaded ("))
        #expect(text.contains("libgdal-missing.so.99, /nonexistent/libgdal.so not found (cannot open shared object file)"))
        #expect(text.contains("make demo") && text.contains("libgdal-dev"))
    }

    @Test("a library without GDAL's functions is refused, naming the missing function; no other name is tried after it")
    func notGDAL() throws {
        let error = try #require(GDALLibrary.load(names: ["libz.so.1", "libgdal-missing.so.99"]))
        #expect(error.description.contains("libz.so.1 has no function CPLErrorReset"))
        #expect(!error.description.contains("libgdal-missing"))
    }

    @Test("the GDAL this build was made with loads, and trying another name leaves it in use")
    func loads() throws {
        try GDALLibrary.start()
        #expect(GDALLibrary.load(names: ["libgdal-missing.so.99"]) != nil)
        try GDALLibrary.start()
        #expect(throws: Never.self) { try CRSTransform(epsg: 4527, origin: "test") }
    }
}
