import Foundation

/// The bench's hook into the simulation's workers (`HedgeSimulation.run(…, workerSetup:)`): each
/// worker, on its own thread and before its first block, records the thread's id (so that the noise
/// probe knows which threads did the work) and, when pinning, binds the thread to its own CPU
/// (`HostTopology.pinnedCPU(worker:)`: one per physical core first); `release` undoes that after the
/// run. Unpinned, it gives the thread every usable CPU, in case a binding survived.
final class WorkerThreads: @unchecked Sendable {
    /// The CPU of each worker when pinned, nil when not.
    private let cpuOfWorker: (@Sendable (Int) -> Int)?
    private let allCPUs: [Int]?
    private let lock = NSLock()
    private var threads = Set<Int32>()
    private var bound: [Int: [Int]] = [:]
    /// Every thread bound to a single CPU so far, until `release`.
    private var pinnedThreads = Set<Int32>()

    /// Workers for `topology`; unpinned ones may use all of its CPUs.
    init(topology: HostTopology, pinned: Bool) {
        if pinned {
            cpuOfWorker = { worker in topology.pinnedCPU(worker: worker) }
        } else {
            cpuOfWorker = nil
        }
        let usable = topology.coreCPUs.flatMap { $0 }.sorted()
        allCPUs = usable.isEmpty ? nil : usable
    }

    /// The hook: runs on worker `worker`'s thread.
    func setUp(worker: Int) {
        if let cpuOfWorker {
            ThreadAffinity.bindCurrentThread(to: [cpuOfWorker(worker)])
        } else if let allCPUs {
            ThreadAffinity.bindCurrentThread(to: allCPUs)
        }
        let thread = ThreadAffinity.currentThreadID()
        let cpus = ThreadAffinity.allowedCPUs()
        lock.lock()
        if let thread {
            threads.insert(thread)
            if cpuOfWorker != nil { pinnedThreads.insert(thread) }
        }
        if let cpus { bound[worker] = cpus }
        lock.unlock()
    }

    /// Gives every thread pinned so far all usable CPUs back: libdispatch keeps its worker threads
    /// (and `concurrentPerform` runs worker 0 on the caller), so a binding would otherwise outlive the
    /// run and slow down whatever runs on that thread next.
    func release() {
        lock.lock()
        let pinned = pinnedThreads
        pinnedThreads.removeAll()
        lock.unlock()
        guard let allCPUs else { return }
        for thread in pinned { ThreadAffinity.bind(thread: thread, to: allCPUs) }
    }

    /// Starts a new run: forgets the threads recorded so far.
    func reset() {
        lock.lock()
        threads.removeAll()
        bound.removeAll()
        lock.unlock()
    }

    /// The threads that ran workers since the last `reset`.
    var workingThreads: Set<Int32> {
        lock.lock()
        defer { lock.unlock() }
        return threads
    }

    /// The CPUs each worker's thread was allowed after its set-up, by worker index.
    var workerCPUs: [Int: [Int]] {
        lock.lock()
        defer { lock.unlock() }
        return bound
    }

    /// Whether the workers are pinned.
    var pins: Bool { cpuOfWorker != nil }
}
