import Dispatch

/// Runs `count` independent jobs on up to `workers` threads and returns their results in index
/// order. Each job writes only its own slot, so the result does not depend on scheduling. A job
/// receives its index and the number of the worker running it (`0 ..< workers`), for per-worker
/// scratch memory.
func parallelMap<T>(count: Int, workers: Int, _ job: (_ index: Int, _ worker: Int) -> T) -> [T] {
    let slots = ResultSlots<T>(count: count)
    let stride = max(1, min(workers, count))
    withoutActuallyEscaping(job) { job in
        let box = JobBox(job: job)
        DispatchQueue.concurrentPerform(iterations: stride) { worker in
            var index = worker
            while index < count {
                slots.store(box.job(index, worker), at: index)
                index += stride
            }
        }
    }
    return slots.values()
}

/// Disjoint result slots written from several threads; `@unchecked Sendable` because every index is
/// written by exactly one job.
private final class ResultSlots<T>: @unchecked Sendable {
    private let storage: UnsafeMutablePointer<T?>
    private let count: Int

    init(count: Int) {
        self.count = count
        storage = .allocate(capacity: max(1, count))
        storage.initialize(repeating: nil, count: max(1, count))
    }

    deinit {
        storage.deinitialize(count: max(1, count))
        storage.deallocate()
    }

    func store(_ value: T, at index: Int) { storage[index] = value }

    func values() -> [T] { (0..<count).map { storage[$0]! } }
}

/// Carries a non-escaping job into the `@Sendable` worker closure; the job only reads shared state.
private struct JobBox<T>: @unchecked Sendable {
    let job: (Int, Int) -> T
}
