import Glibc

/// A plain mutual-exclusion lock (a pthread mutex) with `lock` and `unlock`, for state shared
/// between the service's threads. Written here rather than taken from Foundation's `NSLock`: the
/// `fees` binary links FoundationEssentials only, which starts in a fraction of the time.
final class Lock: @unchecked Sendable {
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>

    init() {
        mutex = .allocate(capacity: 1)
        mutex.initialize(to: pthread_mutex_t())
        pthread_mutex_init(mutex, nil)
    }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
    }

    func lock() { pthread_mutex_lock(mutex) }
    func unlock() { pthread_mutex_unlock(mutex) }
}
