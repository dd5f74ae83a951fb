// swift-tools-version:6.2
import PackageDescription

let package = Package(
    name: "Diming",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "diming", targets: ["diming"]),
        .library(name: "DimingKit", targets: ["DimingKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", exact: "1.16.2"),
        .package(url: "https://github.com/yaslab/CSV.swift", exact: "2.5.2"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", exact: "0.9.20"),
        .package(url: "https://github.com/apple/swift-crypto", exact: "3.12.3"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", exact: "2.28.1"),
        .package(url: "https://github.com/apple/swift-nio", exact: "2.101.3"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", exact: "2.1.1"),
        // multipart/form-data (photos from phones: sign crews, villagers' POIs), Vapor's parser.
        .package(url: "https://github.com/vapor/multipart-kit", exact: "4.7.1"),
    ],
    targets: [
        // libxml2 through pkg-config; the shim works around Debian's ICU clash (see STACK.md).
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        // zlib, for .osm.gz.
        .systemLibrary(name: "CGzip", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        // libarchive, for KMZ: entries inflated as a stream, bounded by the archive (a truncated entry is an error).
        .systemLibrary(name: "CArchive", pkgConfig: "libarchive", providers: [.apt(["libarchive-dev"])]),
        // uchardet, to recognise a table file's encoding (GB18030 is decoded; Big5 and others are refused).
        .systemLibrary(name: "CUchardet", pkgConfig: "uchardet", providers: [.apt(["libuchardet-dev"])]),
        // GDAL's C API (Debian libgdal-dev): Shapefile, GeoPackage, File Geodatabase; coordinate systems
        // through PROJ. Not linked: libgdal is opened with dlopen at the first GDAL read, since linking it
        // and its ~110 libraries cost every command ~85 ms at start (Sources/CGDAL/include/CGDAL.h).
        .target(name: "CGDAL", linkerSettings: [.linkedLibrary("dl")]),
        // libqrencode, for the QR code on sign faces (the name's public page).
        .systemLibrary(name: "CQREncode", pkgConfig: "libqrencode", providers: [.apt(["libqrencode-dev"])]),
        // OSM PBF through libosmium (Debian libosmium2-dev, header-only C++) behind a small C interface:
        // blocks decoded on libosmium's threads, node locations in its FlexMem index. Optimised in debug too.
        .target(
            name: "COSMPBF",
            cxxSettings: [.unsafeFlags(["-std=c++17", "-O2"])],
            linkerSettings: [.linkedLibrary("z"), .linkedLibrary("pthread"), .linkedLibrary("stdc++")]
        ),
        // Domain types, geometry, coordinate systems, ids: no I/O.
        .target(name: "DimingCore"),
        // Names: parsing (专名/通名), romanisation, the naming rules, suggestions. No I/O.
        .target(name: "Naming", dependencies: ["DimingCore"]),
        // Streaming readers and writers of files: never touch the database.
        .target(
            name: "GeoFormats",
            dependencies: [
                "DimingCore", "CLibXML2", "CGzip", "CArchive", "CUchardet", "CQREncode", "CGDAL", "COSMPBF",
                .product(name: "CSV", package: "CSV.swift"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            // The readers' byte loops are the hot path of every import: optimised in debug builds too,
            // which tests and `make demo` run (a 20 MB GeoJSON reads 5× faster; issue 18's 10 s bound).
            // Release builds check exclusivity at compile time only: the run-time checks on the readers'
            // class properties (swift_beginAccess on every SAX event) were 3 % of an OSM import.
            swiftSettings: [
                .unsafeFlags(["-O"], .when(configuration: .debug)),
                .unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release)),
            ]
        ),
        // Use cases shared by the CLI and the server, and the store ports they own (Ports/).
        .target(
            name: "DimingKit",
            dependencies: [
                "DimingCore", "GeoFormats", "Naming",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
            ],
            exclude: ["README.md"]
        ),
        // The embedded registry: DimingKit's store ports on SQLite through GRDB (migrations, R*Tree,
        // audit log). The only module that imports GRDB.
        .target(
            name: "DimingStore",
            dependencies: ["DimingCore", "DimingKit", .product(name: "GRDB", package: "GRDB.swift"),
                           // SQLite's C API beside GRDB, for the survey's bulk writes (BulkStatement).
                           .product(name: "GRDBSQLite", package: "GRDB.swift")]
        ),
        // The web registry: JSON API, accounts and roles, Chinese web pages (thin over DimingKit).
        .target(
            name: "DimingServer",
            dependencies: [
                "DimingCore", "DimingKit", "GeoFormats", "Naming",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "MultipartKit", package: "multipart-kit"),
                // HMAC for the messages a redirect carries (RedirectMessage).
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // The command-line interface (thin: parse, call DimingKit, format).
        .target(
            name: "DimingCLI",
            dependencies: [
                "DimingCore", "DimingKit", "GeoFormats", "Naming",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The executable is the composition root: it plugs the SQLite store and the web server into the CLI.
        .executableTarget(name: "diming", dependencies: ["DimingCLI", "DimingKit", "DimingServer", "DimingStore"]),
        // libFuzzer harnesses for the readers (Scripts/fuzz.sh builds them with -sanitize=fuzzer into
        // .build-fuzz); a plain build replays files through a reader.
        .executableTarget(name: "DimingFuzz", dependencies: ["GeoFormats"]),

        // Helpers shared by the test targets: the reference data folder, temporary files.
        .target(name: "TestSupport", dependencies: [.product(name: "ZIPFoundation", package: "ZIPFoundation")], path: "Tests/TestSupport"),
        .testTarget(name: "DimingCoreTests", dependencies: ["DimingCore", "TestSupport"]),
        .testTarget(name: "NamingTests", dependencies: ["Naming", "TestSupport"]),
        .testTarget(name: "GeoFormatsTests", dependencies: ["GeoFormats", "TestSupport", .product(name: "ZIPFoundation", package: "ZIPFoundation")]),
        .testTarget(name: "DimingStoreTests", dependencies: ["DimingStore", "DimingKit", "DimingCore", "TestSupport", .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(name: "DimingKitTests", dependencies: ["DimingKit", "DimingStore", "DimingCore", "Naming", .product(name: "Crypto", package: "swift-crypto"), "GeoFormats", "TestSupport", .product(name: "ZIPFoundation", package: "ZIPFoundation")]),
        .testTarget(name: "DimingCLITests", dependencies: ["diming", "TestSupport", .product(name: "ZIPFoundation", package: "ZIPFoundation")]),
        .testTarget(name: "DimingServerTests", dependencies: ["DimingServer", "DimingKit", "DimingStore", "DimingCore", "TestSupport",
                                                           .product(name: "Hummingbird", package: "hummingbird"), .product(name: "HummingbirdTesting", package: "hummingbird")]),
    ]
)
