import Dispatch
import Foundation

/// Memory bandwidth on `threads` threads, and the bandwidth a simulation needs.
///
/// The bandwidth is a STREAM-style triad `a[i] = b[i] + 3·c[i]` over three arrays well beyond the
/// last-level cache, split into one contiguous slice per worker (each worker first touches its own
/// slice, so pages land on its NUMA node); 24 bytes per element count as moved, the STREAM
/// convention. The best of several passes is reported.
enum MemoryBandwidth {
    /// Bytes per second of the triad on `threads` workers, with arrays of `elements` doubles each.
    static func triadBytesPerSecond(threads: Int, elements: Int, workers: WorkerThreads, passes: Int = 4) -> Double {
        let a = UnsafeMutablePointer<Double>.allocate(capacity: elements)
        let b = UnsafeMutablePointer<Double>.allocate(capacity: elements)
        let c = UnsafeMutablePointer<Double>.allocate(capacity: elements)
        defer {
            a.deallocate()
            b.deallocate()
            c.deallocate()
        }
        let arrays = Arrays(a: a, b: b, c: c)
        let slice = (elements + threads - 1) / threads
        DispatchQueue.concurrentPerform(iterations: threads) { worker in
            workers.setUp(worker: worker)
            for i in arrays.range(worker: worker, slice: slice, count: elements) {
                arrays.a[i] = 0
                arrays.b[i] = 1
                arrays.c[i] = 2
            }
        }
        var best = Double.infinity
        for _ in 0..<passes {
            let started = DispatchTime.now().uptimeNanoseconds
            DispatchQueue.concurrentPerform(iterations: threads) { worker in
                workers.setUp(worker: worker)
                for i in arrays.range(worker: worker, slice: slice, count: elements) {
                    arrays.a[i] = arrays.b[i] + 3 * arrays.c[i]
                }
            }
            best = min(best, Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9)
        }
        return best > 0 ? 24 * Double(elements) / best : 0
    }

    /// Elements per triad array: each array four times the last-level cache, and at least 128 MiB
    /// (a virtual machine may show less cache than the host has: on the development VM, which shows
    /// 32 MiB, arrays of 45 MiB still read 45 GB/s where 400 MiB read 38 GB/s).
    static func elements(lastLevelCacheBytes: Int?) -> Int {
        max(16 << 20, (lastLevelCacheBytes ?? 0) / 2)
    }

    /// The bytes a run must move to and from memory at the least: what the simulation writes per
    /// path and cell (the net value in coin) and per path (terminal index, lowest account, horizon
    /// unit coin, plus four path-state numbers when leverage is searched), 8 bytes each, written
    /// once and read back once by the summaries. The path blocks themselves stay in cache.
    static func bytesPerRun(paths: Int, cells: Int, searchesLeverage: Bool) -> Double {
        let perPath = cells + 3 + (searchesLeverage ? 4 : 0)
        return 2 * 8 * Double(perPath) * Double(paths)
    }

    /// The three arrays, shared read-only as pointers by the workers (each writes its own slice).
    private struct Arrays: @unchecked Sendable {
        let a: UnsafeMutablePointer<Double>
        let b: UnsafeMutablePointer<Double>
        let c: UnsafeMutablePointer<Double>

        func range(worker: Int, slice: Int, count: Int) -> Range<Int> {
            min(count, worker * slice)..<min(count, (worker + 1) * slice)
        }
    }
}
