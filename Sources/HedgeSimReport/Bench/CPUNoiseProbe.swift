import Dispatch
import Foundation

#if os(Linux)
import Glibc
#endif

/// Measures how much CPU time others took from the CPUs this process may use while one run was
/// measured: the busy time of those CPUs in `/proc/stat` (user, nice, system, irq, softirq and the
/// hypervisor's steal) minus the time of the threads doing the measured work.
///
/// "Own" time is this process's CPU time (`getrusage`) less that of its threads that are not doing
/// the work (the calling thread and the simulation workers the bench's hook recorded), read per
/// thread from `/proc/self/task/*/schedstat`. So a busy thread inside this process counts as noise
/// just like another process. The result is a fraction of the capacity `wall time × usable CPUs`;
/// `/proc/stat` counts in clock ticks (usually 10 ms), so a run of 0.2 s on 2 CPUs resolves about
/// 2.5 %.
struct CPUNoiseProbe: Sendable {
    /// A reading of every counter at one moment.
    struct Snapshot: Sendable {
        var wallNanoseconds: UInt64
        var busyTicks: UInt64
        var processCPUSeconds: Double
        var threadCPUSeconds: [Int32: Double]
    }

    let cpus: [Int]
    let ticksPerSecond: Double
    let files: SystemFiles

    /// A probe for `cpus`, or nil where `/proc/stat` cannot be read (not Linux).
    init?(cpus: [Int], files: SystemFiles = SystemFiles()) {
        #if os(Linux)
        let ticks = Double(sysconf(Int32(_SC_CLK_TCK)))
        #else
        let ticks = 0.0
        #endif
        guard ticks > 0, !cpus.isEmpty, files.text("/proc/stat") != nil else { return nil }
        self.cpus = cpus
        ticksPerSecond = ticks
        self.files = files
    }

    func snapshot() -> Snapshot {
        let process = CPUNoiseProbe.processCPUSeconds()
        let threads = threadCPUSeconds()
        let busy = busyTicks()
        return Snapshot(
            wallNanoseconds: DispatchTime.now().uptimeNanoseconds, busyTicks: busy, processCPUSeconds: process,
            threadCPUSeconds: threads)
    }

    /// The noise between `start` and `end`, where the threads `working` did the measured work.
    func reading(from start: Snapshot, to end: Snapshot, working: Set<Int32>) -> NoiseReading {
        let wall = Double(end.wallNanoseconds &- start.wallNanoseconds) / 1e9
        var foreign = 0.0
        for (thread, seconds) in end.threadCPUSeconds where !working.contains(thread) {
            foreign += max(0, seconds - (start.threadCPUSeconds[thread] ?? 0))
        }
        let own = max(0, end.processCPUSeconds - start.processCPUSeconds - foreign)
        let busy = Double(end.busyTicks &- start.busyTicks) / ticksPerSecond
        let capacity = wall * Double(cpus.count)
        let others = max(0, busy - own)
        return NoiseReading(
            wallSeconds: wall, othersCPUSeconds: others, capacitySeconds: capacity,
            fraction: capacity > 0 ? min(1, others / capacity) : 0)
    }

    /// Busy ticks of the probe's CPUs: `cpuN user nice system idle iowait irq softirq steal …`
    /// without idle and iowait (guest time is already inside user).
    func busyTicks() -> UInt64 {
        guard let text = files.text("/proc/stat") else { return 0 }
        let wanted = Set(cpus)
        var total: UInt64 = 0
        for line in text.split(separator: "\n") where line.hasPrefix("cpu") {
            let fields = line.split(separator: " ")
            guard let cpu = Int(fields[0].dropFirst(3)), wanted.contains(cpu) else { continue }
            let values = fields.dropFirst().map { UInt64($0) ?? 0 }
            for index in [0, 1, 2, 5, 6, 7] where index < values.count { total += values[index] }
        }
        return total
    }

    /// CPU seconds of each live thread of this process: `schedstat` (nanoseconds on the CPU) where
    /// the kernel keeps it, else `utime + stime` of the thread's `stat` in ticks.
    func threadCPUSeconds() -> [Int32: Double] {
        var times: [Int32: Double] = [:]
        for name in files.names(in: "/proc/self/task") {
            guard let thread = Int32(name) else { continue }
            let folder = "/proc/self/task/\(name)/"
            if let field = files.line(folder + "schedstat")?.split(separator: " ").first, let nanoseconds = Double(field) {
                times[thread] = nanoseconds / 1e9
            } else if let stat = files.line(folder + "stat"), let close = stat.lastIndex(of: ")") {
                // Fields after the command name: state is field 3, utime 14 and stime 15.
                let fields = stat[stat.index(after: close)...].split(separator: " ")
                if fields.count > 12, let user = Double(fields[11]), let system = Double(fields[12]) {
                    times[thread] = (user + system) / ticksPerSecond
                }
            }
        }
        return times
    }

    /// User and system CPU time of the whole process (every thread, live or finished).
    static func processCPUSeconds() -> Double {
        var usage = rusage()
        #if os(Linux)
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        #else
        getrusage(RUSAGE_SELF, &usage)
        #endif
        func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }
}

/// The CPU time others used during one measured run.
public struct NoiseReading: Codable, Sendable, Equatable {
    public var wallSeconds: Double
    /// CPU seconds others took on the usable CPUs.
    public var othersCPUSeconds: Double
    /// `wallSeconds × usable CPUs`.
    public var capacitySeconds: Double
    /// `othersCPUSeconds / capacitySeconds`, in [0, 1].
    public var fraction: Double
}

/// The clock frequency of the usable CPUs where the system shows it: `cpufreq/scaling_cur_freq`
/// (kHz, the current frequency), else the `cpu MHz` lines of `/proc/cpuinfo` (on virtual machines
/// often the nominal frequency, not the current one).
enum CPUFrequency {
    /// Mean MHz over `cpus`; nil where unreadable.
    static func meanMHz(cpus: [Int], files: SystemFiles = SystemFiles()) -> Double? {
        let scaling = cpus.compactMap { files.integer("/sys/devices/system/cpu/cpu\($0)/cpufreq/scaling_cur_freq") }
        if !scaling.isEmpty { return Double(scaling.reduce(0, +)) / Double(scaling.count) / 1000 }
        guard let text = files.text("/proc/cpuinfo") else { return nil }
        let wanted = Set(cpus)
        var processor: Int?
        var values: [Double] = []
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2 else { continue }
            if parts[0] == "processor" { processor = Int(parts[1]) }
            if parts[0] == "cpu MHz", let processor, wanted.contains(processor), let mhz = Double(parts[1]) { values.append(mhz) }
        }
        return values.isEmpty ? nil : values.reduce(0, +) / Double(values.count)
    }
}
