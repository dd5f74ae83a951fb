import DimingCore
import DimingKit
import Foundation

/// The registry as the command line uses it: a transaction that finds the registry busy (another
/// writer kept the write lock past the wait) is tried again a few times, saying so on standard
/// error (`registry busy, retrying in 2 s…`), before the command fails with a clear message.
/// Only an attempt that never began is tried again: nothing of it ran, so nothing runs twice.
struct BusyRetry: RegistryStore {
    let base: any RegistryStore
    /// Further attempts after the first (`$DIMING_BUSY_RETRIES`, default 3); the n-th waits n seconds first.
    var retries = ProcessInfo.processInfo.environment["DIMING_BUSY_RETRIES"].flatMap(Int.init).map { max(0, $0) } ?? 3

    var location: String { base.location }
    var sessions: (any SessionStore)? { base.sessions }

    private final class Began: @unchecked Sendable { var value = false }

    /// Runs `attempt` until it succeeds, fails otherwise, or has found the registry busy `retries` more times.
    private func retrying<T>(_ attempt: (Began) throws -> T) throws -> T {
        var tries = 0
        while true {
            let began = Began()
            do {
                return try attempt(began)
            } catch let error as RegistryError {
                guard case let .busy(reason) = error, !began.value else { throw error }
                tries += 1
                guard tries <= retries else {
                    throw RegistryError.busy(reason: "\(reason); gave up after \(tries) attempts: another program holds \(base.location)'s write lock")
                }
                Output.error("registry busy, retrying in \(tries) s…")
                Thread.sleep(forTimeInterval: Double(tries))
            }
        }
    }

    func read<T>(_ body: (any RegistryTransaction) throws -> T) throws -> T {
        try retrying { began in try base.read { began.value = true; return try body($0) } }
    }

    func transaction<T>(_ body: (any RegistryTransaction) throws -> T) throws -> T {
        try retrying { began in try base.transaction { began.value = true; return try body($0) } }
    }

    func transactionIfFree<T>(_ body: (any RegistryTransaction) throws -> T) throws -> T { try base.transactionIfFree(body) }

    func read<T: Sendable>(async body: @escaping @Sendable (any RegistryTransaction) throws -> T) async throws -> T { try await base.read(async: body) }
    func transaction<T: Sendable>(async body: @escaping @Sendable (any RegistryTransaction) throws -> T) async throws -> T {
        try await base.transaction(async: body)
    }
    func changeToken() throws -> Int64 { try base.changeToken() }
    func stageSegments(in directory: String?) throws -> any SegmentStaging { try base.stageSegments(in: directory) }
    func backup(to path: String) throws { try base.backup(to: path) }
    func restore(from path: String) throws { try base.restore(from: path) }
}
