import Foundation

/// The kernel's CPU list notation (`/sys/devices/system/cpu/online`, `shared_cpu_list`, a NUMA
/// node's `cpulist`): comma-separated numbers and inclusive ranges, such as `0-3,8,10-11`.
enum CPUList {
    /// The CPUs of `text` in ascending order, without repeats; nil when the text is not a CPU list.
    static func parse(_ text: String) -> [Int]? {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty { return [] }
        var cpus = Set<Int>()
        for part in trimmed.split(separator: ",") {
            let bounds = part.split(separator: "-", omittingEmptySubsequences: false)
            guard (1...2).contains(bounds.count), let first = Int(bounds[0]), let last = Int(bounds[bounds.count - 1]),
                first >= 0, first <= last, last - first < 1 << 16
            else { return nil }
            cpus.formUnion(first...last)
        }
        return cpus.sorted()
    }
}
