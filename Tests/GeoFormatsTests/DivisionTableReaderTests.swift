import DimingCore
import GeoFormats
import TestSupport
import Testing

@Suite("Division tables")
struct DivisionTableReaderTests {
    @Test("GCJ-02 columns are converted to WGS-84; plain columns follow --crs")
    func coordinateColumns() throws {
        let folder = try TemporaryDirectory()
        let gcjFile = try folder.write("gcj.csv", """
            code,name,level,level_num,parent_code,lng_gcj02,lat_gcj02
            370000000000,山东省,province,1,,115.9856628416,36.4500690455
            """)
        let (rows, crs) = try DivisionTableReader.read(path: gcjFile)
        #expect(crs == .gcj02)
        let point = try #require(rows[0].point)
        #expect(abs(point.lon - 115.98) < 1e-8 && abs(point.lat - 36.45) < 1e-8)

        let plainFile = try folder.write("plain.csv", "code,name,level,level_num,parent_code,lng,lat\n370000000000,山东省,province,1,,115.98,36.45\n")
        #expect(try DivisionTableReader.read(path: plainFile, crs: .bd09).pointCRS == .bd09)
        #expect(try DivisionTableReader.read(path: plainFile).rows[0].point == Coordinate(lon: 115.98, lat: 36.45))
        #expect(throws: InputError.self) { try DivisionTableReader.read(path: gcjFile, crs: .bd09) }
    }

    @Test("a byte-order mark is accepted; missing columns and bad points are named with their line")
    func errors() throws {
        let folder = try TemporaryDirectory()
        let bom = try folder.write("bom.csv", "\u{FEFF}code,name,level,level_num,parent_code\n370000000000,山东省,province,1,\n")
        #expect(try DivisionTableReader.read(path: bom).rows.count == 1)

        let missing = try folder.write("missing.csv", "code,name,level\n370000000000,山东省,province\n")
        let error = try #require(throws: InputError.self) { try DivisionTableReader.read(path: missing) }
        #expect(error.line == 1 && error.message.contains("parent_code"))

        let badPoint = try folder.write("bad.csv", "code,name,level,level_num,parent_code,lng,lat\n370000000000,山东省,province,1,,x,36\n")
        let pointError = try #require(throws: InputError.self) { try DivisionTableReader.read(path: badPoint) }
        #expect(pointError.line == 2 && pointError.field == "lng")

        #expect(throws: InputError.self) { try DivisionTableReader.read(path: folder.path("nope.csv")) }
    }

    @Test("the 2016 table reads whole, with its 3,438 village points", .enabled(if: SharedData.available, "needs ../shared/data"))
    func realTable() throws {
        let (rows, crs) = try DivisionTableReader.read(path: SharedData.path("admin/shandong_5level_2016_vonng_adcode.csv"))
        #expect(rows.count == 81_535)
        #expect(crs == .gcj02)
        #expect(rows.filter { $0.level == "village" && $0.point != nil }.count == 3_438)
        #expect(rows.last?.line == 81_536)
    }
}
