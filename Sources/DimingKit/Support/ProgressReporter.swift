/// Where long work reports progress. The CLI passes a terminal reporter when stderr is a TTY and
/// `--json` is off; everything else gets `.silent`.
public struct ProgressReporter: Sendable {
    let onPhase: @Sendable (String) -> Void
    let onStep: @Sendable (Int, Int) -> Void
    let onBytes: @Sendable (Int, Int, Int) -> Void
    let onDone: @Sendable () -> Void

    public init(phase: @escaping @Sendable (String) -> Void, step: @escaping @Sendable (Int, Int) -> Void,
                bytes: @escaping @Sendable (Int, Int, Int) -> Void, done: @escaping @Sendable () -> Void) {
        onPhase = phase
        onStep = step
        onBytes = bytes
        onDone = done
    }

    public static let silent = ProgressReporter(phase: { _ in }, step: { _, _ in }, bytes: { _, _, _ in }, done: {})

    /// Reports reading: bytes read of the total, and records found so far.
    public func bytes(_ read: Int, of total: Int, records: Int) { onBytes(read, total, records) }

    public func phase(_ text: String) { onPhase(text) }

    /// Reports `done` of `total`; callers may call this for every item (the reporter throttles).
    public func step(_ done: Int, of total: Int) { onStep(done, total) }

    public func done() { onDone() }
}
