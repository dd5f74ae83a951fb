import Foundation

/// A thread of its own for work that runs beside the caller's (独立线程): a file's parse while the
/// features are made, a read ahead of a parse, a survey's pure work while the store writes. Started
/// with POSIX threads, so that a thread that cannot be made (process limits, no memory for its
/// stack) is known at once and the caller does the work itself instead of waiting for ever
/// (Foundation's `Thread.start()` reports no failure).
public enum DetachedThread {
    private final class Body {
        let work: () -> Void
        init(_ work: @escaping () -> Void) { self.work = work }
    }

    /// Runs `work` on a new detached thread with a stack of `stackSize` bytes; false if none could be made.
    public static func start(stackSize: Int = 8 << 20, _ work: @escaping @Sendable () -> Void) -> Bool {
        var attributes = pthread_attr_t()
        guard pthread_attr_init(&attributes) == 0 else { return false }
        defer { pthread_attr_destroy(&attributes) }
        _ = pthread_attr_setstacksize(&attributes, stackSize)
        _ = pthread_attr_setdetachstate(&attributes, Int32(PTHREAD_CREATE_DETACHED))
        let body = Unmanaged.passRetained(Body(work))
        var thread = pthread_t()
        let code = pthread_create(&thread, &attributes, { raw in
            Unmanaged<Body>.fromOpaque(raw!).takeRetainedValue().work()
            return nil
        }, body.toOpaque())
        guard code == 0 else {
            body.release()
            return false
        }
        return true
    }
}
