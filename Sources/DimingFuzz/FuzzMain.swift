import Foundation
import GeoFormats

// libFuzzer harnesses for every reader (issue 18, item 2): `Scripts/fuzz.sh` builds this target
// with `-sanitize=fuzzer,address -DFUZZING` into .build-fuzz and runs one reader at a time, chosen
// by DIMING_FUZZ_TARGET (osm, geojson, kml, kmz, gpx, csv, divisions). Built normally (no FUZZING),
// it replays files through a reader instead: `diming-fuzz TARGET FILE…`.

/// The reader being fuzzed, read once from the environment.
let fuzzTarget: ReaderFuzzing.Target = {
    let name = ProcessInfo.processInfo.environment["DIMING_FUZZ_TARGET"] ?? "osm"
    guard let target = ReaderFuzzing.Target(rawValue: name) else {
        FileHandle.standardError.write(Data("DIMING_FUZZ_TARGET must be one of \(ReaderFuzzing.Target.allCases.map(\.rawValue))\n".utf8))
        exit(2)
    }
    return target
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    do {
        try ReaderFuzzing.run(fuzzTarget, Data(bytes: bytes, count: count))
    } catch {
        fatalError("\(fuzzTarget) threw something other than an InputError: \(error)")
    }
    return 0
}

#if FUZZING
typealias FuzzCallback = @convention(c) (UnsafePointer<UInt8>, Int) -> CInt

@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                         _ callback: FuzzCallback) -> CInt

/// SwiftPM links executables with `main` aliased to `<module>_main`; under FUZZING that entry hands
/// control to libFuzzer's driver.
@_cdecl("DimingFuzz_main")
func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return LLVMFuzzerRunDriver(&count, &arguments, fuzzOneInput)
}
#else
@main
struct FuzzReplay {
    static func main() throws {
        let arguments = Array(CommandLine.arguments.dropFirst())
        guard let first = arguments.first, let target = ReaderFuzzing.Target(rawValue: first) else {
            print("usage: diming-fuzz TARGET FILE…  (TARGET: \(ReaderFuzzing.Target.allCases.map(\.rawValue).joined(separator: ", ")))")
            exit(2)
        }
        for file in arguments.dropFirst() {
            let error = try ReaderFuzzing.run(target, try Data(contentsOf: URL(fileURLWithPath: file)))
            print("\(file): \(error.map { "refused: \($0.message)" } ?? "read")")
        }
    }
}
#endif
