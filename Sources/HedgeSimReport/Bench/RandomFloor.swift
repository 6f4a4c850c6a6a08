import Dispatch
import Foundation
import HedgeSimRandom

/// The kernel's own random-number floor: how fast this host draws only the standard normals a
/// simulation needs — one Box–Muller pair per path and step, the fewest any model draws — with the
/// engine's generator (`CounterRandomSource.fillNormalRows`), in the engine's blocks of 256 paths ×
/// 32 steps, on the same number of threads and with the same pinning as the point it bounds. No
/// simulation can beat it, so `throughput / floor` says how much of the possible speed a point
/// reaches. (Models that draw or transform more per step — the jump model's bridge uniform, GARCH's
/// Student t, a funding sum over several payments per step — have a lower ceiling than this floor.)
enum RandomFloor {
    static let blockPaths = 256
    static let chunkSteps = 32

    /// Path·steps per second of drawing the normals of `steps` steps on `threads` workers: the fastest
    /// of `repeats` passes (a floor is a best case). The rate does not depend on the path count (each
    /// block's normals stay in cache), so a pass draws at most `passPaths(threads:)` paths; short
    /// passes, several of them, make it likelier that one ran undisturbed.
    static func pathStepsPerSecond(paths: Int, steps: Int, threads: Int, workers: WorkerThreads, repeats: Int = 7) -> Double {
        let paths = min(paths, passPaths(threads: threads))
        let blocks = (paths + blockPaths - 1) / blockPaths
        let stride = max(1, min(threads, blocks))
        let source = CounterRandomSource(seed: 0x6265_6E63_6866_6C72)
        var best = Double.infinity
        for _ in 0..<max(1, repeats) {
            let started = DispatchTime.now().uptimeNanoseconds
            DispatchQueue.concurrentPerform(iterations: stride) { worker in
                workers.setUp(worker: worker)
                let size = blockPaths * chunkSteps
                let z1 = UnsafeMutablePointer<Double>.allocate(capacity: size)
                let z2 = UnsafeMutablePointer<Double>.allocate(capacity: size)
                defer {
                    z1.deallocate()
                    z2.deallocate()
                }
                var block = worker
                while block < blocks {
                    let first = block * blockPaths
                    let pathRange = first..<min(paths, first + blockPaths)
                    var step = 0
                    while step < steps {
                        let stepRange = step..<min(steps, step + chunkSteps)
                        source.fillNormalRows(purpose: 0, index: 0, paths: pathRange, steps: stepRange, z1: z1, z2: z2, u3: nil)
                        step += chunkSteps
                    }
                    block += stride
                }
            }
            best = min(best, Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9)
        }
        return best > 0 ? Double(paths) * Double(steps) / best : 0
    }

    /// Paths per pass: 64 blocks per thread, at least 256 blocks (65,536 paths).
    static func passPaths(threads: Int) -> Int { max(256, 64 * threads) * blockPaths }
}
