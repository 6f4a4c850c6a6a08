import Foundation
import HedgeSimCore

extension HostTopology {
    /// This machine as this process sees it. On Linux: the CPUs of the process's affinity mask (else all online
    /// ones), their `core_id` and `physical_package_id`, the NUMA nodes holding them, CPU 0's caches,
    /// `MemTotal` and a cgroup v2 `cpu.max`. Where a file is missing the fact falls back to
    /// `ProcessInfo` (physical = logical cores, one socket, one node, caches unknown).
    public static func inspect() -> HostTopology {
        inspect(files: SystemFiles(), allowedCPUs: ThreadAffinity.processCPUs())
    }

    static func inspect(files: SystemFiles, allowedCPUs: [Int]?) -> HostTopology {
        let cpuinfo = files.text("/proc/cpuinfo") ?? ""
        let model = SystemFiles.field("model name", in: cpuinfo) ?? SystemFiles.field("Model", in: cpuinfo)
            ?? SystemFiles.field("Processor", in: cpuinfo) ?? "unknown CPU"
        let cpus = allowedCPUs ?? files.line("/sys/devices/system/cpu/online").flatMap(CPUList.parse)
            ?? Array(0..<ProcessInfo.processInfo.activeProcessorCount)
        // Physical cores: CPUs grouped by (package, core id); without topology files each CPU is a core.
        var cores: [Int: [Int: [Int]]] = [:]
        var hasTopology = false
        for cpu in cpus {
            let folder = "/sys/devices/system/cpu/cpu\(cpu)/topology/"
            let core = files.integer(folder + "core_id")
            let package = files.integer(folder + "physical_package_id")
            if core != nil { hasTopology = true }
            cores[package ?? 0, default: [:]][core ?? cpu, default: []].append(cpu)
        }
        var coreCPUs: [[Int]] = []
        for package in cores.keys.sorted() {
            for core in cores[package]!.keys.sorted() { coreCPUs.append(cores[package]![core]!.sorted()) }
        }
        let allowed = Set(cpus)
        let nodes = files.names(in: "/sys/devices/system/node").filter { $0.hasPrefix("node") && Int($0.dropFirst(4)) != nil }
            .filter { node in
                guard let list = files.line("/sys/devices/system/node/\(node)/cpulist").flatMap(CPUList.parse) else { return false }
                return !allowed.isDisjoint(with: list)
            }
        return HostTopology(
            hostName: ProcessInfo.processInfo.hostName, cpuModel: model, logicalCores: cpus.count,
            physicalCores: coreCPUs.count, sockets: max(1, cores.count), numaNodes: max(1, nodes.count),
            caches: caches(files: files, cpu: cpus.first ?? 0), memoryBytes: memoryBytes(files: files),
            cpuQuotaCores: quota(files: files), vectorLevel: EngineInfo.vectorLevel, blas: EngineInfo.blas,
            coreCPUs: coreCPUs, source: hasTopology ? "/proc and /sys" : "ProcessInfo (no topology: physical cores = logical CPUs)")
    }

    /// `cpuN/cache/index*`: level, type, size ("48K", "32768K", "1M") and how many CPUs share it.
    private static func caches(files: SystemFiles, cpu: Int) -> [Cache] {
        let folder = "/sys/devices/system/cpu/cpu\(cpu)/cache"
        return files.names(in: folder).filter { $0.hasPrefix("index") }.sorted().compactMap { index in
            let path = folder + "/" + index + "/"
            guard let level = files.integer(path + "level"), let type = files.line(path + "type"),
                let sizeText = files.line(path + "size"), let size = sizeBytes(sizeText)
            else { return nil }
            let shared = files.line(path + "shared_cpu_list").flatMap(CPUList.parse)?.count ?? 1
            return Cache(level: level, type: type, sizeBytes: size, sharedByCPUs: max(1, shared))
        }.sorted { ($0.level, $0.type) < ($1.level, $1.type) }
    }

    /// "48K" → 49152; a bare number is bytes.
    static func sizeBytes(_ text: String) -> Int? {
        let scales: [Character: Int] = ["K": 1 << 10, "M": 1 << 20, "G": 1 << 30]
        if let last = text.last, let scale = scales[last] { return Int(text.dropLast()).map { $0 * scale } }
        return Int(text)
    }

    private static func memoryBytes(files: SystemFiles) -> Int? {
        guard let text = files.text("/proc/meminfo"), let value = SystemFiles.field("MemTotal", in: text),
            let kib = Int(value.split(separator: " ").first ?? "")
        else { return ProcessInfo.processInfo.physicalMemory > 0 ? Int(ProcessInfo.processInfo.physicalMemory) : nil }
        return kib * 1024
    }

    /// cgroup v2 `cpu.max` ("quota period", or "max period" for no limit) as cores.
    private static func quota(files: SystemFiles) -> Double? {
        guard let fields = files.line("/sys/fs/cgroup/cpu.max")?.split(separator: " "), fields.count == 2,
            let quota = Double(fields[0]), let period = Double(fields[1]), period > 0
        else { return nil }
        return quota / period
    }
}
