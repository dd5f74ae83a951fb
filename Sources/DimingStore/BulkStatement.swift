import Foundation
import GRDB
import GRDBSQLite

/// A prepared statement run many times in one transaction with values bound straight through
/// SQLite's C API (批量写入): no `StatementArguments` array, no cursor object per row. GRDB's own
/// binding costs a few microseconds a row, which the survey's tens of thousands of road, member and
/// R*Tree rows paid several times over; SQLite's errors still arrive as `DatabaseError`.
///
/// Use it only inside a GRDB transaction, for statements whose rows no GRDB observer needs to see
/// (the registry registers none); `changeCount` still counts them (SQLite's total changes).
struct BulkStatement {
    let db: Database
    let statement: Statement
    private var handle: SQLiteStatement { statement.sqliteStatement }

    init(_ db: Database, sql: String) throws {
        self.db = db
        statement = try db.makeStatement(sql: sql)
    }

    /// SQLite copies the value before the call returns (`SQLITE_TRANSIENT`).
    private static var transient: sqlite3_destructor_type { unsafeBitCast(-1, to: sqlite3_destructor_type.self) }

    func bind(_ index: Int32, _ value: String) throws {
        var value = value
        let code = value.withUTF8 { bytes -> Int32 in
            guard let base = bytes.baseAddress, !bytes.isEmpty else { return sqlite3_bind_text(handle, index, "", 0, Self.transient) }
            return sqlite3_bind_text(handle, index, UnsafeRawPointer(base).assumingMemoryBound(to: CChar.self), Int32(bytes.count), Self.transient)
        }
        try check(code)
    }

    func bind(_ index: Int32, _ value: String?) throws {
        if let value { try bind(index, value) } else { try bindNull(index) }
    }

    func bind(_ index: Int32, _ value: Int64) throws { try check(sqlite3_bind_int64(handle, index, value)) }
    func bind(_ index: Int32, _ value: Int) throws { try bind(index, Int64(value)) }
    func bind(_ index: Int32, _ value: Bool) throws { try bind(index, Int64(value ? 1 : 0)) }
    func bind(_ index: Int32, _ value: Double) throws { try check(sqlite3_bind_double(handle, index, value)) }

    func bind(_ index: Int32, _ value: Data) throws {
        // An empty blob is bound as a zero-length blob, not NULL (as GRDB does).
        let code = value.withUnsafeBytes { bytes -> Int32 in
            guard let base = bytes.baseAddress, !bytes.isEmpty else { return sqlite3_bind_zeroblob(handle, index, 0) }
            return sqlite3_bind_blob(handle, index, base, Int32(bytes.count), Self.transient)
        }
        try check(code)
    }

    /// UTF-8 text or a blob that SQLite reads in place (`SQLITE_STATIC`, no copy). SQLite may read a
    /// static value until it is bound again or the statement is finalized: it is safe when the bytes
    /// outlive the row's ``run()`` and every such value is bound again before each run, as a staged
    /// row's are (bound column by column from its batch), and nothing reads the statement in between.
    func bind(_ index: Int32, staticText bytes: UnsafeRawBufferPointer) throws {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return try check(sqlite3_bind_text(handle, index, "", 0, Self.transient)) }
        try check(sqlite3_bind_text(handle, index, base.assumingMemoryBound(to: CChar.self), Int32(bytes.count), nil))
    }

    /// See ``bind(_:staticText:)``.
    func bind(_ index: Int32, staticBlob bytes: UnsafeRawBufferPointer) throws {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return try check(sqlite3_bind_zeroblob(handle, index, 0)) }
        try check(sqlite3_bind_blob(handle, index, base, Int32(bytes.count), nil))
    }


    func bind(_ index: Int32, _ value: Int64?) throws {
        if let value { try bind(index, value) } else { try bindNull(index) }
    }

    func bind(_ index: Int32, _ value: Double?) throws {
        if let value { try bind(index, value) } else { try bindNull(index) }
    }

    func bind(_ index: Int32, _ value: Data?) throws {
        if let value { try bind(index, value) } else { try bindNull(index) }
    }

    private func bindNull(_ index: Int32) throws { try check(sqlite3_bind_null(handle, index)) }

    /// Runs the statement with the values bound so far, then resets it for the next row.
    func run() throws {
        let code = sqlite3_step(handle)
        guard code == SQLITE_DONE || code == SQLITE_ROW else {
            let failure = error(code)
            sqlite3_reset(handle)
            throw failure
        }
        sqlite3_reset(handle)
    }

    /// The rowid the last insert made (on this connection).
    var lastInsertedRowID: Int64 { db.lastInsertedRowID }

    private func check(_ code: Int32) throws {
        guard code == SQLITE_OK else { throw error(code) }
    }

    private func error(_ code: Int32) -> DatabaseError {
        let message = db.sqliteConnection.flatMap { sqlite3_errmsg($0) }.map { String(cString: $0) }
        let extended = db.sqliteConnection.map { sqlite3_extended_errcode($0) } ?? code
        return DatabaseError(resultCode: ResultCode(rawValue: extended), message: message, sql: statement.sql)
    }
}
