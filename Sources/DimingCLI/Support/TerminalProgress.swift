import DimingCore
import DimingKit
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Progress on stderr when it is a terminal and `--json` is off; silent otherwise.
enum TerminalProgress {
    static func reporter(json: Bool) -> ProgressReporter {
        guard !json, isatty(STDERR_FILENO) == 1 else { return .silent }
        let state = State()
        return ProgressReporter(
            phase: { text in
                state.phase = text
                state.write("\r\u{1B}[K\(text)…")
            },
            step: { done, total in
                // The phase stays on the line: "surveying 379901 (county 3 of 99, …): writing roads 2000/7525 (26%)".
                let percent = total > 0 ? done * 100 / total : 0
                if state.shouldDraw(percent) { state.write("\r\u{1B}[K\(state.phase.map { $0 + " " } ?? "")\(done)/\(total) (\(percent)%)") }
            },
            bytes: { read, total, records in
                let percent = total > 0 ? read * 100 / total : 0
                guard state.shouldDraw(percent) else { return }
                let filled = percent / 5
                let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: 20 - filled)
                let megabytes = Double(read) / 1_048_576
                let rate = megabytes / max(state.elapsed, 0.001)
                state.write(String(format: "\r\u{1B}[K%@ %.1f/%.1f MB  %d features  %.0f MB/s", bar, megabytes, Double(total) / 1_048_576, records, rate))
            },
            done: { state.write("\r\u{1B}[K") })
    }

    final class State: @unchecked Sendable {
        private let lock = NSLock()
        private var lastPercent = -1
        private var currentPhase: String?
        private let started = Date()

        var elapsed: Double { Date().timeIntervalSince(started) }

        /// The phase being worked on; a new phase draws its steps afresh.
        var phase: String? {
            get { lock.withLock { currentPhase } }
            set { lock.withLock { currentPhase = newValue; lastPercent = -1 } }
        }

        func shouldDraw(_ percent: Int) -> Bool {
            lock.withLock {
                defer { lastPercent = percent }
                return percent != lastPercent
            }
        }

        func write(_ text: String) {
            FileHandle.standardError.write(Data(text.utf8))
        }
    }
}
