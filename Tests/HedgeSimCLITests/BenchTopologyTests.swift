import Foundation
import Testing
@testable import HedgeSimReport

/// Reading the machine from /proc and /sys (a made-up tree here) and parsing the kernel's lists.
@Suite struct BenchTopologyTests {
    @Test func cpuListsParse() {
        #expect(CPUList.parse("0-3,8,10-11\n") == [0, 1, 2, 3, 8, 10, 11])
        #expect(CPUList.parse("5") == [5])
        #expect(CPUList.parse("") == [])
        #expect(CPUList.parse("3-1") == nil && CPUList.parse("a") == nil)
        #expect(HostTopology.sizeBytes("48K") == 48 * 1024 && HostTopology.sizeBytes("1M") == 1 << 20)
        #expect(HostTopology.bytes(32 << 20) == "32 MiB" && HostTopology.bytes(24_683_772 * 1024) == "23.5 GiB")
    }

    /// Two sockets × two cores × two SMT threads, two NUMA nodes, one CPU left out of the mask.
    @Test func readsSocketsCoresSiblingsNodesAndCaches() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        func write(_ text: String, _ path: String) throws {
            let file = scratch.url.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: file, atomically: true, encoding: .utf8)
        }
        try write("processor\t: 0\nmodel name\t: Fixture Xeon 9000\ncpu MHz\t\t: 2100.5\n\nprocessor\t: 1\ncpu MHz\t\t: 2200.5\n", "proc/cpuinfo")
        try write("MemTotal:       16384 kB\n", "proc/meminfo")
        try write("0-7\n", "sys/devices/system/cpu/online")
        // CPU c: core (c % 4) / 2 … Linux style: CPUs 0–3 are the first siblings, 4–7 the second.
        for cpu in 0..<8 {
            let physical = cpu % 4
            try write("\(physical % 2)\n", "sys/devices/system/cpu/cpu\(cpu)/topology/core_id")
            try write("\(physical / 2)\n", "sys/devices/system/cpu/cpu\(cpu)/topology/physical_package_id")
        }
        try write("0-1,4-5\n", "sys/devices/system/node/node0/cpulist")
        try write("2-3,6-7\n", "sys/devices/system/node/node1/cpulist")
        let cache = "sys/devices/system/cpu/cpu0/cache/"
        for (index, level, type, size, shared) in [(0, 1, "Data", "48K", "0,4"), (1, 1, "Instruction", "32K", "0,4"), (2, 2, "Unified", "2048K", "0,4"), (3, 3, "Unified", "64M", "0-1,4-5")] {
            try write("\(level)\n", cache + "index\(index)/level")
            try write("\(type)\n", cache + "index\(index)/type")
            try write("\(size)\n", cache + "index\(index)/size")
            try write("\(shared)\n", cache + "index\(index)/shared_cpu_list")
        }
        let files = SystemFiles(root: scratch.url.path)
        let all = HostTopology.inspect(files: files, allowedCPUs: nil)
        #expect(all.cpuModel == "Fixture Xeon 9000")
        #expect(all.logicalCores == 8 && all.physicalCores == 4 && all.sockets == 2 && all.numaNodes == 2 && all.hasSMT)
        #expect(all.coreCPUs == [[0, 4], [1, 5], [2, 6], [3, 7]])
        #expect(all.caches.map(\.name) == ["L1d", "L1i", "L2", "L3"] && all.lastLevelCacheBytes == 64 << 20)
        #expect(all.caches.last?.sharedByCPUs == 4 && all.memoryBytes == 16 << 20)
        #expect(all.threadCounts() == [1, 2, 4, 8])
        #expect((0..<8).map { all.pinnedCPU(worker: $0) } == [0, 1, 2, 3, 4, 5, 6, 7])
        // An affinity mask of CPUs 0, 1 and 4: two physical cores, one NUMA node.
        let masked = HostTopology.inspect(files: files, allowedCPUs: [0, 1, 4])
        #expect(masked.logicalCores == 3 && masked.physicalCores == 2 && masked.sockets == 1 && masked.numaNodes == 1)
        #expect(masked.coreCPUs == [[0, 4], [1]])
        #expect(CPUFrequency.meanMHz(cpus: [0, 1], files: files) == 2150.5)
    }

    @Test func withoutTopologyFilesEveryCPUIsACore() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        let bare = HostTopology.inspect(files: SystemFiles(root: scratch.url.path), allowedCPUs: [0, 1, 2])
        #expect(bare.physicalCores == 3 && bare.logicalCores == 3 && !bare.hasSMT && bare.caches.isEmpty)
        #expect(bare.source.hasPrefix("ProcessInfo"))
    }
}
