import Crypto
import DimingCore
import DimingKit
import DimingStore
import Foundation
import GeoFormats
import TestSupport
import Testing

/// A small real PNG (a storefront photo stand-in) and a PNG header that claims a huge picture.
enum Photos {
    static func png(width: UInt32 = 8, height: UInt32 = 6) -> Data {
        func chunk(_ kind: String, _ body: Data) -> Data {
            var data = Data()
            withUnsafeBytes(of: UInt32(body.count).bigEndian) { data.append(contentsOf: $0) }
            let typed = Data(kind.utf8) + body
            data.append(typed)
            withUnsafeBytes(of: crc32(typed).bigEndian) { data.append(contentsOf: $0) }
            return data
        }
        var header = Data()
        withUnsafeBytes(of: width.bigEndian) { header.append(contentsOf: $0) }
        withUnsafeBytes(of: height.bigEndian) { header.append(contentsOf: $0) }
        header.append(contentsOf: [8, 2, 0, 0, 0])
        // A stored (uncompressed) deflate block of the rows is enough for the header check.
        return Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) + chunk("IHDR", header) + chunk("IDAT", Data([0x78, 0x01])) + chunk("IEND", Data())
    }

    static func crc32(_ data: Data) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in data {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }
}

@Suite("Photo headers")
struct ImageHeaderTests {
    @Test("JPEG and PNG sizes come from the header; text, empty files, oversize files and decompression bombs are refused in Chinese")
    func headers() throws {
        let png = try ImageHeader.check(Photos.png(width: 640, height: 480), file: "a.png")
        #expect(png.format == .png && png.width == 640 && png.height == 480)
        // A JPEG: SOI, an APP0 segment, then SOF0 with 1080 × 1920.
        let jpeg = Data([0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x04, 0x4A, 0x46, 0xFF, 0xC0, 0x00, 0x11, 0x08, 0x07, 0x80, 0x04, 0x38, 0x03, 0x01, 0x22, 0x00])
            + Data(repeating: 0, count: 16)
        let read = try ImageHeader.check(jpeg, file: "b.jpg")
        #expect(read.format == .jpeg && read.width == 1080 && read.height == 1920)
        #expect(throws: ImageHeader.Refusal.self) { try ImageHeader.check(Data("<html>not a photo</html>".utf8), file: "c.jpg") }
        #expect(throws: ImageHeader.Refusal.self) { try ImageHeader.check(Data(), file: "d.png") }
        do {
            _ = try ImageHeader.check(Photos.png(width: 60_000, height: 60_000), file: "bomb.png")
            Issue.record("a bomb header passed")
        } catch { #expect(error.zh.contains("bomb.png") && error.zh.contains("解压炸弹")) }
        var limits = ImageHeader.Limits()
        limits.maxBytes = 100
        #expect(throws: ImageHeader.Refusal.self) { try ImageHeader.check(Photos.png() + Data(count: 200), file: "big.png", limits: limits) }
    }

    @Test("random and truncated bytes never crash the header reader (property test, 2,000 inputs)")
    func randomBytes() {
        var generator = SystemRandomNumberGenerator()
        let seeds = [Photos.png(), Data([0xFF, 0xD8, 0xFF, 0xC0, 0x00, 0x11, 0x08])]
        for i in 0..<2_000 {
            var data = seeds[i % 2].prefix(Int.random(in: 0...40, using: &generator))
            data.append(contentsOf: (0..<Int.random(in: 0...64, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) })
            if let header = ImageHeader.read(Data(data)) { #expect(header.width >= 0 && header.height >= 0) }
        }
    }
}

@Suite("Field work and the public side")
struct FieldWorkTests {
    static let geoData = SignageTests.geoData

    @Test("a plate that does not show the road's current standard name is not installed; replacing gives the current name; reports check photo and position")
    func installRefused() throws {
        let f = try SignageTests().fixture()
        try withExtendedLifetime(f.folder) {
            let service = SignService(registry: f.registry, actor: .commandLine("安装队"))
            _ = try service.plan(road: f.road)
            _ = try SignOrder(signs: service).write(road: f.road, to: f.folder.path("order"))
            let signs = try service.list(road: f.road)
            let work = SignFieldWork(registry: f.registry, actor: .commandLine("安装队"), files: AttachmentStore(folder: f.folder.path("files")))
            // A report with a file that is not a photo, or a position that is not a number, changes nothing.
            #expect(throws: InputError.self) { try work.report(signs[0].id, status: .installed, photo: (Data("%PDF-1.4".utf8), "a.pdf")) }
            #expect(throws: InputError.self) { try work.report(signs[0].id, status: .installed, position: Coordinate(lon: .nan, lat: 36)) }
            #expect(try service.list(road: f.road)[0].status == .ordered)
            let kept = (try? FileManager.default.contentsOfDirectory(atPath: f.folder.path("files"))) ?? []
            #expect(kept.isEmpty)
            // 11 m north of the planned point, with a photo: recorded, kept by content, within the 30 m tolerance.
            let at = Coordinate(lon: signs[0].position.lon, lat: signs[0].position.lat + 0.0001)
            let outcome = try work.report(signs[0].id, status: .installed, photo: (Photos.png(), "1.png"), position: at)
            #expect(outcome.sign.status == .installed && abs(outcome.distance! - 11.1) < 0.5 && !outcome.beyondTolerance)
            #expect(try FileManager.default.contentsOfDirectory(atPath: f.folder.path("files")).count == 1)
            // About 90 m off (beyond the 30 m): refused without a note saying why, nothing recorded; recorded with one.
            let off = Coordinate(lon: signs[1].position.lon + 0.001, lat: signs[1].position.lat)
            do {
                _ = try work.report(signs[1].id, status: .installed, photo: (Photos.png(width: 9), "2.png"), position: off, notes: "  ")
                Issue.record("an installation beyond the tolerance without a note was recorded")
            } catch {
                let classified = ClassifiedError.classify(error)
                #expect(classified.kind == .badInput && classified.messageZh.contains("请在备注中写明原因") && classified.message.contains("--notes"))
            }
            #expect(try service.list(road: f.road)[1].status == .ordered)
            #expect(try FileManager.default.contentsOfDirectory(atPath: f.folder.path("files")).count == 1, "the refused report's photo is not kept")
            let far = try work.report(signs[1].id, status: .installed, position: off, notes: "路口施工，装在东侧")
            #expect(far.beyondTolerance && far.sign.status == .installed)
            #expect(try work.show(signs[1].id).history.last?.notes == "路口施工，装在东侧")
            // The road gets another standard name: a plate with the old one is refused, here and on the command line alike.
            _ = try f.desk.add("振兴路", at: NameSite(road: f.road), status: .standard)
            #expect(try f.registry.read { try $0.roads.find(id: f.road) }?.name == "振兴路", "the road is called by its standard name everywhere")
            do {
                _ = try service.record(signs[2].id, SignEvent(status: .installed, date: Date()))
                Issue.record("a plate with a name that is no longer current was installed")
            } catch { #expect(ClassifiedError.classify(error).messageZh.contains("振兴路")) }
            #expect(try service.list(road: f.road)[2].status == .ordered)
            // A standing plate with the old name is replaced by one with the current name.
            _ = try service.record(signs[0].id, SignEvent(status: .damaged, date: Date()))
            let replaced = try service.record(signs[0].id, SignEvent(status: .replaced, date: Date()))
            #expect(replaced.text == "振兴路")
            // The crew's view: Amap in GCJ-02, Baidu in BD-09 (lat,lng), and the history.
            let shown = try work.show(signs[0].id)
            let gcj = CoordinateSystem.gcj02.fromWGS84(signs[0].position)
            #expect(shown.amapLink.contains(String(format: "%.6f,%.6f", gcj.lon, gcj.lat)) && shown.baiduLink.contains("coord_type=bd09ll"))
            #expect(shown.history.map(\.status).contains("已安装") && shown.currentName == "振兴路")
            // A township clerk of another county may not report.
            let stranger = UserAccount(username: "x", displayName: "x", role: .clerk, countyCode: DivisionCode("370101000000"), townCode: DivisionCode("370101001000"))
            #expect(throws: AccessDenied.self) { try SignFieldWork(registry: f.registry, actor: stranger).report(signs[3].id, status: .installed) }
        }
    }

    @Test("a villager's submission: the challenge, the category, a real point in the county, the photo; a receipt with a secret part; the rate limit; nothing stored when refused")
    func submission() throws {
        let f = try SignageTests().fixture()
        try withExtendedLifetime(f.folder) {
            let name = try #require(try f.registry.read { try $0.names.standardName(road: f.road) })
            let clock = FixedClock(DeadlineRules.day("2026-05-01")!)
            let challenge = SubmissionChallenge()
            let use = POISubmission(registry: f.registry, resources: f.desk.resources, clock: clock, files: AttachmentStore(folder: f.folder.path("files")),
                                    throttle: SubmissionThrottle(limit: 6), challenge: challenge)
            /// A fresh challenge and its answer: a solved one is spent.
            func solved() -> (token: String, answer: String) {
                let (question, token) = challenge.issue(now: clock.now())
                return (token, String(question.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }.reduce(0, +)))
            }
            let point = SignageTests.p(700, 20)
            func form(lon: Double = point.lon, lat: Double = point.lat, answer: String? = nil, photo: Data? = nil, category: String = "快递点",
                      challenge: (token: String, answer: String) = solved()) -> POISubmission.Form {
                POISubmission.Form(fromName: name.id, categoryWord: category, name: "兴业快递点", phone: "13800000000", hours: "8:00-18:00",
                                   address: "<script>alert(1)</script>", lon: lon, lat: lat, photo: photo.map { ($0, "p.png") },
                                   challengeToken: challenge.token, challengeAnswer: answer ?? challenge.answer)
            }
            #expect(throws: InputError.self) { try use.submit(form(answer: "99"), from: "a") }
            #expect(throws: InputError.self) { try use.submit(form(lon: .nan), from: "a") }
            #expect(throws: InputError.self) { try use.submit(form(lon: 100, lat: 30), from: "a") }
            #expect(throws: InputError.self) { try use.submit(form(photo: Photos.png(width: 50_000, height: 50_000)), from: "a") }
            #expect(throws: InputError.self) { try use.submit(form(category: "赌场"), from: "a") }
            // A name over the 40 characters is refused with the limit, not cut short.
            var long = form()
            long.name = String(repeating: "长", count: 300)
            do {
                _ = try use.submit(long, from: "c")
                Issue.record("a 300-character name was accepted")
            } catch { #expect(ClassifiedError.classify(error).messageZh.contains("最多 40 个字（现为 300 个字）")) }
            #expect(try f.registry.read { try $0.pois.list() }.isEmpty, "nothing stored on a refusal")
            let once = solved()
            let receipt = try use.submit(form(photo: Photos.png(), challenge: once), from: "a")
            // The solved challenge is spent: replaying it is refused (from another address, under the limit).
            #expect(throws: InputError.self) { try use.submit(form(challenge: once), from: "b") }
            #expect(throws: SubmissionThrottled.self) { try use.submit(form(), from: "a") }
            #expect(try use.status(receipt.number).state == "审核中")
            #expect(try use.status("  \(receipt.number.lowercased())\n").state == "审核中", "a number copied with spaces around it")
            // A forged number (other secret, other id, garbage) is not found, the same way each time.
            for forged in [String(receipt.number.dropLast()) + (receipt.number.hasSuffix("Z") ? "Y" : "Z"), "379901-P-000999-ABCDEFGH", "'; DROP TABLE poi;--"] {
                #expect(throws: RegistryError.self) { try use.status(forged) }
            }
            // The reviewer sees the computed address beside the given one, and rejects with a reason.
            let reviewer = POIReview(registry: f.registry, actor: .commandLine("审核人"), clock: clock)
            let queued = try #require(try reviewer.queue().first)
            #expect(queued.item.submission?.givenAddress == "<script>alert(1)</script>" && queued.computedAddress.contains("兴业路"))
            _ = try reviewer.decide(queued.item.poi.id, .reject(reason: "位置与门头照片不符"))
            let status = try use.status(receipt.number)
            #expect(status.state == "未通过" && status.reason == "位置与门头照片不符")
            // A name that is not public cannot anchor a submission.
            let proposed = try f.desk.add("兴华路", at: NameSite(county: DivisionCode("379901")!), status: .inProcedure).0
            var other = form()
            other.fromName = proposed.id
            #expect(throws: RegistryError.self) { try use.submit(other, from: "b") }
        }
    }

    @Test("the public page shows announced facts only: a name in procedure is not found; a renamed name points to the current one; no applicant")
    func publicPage() throws {
        let f = try SignageTests().fixture()
        try withExtendedLifetime(f.folder) {
            let categories = try POICategories.load(geoData: Self.geoData)
            let cases = CaseService(registry: f.registry, resources: f.desk.resources, actor: .commandLine("t"), clock: FixedClock(DeadlineRules.day("2026-05-01")!))
            let rename = try cases.create(CaseApplication(kind: .renaming, road: f.road, name: "振兴路", applicant: "张三丰", reasons: "内部理由：原名重名",
                                                          meaning: "振兴乡村", origin: "取振兴乡村之意"))
            let page = PublicNamePage(registry: f.registry)
            let proposed = try #require(rename.nameID)
            #expect(throws: RegistryError.self) { try page.page(proposed, categories: categories) }
            _ = try cases.advance(rename.id, to: .consulted, evidence: StepEvidence(consultation: Consultation(scope: "村民", opinions: [])))
            _ = try cases.advance(rename.id, to: .submitted, evidence: StepEvidence())
            _ = try cases.advance(rename.id, to: .underReview, evidence: StepEvidence())
            _ = try cases.advance(rename.id, to: .publicNotice, evidence: StepEvidence(noticeChannel: "网站", assessment: Assessment(conclusion: "可行", date: DeadlineRules.day("2026-05-01")!)))
            #expect(throws: RegistryError.self) { try page.page(proposed, categories: categories) }
            let later = CaseService(registry: f.registry, resources: f.desk.resources, actor: .commandLine("t"), clock: FixedClock(DeadlineRules.day("2026-05-23")!))
            _ = try later.advance(rename.id, to: .approved, evidence: StepEvidence(approval: Approval(authority: "示范县人民政府", documentNumber: "示政字〔2026〕40号", date: DeadlineRules.day("2026-05-20")!)))
            _ = try later.file(rename.id, filing: Filing(date: DeadlineRules.day("2026-05-22")!, body: "示范市民政局"))
            _ = try later.announce(rename.id, announcement: Announcement(date: DeadlineRules.day("2026-05-23")!, channels: ["网站"]))
            let current = try page.page(proposed, categories: categories)
            #expect(current.status == .standard && current.meaning == "振兴乡村" && current.origin == "取振兴乡村之意")
            #expect(current.approval?.contains("示政字〔2026〕40号") == true && current.history.map(\.text).contains("兴业路"))
            let old = try #require(current.history.first { $0.text == "兴业路" })
            let former = try page.page(old.id, categories: categories)
            #expect(former.status != .standard && former.current?.text == "振兴路")
            try HeritageList(registry: f.registry, actor: .commandLine("t")).save(HeritageName(name: "振兴路", countyCode: DivisionCode("379901")!, place: "兴业村",
                                                                                             level: .county, reason: "乡村振兴见证", listedOn: DeadlineRules.day("2026-06-01")!))
            #expect(try page.page(proposed, categories: categories).heritage?.contains("乡村振兴见证") == true)
            let everything = "\(current) \(former)"
            #expect(!everything.contains("张三丰") && !everything.contains("内部理由"))
        }
    }
}
