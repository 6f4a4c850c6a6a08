import Foundation

extension ScalingReport {
    /// What a report says about its workload and how it was measured.
    struct Context: Sendable {
        var tool: String
        var label: String
        var recordedAt: String
        var machine: HostTopology
        var workload: String
        var paths: Int
        var steps: Int
        var cells: Int
        var settings: Settings
        var memoryBytesPerRun: Double
        /// Whether the CPU noise could be measured here.
        var noiseMeasured: Bool
        /// Whether `--pin` was asked for but threads cannot be bound here.
        var pinningUnavailable = false
    }

    /// The core counts the model predicts for.
    static let predictedCores = [16, 32, 64, 128]

    /// Builds the report: each point's median and interval, speed-up against the 1-thread point with
    /// its interval, the flags, the Amdahl model and the warnings.
    init(context: Context, measurements: [PointMeasurement]) {
        let machine = context.machine
        let threshold = context.settings.noiseThreshold
        let pathSteps = Double(context.paths) * Double(context.steps)
        let medians = measurements.map { MedianInterval($0.seconds) }
        let baselineIndex = measurements.firstIndex { $0.threads == 1 }
        func noise(_ m: PointMeasurement) -> Noise? {
            guard !m.noise.isEmpty else { return nil }
            return Noise(
                othersCPUFraction: NoiseSummary.fraction(m.noise), worstRunFraction: m.noise.map(\.fraction).max() ?? 0,
                runFractions: m.noise.map(\.fraction), meanMHz: m.meanMHz)
        }
        let baselineNoisy = baselineIndex.flatMap { noise(measurements[$0]) }.map { $0.othersCPUFraction > threshold } ?? false
        let lastLevel = machine.lastLevelCacheBytes
        var points: [Point] = []
        for (index, m) in measurements.enumerated() {
            let median = medians[index]
            let base = baselineIndex.map { medians[$0] } ?? median
            let speedUp = base.median / median.median
            let speedLow = base.low / median.high, speedHigh = base.high / median.low
            let placement = machine.placement(threads: m.threads)
            let pointNoise = noise(m)
            var flags: [Flag] = []
            if let pointNoise, pointNoise.othersCPUFraction > threshold { flags.append(.noisy) }
            if baselineNoisy && m.threads != 1 { flags.append(.noisyBaseline) }
            let bound = min(Double(m.threads), Double(machine.logicalCores), machine.cpuQuotaCores ?? .infinity)
            if speedLow > bound * (1 + 1e-9) {
                flags.append(.impossibleSpeedUp)
            } else if speedUp > bound * (1 + 1e-9) {
                flags.append(.aboveIdealWithinInterval)
            }
            if placement == .oversubscribed { flags.append(.oversubscribed) }
            var limits = Limits()
            let rate = pathSteps / median.median
            if let floor = m.randomFloorPathStepsPerSecond, floor > 0 {
                limits.randomFloorPathStepsPerSecond = floor
                limits.fractionOfRandomFloor = rate / floor
            }
            limits.memoryBytesPerRun = context.memoryBytesPerRun
            limits.exceedsLastLevelCache = lastLevel.map { context.memoryBytesPerRun > Double($0) }
            limits.neededBytesPerSecond = context.memoryBytesPerRun / median.median
            if let triad = m.triadBytesPerSecond, triad > 0 {
                limits.measuredBytesPerSecond = triad
                limits.fractionOfBandwidth = context.memoryBytesPerRun / median.median / triad
            }
            points.append(Point(
                threads: m.threads, placement: placement, pinnedCPUs: m.pinnedCPUs, repeats: m.seconds.count,
                discardedRuns: m.discardedRuns, seconds: m.seconds, medianSeconds: median.median,
                medianInterval: [median.low, median.high], intervalLevel: median.level, minSeconds: m.seconds.min() ?? 0,
                maxSeconds: m.seconds.max() ?? 0, medianPathStepsPerSecond: rate, speedUp: speedUp,
                speedUpInterval: [speedLow, speedHigh], parallelEfficiency: speedUp / Double(m.threads), noise: pointNoise,
                limits: limits, flags: flags,
                usable: !flags.contains(.noisy) && !flags.contains(.noisyBaseline) && !flags.contains(.impossibleSpeedUp),
                peakMemoryMB: m.peakMemoryMB))
        }
        self.init(
            tool: context.tool, label: context.label, recordedAt: context.recordedAt, machine: machine,
            workload: context.workload, paths: context.paths, steps: context.steps, cells: context.cells,
            settings: context.settings, points: points,
            model: ScalingReport.model(points: points, machine: machine), warnings: [])
        warnings = ScalingReport.warnings(context: context, points: points, model: model)
    }

    public init(
        tool: String, label: String, recordedAt: String, machine: HostTopology, workload: String, paths: Int, steps: Int,
        cells: Int, settings: Settings, points: [Point], model: Model?, warnings: [String]
    ) {
        self.tool = tool
        self.label = label
        self.recordedAt = recordedAt
        self.machine = machine
        self.workload = workload
        self.paths = paths
        self.steps = steps
        self.cells = cells
        self.settings = settings
        self.points = points
        self.model = model
        self.warnings = warnings
    }

