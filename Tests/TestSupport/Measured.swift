import Foundation

/// Runs a program as a child and measures it: exit status, wall time and peak resident memory of
/// that child alone (`wait4`, through python3), killing it after `timeout` seconds.
public enum Measured {
    public struct Result: Decodable {
        /// The exit status, or minus the signal that ended it (-9 when the timeout killed it).
        public var status: Int
        public var seconds: Double
        /// Peak resident memory in kilobytes.
        public var maxRSSKB: Int
        public var stdout: String
        public var stderr: String

        public var peakMB: Double { Double(maxRSSKB) / 1024 }
    }

    static let script = """
        import os, sys, time, json, subprocess, tempfile
        limit = float(sys.argv[1]); out = tempfile.TemporaryFile(); err = tempfile.TemporaryFile()
        env = dict(os.environ); env.pop('DIMING_DB', None)
        start = time.time()
        p = subprocess.Popen(sys.argv[2:], stdout=out, stderr=err, stdin=subprocess.DEVNULL, env=env)
        while True:
            pid, status, usage = os.wait4(p.pid, os.WNOHANG)
            if pid: break
            if time.time() - start > limit: p.kill()
            time.sleep(0.02)
        seconds = time.time() - start
        code = os.WEXITSTATUS(status) if os.WIFEXITED(status) else -os.WTERMSIG(status)
        out.seek(0); err.seek(0)
        print(json.dumps({'status': code, 'seconds': seconds, 'maxRSSKB': usage.ru_maxrss,
                          'stdout': out.read()[:20000].decode('utf-8', 'replace'), 'stderr': err.read()[:20000].decode('utf-8', 'replace')}))
        """

    /// Runs `executable` with `arguments`; a run longer than `timeout` seconds is killed.
    public static func run(_ executable: String, _ arguments: [String], timeout: Double = 60) throws -> Result {
        let result = try Tool.python(["-c", script, String(timeout), executable] + arguments)
        return try JSONDecoder().decode(Result.self, from: Data(result.output.utf8))
    }
}
