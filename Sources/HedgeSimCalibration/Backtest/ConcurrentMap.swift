import Dispatch
import Foundation

/// Runs `count` independent jobs on `workers` threads (nil: all cores) and returns their results in
/// index order; each job writes only its own slot, so the result does not depend on scheduling.
func concurrentMap<T: Sendable>(count: Int, workers: Int? = nil, _ job: @Sendable (Int) -> T) -> [T] {
    let slots = Slots<T>(count: count)
    let stride = max(1, min(workers ?? count, count))
    DispatchQueue.concurrentPerform(iterations: stride) { worker in
        var index = worker
        while index < count {
            slots.store(job(index), at: index)
            index += stride
        }
    }
    return slots.values
}

/// Result slots written from several threads, one slot per job; a lock orders the writes.
private final class Slots<T: Sendable>: @unchecked Sendable {
    private var storage: [T?]
    private let lock = NSLock()

    init(count: Int) { storage = Array(repeating: nil, count: count) }

    func store(_ value: T, at index: Int) {
        lock.lock()
        storage[index] = value
        lock.unlock()
    }

    var values: [T] { storage.map { $0! } }
}