    /// Amdahl's law fitted to the points on physical cores (the usable ones when at least two are),
    /// with predictions at `predictedCores`.
    static func model(points: [Point], machine: HostTopology) -> Model? {
        let onCores = points.filter { $0.placement == .cores }
        let usable = onCores.filter(\.usable)
        let fitted = usable.count >= 2 ? usable : onCores
        let observations = fitted.map { point in
            AmdahlFit.Observation(
                threads: point.threads, seconds: point.medianSeconds,
                standardError: MedianInterval(point.seconds).standardError)
        }
        guard let fit = AmdahlFit(observations) else { return nil }
        let counts = fitted.map(\.threads)
        let largest = counts.max() ?? 1
        let measured = counts.map(String.init).joined(separator: ", ")
        var basis = "Amdahl's law T(p) = T1·(s + (1 − s)/p) fitted by weighted least squares to the median times at "
        basis += "\(measured) threads on this host's \(machine.physicalCores) physical cores"
        if fitted.count != usable.count { basis += ", flagged points included (too few usable ones): not a result" }
        if fit.standardError == nil { basis += "; no error: the medians have no interval (use --repeats 2 or more)" }
        let farthest = predictedCores.last ?? 1
        basis += ". \(farthest) cores is \(farthest / largest)× the largest count measured: an extrapolation that assumes "
        basis += "the serial fraction stays fixed and ignores memory bandwidth, NUMA, SMT and clock limits."
        if fitted.count == 2 && fit.standardError != nil {
            basis += " Two thread counts determine s exactly; its error comes from the medians' intervals only."
        }
        if fit.serialFraction < 0 {
            basis += " The fitted s is below 0 (scaling above ideal, within noise): the predictions use s = 0 and its interval."
        }
        let predictions = predictedCores.map { cores -> Model.Prediction in
            let (efficiency, interval) = fit.prediction(threads: cores)
            return Model.Prediction(
                cores: cores, efficiency: efficiency, efficiencyInterval: interval.map { [$0.lowerBound, $0.upperBound] },
                speedUp: efficiency * Double(cores))
        }
        return Model(
            serialFraction: fit.serialFraction, standardError: fit.standardError, oneThreadSeconds: fit.oneThreadSeconds,
            reducedChiSquare: fit.reducedChiSquare, threadsFitted: counts, usable: fitted.allSatisfy(\.usable), basis: basis,
            predictions: predictions)
    }

    /// What a reader must know before trusting the table.
    static func warnings(context: Context, points: [Point], model: Model?) -> [String] {
        let machine = context.machine
        let settings = context.settings
        var warnings: [String] = []
        let over = points.filter { $0.placement == .oversubscribed }.map(\.threads)
        if !over.isEmpty {
            warnings.append(
                "Thread counts \(list(over)) exceed the \(machine.logicalCores) logical CPUs: oversubscribed points measure "
                    + "threads waiting for each other, not scaling.")
        }
        if let quota = machine.cpuQuotaCores, quota < Double(machine.logicalCores) {
            warnings.append("A cgroup limit allows this process \(String(format: "%.2g", quota)) cores of the \(machine.logicalCores) logical CPUs.")
        }
        if settings.repeats == 1 {
            warnings.append("1 repeat: medians have no interval, so no point can be told from noise; use --repeats 6 for 95% intervals.")
        } else if settings.repeats < 6 {
            let level = MedianInterval.coverage(n: settings.repeats, rank: 1)
            warnings.append(
                "\(settings.repeats) repeats: the min–max interval covers the median with only "
                    + "\(NumberFormatting.percent(level, decimals: 1)); 6 or more repeats give 95%.")
        }
        if !context.noiseMeasured {
            warnings.append("Others' CPU time could not be measured here (no /proc/stat): noise is unknown, not zero.")
        }
        let noisy = points.filter { $0.flags.contains(.noisy) }.map(\.threads)
        if !noisy.isEmpty {
            warnings.append(
                "Noisy points at threads \(list(noisy)): others used more than \(NumberFormatting.percent(settings.noiseThreshold, decimals: 0)) "
                    + "of the CPUs' time even after up to \(settings.maxReruns) reruns; those figures are not results.")
        }
        if points.contains(where: { $0.flags.contains(.noisyBaseline) }) {
            warnings.append("The 1-thread baseline was noisy, so every speed-up and efficiency is uncertain.")
        }
        let impossible = points.filter { $0.flags.contains(.impossibleSpeedUp) }.map(\.threads)
        if !impossible.isEmpty {
            warnings.append(
                "Speed-up above the thread count or the usable CPUs, beyond its interval, at threads \(list(impossible)): "
                    + "that is noise (a slow baseline or a lucky run), shown as \"noise\", not as a result.")
        }
        let aboveFloor = points.filter { ($0.limits.fractionOfRandomFloor ?? 0) > 1 }.map(\.threads)
        if !aboveFloor.isEmpty {
            warnings.append(
                "The normals-only floor at threads \(list(aboveFloor)) came out below the simulation itself: its measurement "
                    + "was disturbed, so those fractions of the floor are shown as \"noise\".")
        }
        if context.pinningUnavailable {
            warnings.append("--pin was asked for but threads cannot be bound to CPUs here: the runs are unpinned.")
        }
        if model == nil {
            warnings.append("No scaling model: Amdahl's law needs two thread counts within the physical cores.")
        }
        return warnings
    }

    private static func list(_ counts: [Int]) -> String { counts.map(String.init).joined(separator: ", ") }
}
