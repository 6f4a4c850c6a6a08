import Foundation

#if os(Linux)
import Glibc
#endif

/// Which CPUs a thread may run on (Linux affinity), and the calling thread's kernel id.
///
/// Swift's Glibc module is built without `_GNU_SOURCE`, so `sched_getaffinity`, `sched_setaffinity`
/// and `gettid` are not visible to Swift; they are looked up by name in the C library once. For the
/// calling thread (`pid` 0), or a thread id, the two affinity calls act on that thread alone, which is
/// how `pthread_setaffinity_np` is built. Elsewhere every call reports "not available" and nothing is
/// pinned.
enum ThreadAffinity {
    /// Room for 1024 CPUs, the size of glibc's `cpu_set_t`.
    static let maskWords = 16

    /// Whether threads can be bound to CPUs here.
    static var isAvailable: Bool {
        #if os(Linux)
        Calls.shared != nil
        #else
        false
        #endif
    }

    /// The CPUs the calling thread may run on, ascending; nil where unknown.
    static func allowedCPUs() -> [Int]? { allowedCPUs(thread: 0) }

    /// The CPUs of the process's main thread, which started with the mask the process was given
    /// (`taskset`, a container, a batch scheduler); other threads may have been pinned since.
    static func processCPUs() -> [Int]? { allowedCPUs(thread: Int32(getpid())) }

    /// The CPUs thread `thread` (a kernel thread id; 0 for the calling thread) may run on.
    static func allowedCPUs(thread: Int32) -> [Int]? {
        #if os(Linux)
        guard let calls = Calls.shared else { return nil }
        var mask = [UInt64](repeating: 0, count: maskWords)
        let status = mask.withUnsafeMutableBytes { calls.getAffinity(pid_t(thread), $0.count, $0.baseAddress) }
        guard status == 0 else { return nil }
        return cpus(in: mask)
        #else
        return nil
        #endif
    }

    /// Lets the calling thread run only on `cpus`; false when refused or not available.
    @discardableResult
    static func bindCurrentThread(to cpus: [Int]) -> Bool { bind(thread: 0, to: cpus) }

    /// Lets thread `thread` (a kernel thread id of this process; 0 for the calling thread) run only on
    /// `cpus`; false when refused (the thread may have ended) or not available.
    @discardableResult
    static func bind(thread: Int32, to cpus: [Int]) -> Bool {
        #if os(Linux)
        guard let calls = Calls.shared, !cpus.isEmpty, cpus.allSatisfy({ (0..<(maskWords * 64)).contains($0) }) else {
            return false
        }
        var mask = [UInt64](repeating: 0, count: maskWords)
        for cpu in cpus { mask[cpu / 64] |= 1 << UInt64(cpu % 64) }
        return mask.withUnsafeMutableBytes { calls.setAffinity(pid_t(thread), $0.count, $0.baseAddress) } == 0
        #else
        return false
        #endif
    }

    /// The kernel's id of the calling thread (its folder under `/proc/self/task`); nil elsewhere.
    static func currentThreadID() -> Int32? {
        #if os(Linux)
        Calls.shared.map { Int32($0.threadID()) }
        #else
        nil
        #endif
    }

    /// The set bits of an affinity mask.
    static func cpus(in mask: [UInt64]) -> [Int] {
        var cpus: [Int] = []
        for (word, bits) in mask.enumerated() where bits != 0 {
            for bit in 0..<64 where bits & (1 << UInt64(bit)) != 0 { cpus.append(word * 64 + bit) }
        }
        return cpus
    }

    #if os(Linux)
    /// The C library's GNU calls, found once by name.
    private struct Calls: @unchecked Sendable {
        typealias Affinity = @convention(c) (pid_t, Int, UnsafeMutableRawPointer?) -> Int32
        typealias ThreadID = @convention(c) () -> pid_t

        let getAffinity: Affinity
        let setAffinity: Affinity
        let threadID: ThreadID

        static let shared: Calls? = {
            guard let library = dlopen(nil, RTLD_NOW), let get = dlsym(library, "sched_getaffinity"),
                let set = dlsym(library, "sched_setaffinity"), let tid = dlsym(library, "gettid")
            else { return nil }
            return Calls(
                getAffinity: unsafeBitCast(get, to: Affinity.self), setAffinity: unsafeBitCast(set, to: Affinity.self),
                threadID: unsafeBitCast(tid, to: ThreadID.self))
        }()
    }
    #endif
}
