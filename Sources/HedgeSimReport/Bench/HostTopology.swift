import Foundation

/// The machine a benchmark ran on, as far as this process can use it: CPU model, physical cores
/// against logical CPUs (SMT siblings), sockets and NUMA nodes, caches, memory, the kernel's vector
/// level and the BLAS build. Read from `/proc` and `/sys` on Linux (`HostTopology+Linux.swift`);
/// elsewhere only the counts `ProcessInfo` knows, with physical cores taken equal to logical ones.
public struct HostTopology: Codable, Sendable, Equatable {
    /// One cache level as CPU 0 sees it.
    public struct Cache: Codable, Sendable, Equatable {
        public var level: Int
        /// "Data", "Instruction" or "Unified".
        public var type: String
        public var sizeBytes: Int
        /// How many logical CPUs share it.
        public var sharedByCPUs: Int

        public init(level: Int, type: String, sizeBytes: Int, sharedByCPUs: Int) {
            self.level = level
            self.type = type
            self.sizeBytes = sizeBytes
            self.sharedByCPUs = sharedByCPUs
        }

        /// "L1d", "L1i", "L2", "L3".
        public var name: String {
            "L\(level)" + (type == "Data" ? "d" : type == "Instruction" ? "i" : "")
        }
    }

    public var hostName: String
    public var cpuModel: String
    /// Logical CPUs this process may run on (its affinity mask).
    public var logicalCores: Int
    /// Distinct physical cores among them.
    public var physicalCores: Int
    public var sockets: Int
    public var numaNodes: Int
    public var caches: [Cache]
    /// Installed memory (`MemTotal`), bytes; nil where unknown.
    public var memoryBytes: Int?
    /// A cgroup CPU limit in cores (`cpu.max`), which caps the usable cores below `logicalCores`.
    public var cpuQuotaCores: Double?
    /// The kernel build in use: "avx512", "avx2" or "scalar".
    public var vectorLevel: String
    /// BLAS build and core, e.g. "OpenBLAS 0.3.21 … (core Haswell)".
    public var blas: String
    /// The usable logical CPUs by physical core, cores ordered by (socket, core id): `coreCPUs[c]` lists
    /// core `c`'s siblings, ascending.
    public var coreCPUs: [[Int]]
    /// Where the facts came from: "/proc and /sys", or "ProcessInfo (no topology)".
    public var source: String

    public init(
        hostName: String, cpuModel: String, logicalCores: Int, physicalCores: Int, sockets: Int, numaNodes: Int,
        caches: [Cache], memoryBytes: Int?, cpuQuotaCores: Double?, vectorLevel: String, blas: String,
        coreCPUs: [[Int]], source: String
    ) {
        self.hostName = hostName
        self.cpuModel = cpuModel
        self.logicalCores = logicalCores
        self.physicalCores = physicalCores
        self.sockets = sockets
        self.numaNodes = numaNodes
        self.caches = caches
        self.memoryBytes = memoryBytes
        self.cpuQuotaCores = cpuQuotaCores
        self.vectorLevel = vectorLevel
        self.blas = blas
        self.coreCPUs = coreCPUs
        self.source = source
    }

    /// Whether some physical core offers more than one logical CPU to this process.
    public var hasSMT: Bool { logicalCores > physicalCores }

    /// The largest cache (the last level), bytes; nil where unknown.
    public var lastLevelCacheBytes: Int? {
        caches.filter { $0.type != "Instruction" }.max { $0.level < $1.level }?.sizeBytes
    }

    /// How `threads` workers sit on this machine.
    public func placement(threads: Int) -> ScalingReport.Placement {
        threads <= physicalCores ? .cores : threads <= logicalCores ? .smtSiblings : .oversubscribed
    }

    /// The logical CPU for worker `worker` when pinned: the first sibling of each physical core in
    /// turn, then each core's second sibling, and so on; past the logical CPUs it starts over.
    public func pinnedCPU(worker: Int) -> Int {
        let depth = coreCPUs.map(\.count).max() ?? 1
        var order: [Int] = []
        for sibling in 0..<depth {
            for core in coreCPUs where sibling < core.count { order.append(core[sibling]) }
        }
        guard !order.isEmpty else { return worker }
        return order[worker % order.count]
    }

    /// The thread counts to measure: 1, 2, 4, … below `top`, then `top`; the physical-core count and
    /// (for SMT) the logical count are added where they lie below `top`, so the last point on the cores
    /// and the first on their siblings are always measured. `top` defaults to the logical cores.
    public func threadCounts(upTo top: Int? = nil) -> [Int] {
        let top = max(1, top ?? logicalCores)
        var counts = Set([top])
        var threads = 1
        while threads < top {
            counts.insert(threads)
            threads *= 2
        }
        for boundary in [physicalCores, logicalCores] where boundary < top { counts.insert(boundary) }
        return counts.sorted()
    }

    /// One line per fact, for the table and the page.
    public var summary: [String] {
        let sizes = caches.map { "\($0.name) \(HostTopology.bytes($0.sizeBytes))" + ($0.sharedByCPUs > 1 ? " (shared by \($0.sharedByCPUs))" : "") }
        let smt = hasSMT ? "SMT: \(logicalCores - physicalCores) sibling CPUs" : "no SMT siblings"
        var cpu = "\(cpuModel) · \(sockets) socket\(sockets == 1 ? "" : "s") · \(numaNodes) NUMA node\(numaNodes == 1 ? "" : "s")"
            + " · \(physicalCores) physical cores · \(logicalCores) logical CPUs (\(smt))"
        if let cpuQuotaCores { cpu += " · cgroup limit \(String(format: "%.2g", cpuQuotaCores)) cores" }
        var memory = caches.isEmpty ? "caches unknown" : sizes.joined(separator: " · ")
        if let memoryBytes { memory += " · memory \(HostTopology.bytes(memoryBytes))" }
        return [
            "Host \(hostName): \(cpu)",
            "Caches: \(memory)",
            "Kernel: vector math \(vectorLevel) · BLAS \(blas)",
        ]
    }

    /// Bytes in binary units: "48 KiB", "1 MiB", "23.5 GiB".
    static func bytes(_ value: Int) -> String {
        let units = ["B", "KiB", "MiB", "GiB", "TiB"]
        var size = Double(value)
        var unit = 0
        while size >= 1024 && unit < units.count - 1 {
            size /= 1024
            unit += 1
        }
        return (size == size.rounded() ? String(format: "%.0f", size) : String(format: "%.1f", size)) + " " + units[unit]
    }
}
