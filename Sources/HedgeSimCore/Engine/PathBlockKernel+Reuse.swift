extension PathBlockKernel {
    /// Paths simulated again together: 32 (one vector of the fused kernel, an even count so
    /// antithetic pairs stay together).
    static let granule = 32

    /// Fills `scratch` for paths `[firstPath, firstPath + count)` as `run` would, reusing a first
    /// pass over the same paths (`probe`, which kept each path's horizon state and lowest account):
    /// a path whose lowest account stays above every threshold of the plan is liquidated in no cell,
    /// so its horizon state is all the settlement needs and it is copied; each group of `granule`
    /// paths holding a path that some cell liquidates is simulated again for its liquidation records.
    /// Every path's numbers are a pure function of its counters, so the result is the same for any
    /// thread count.
    func runReusing(_ probe: SimulationSink, firstPath: Int, count: Int, scratch: BlockScratch, spare: BlockScratch) {
        // A policy cell acts before any threshold is reached (a top-up), so its paths always run again.
        guard let state = probe.pathState, plan.policyCells.isEmpty else {
            run(firstPath: firstPath, count: count, scratch: scratch)
            return
        }
        let groups = plan.thresholds.count
        let reachable = plan.thresholds.first ?? -.infinity
        let bandPoints = scratch.bandPoints
        var start = 0
        while start < count {
            let size = min(PathBlockKernel.granule, count - start)
            let slot = firstPath + start - probe.firstPath
            if (0..<size).contains(where: { probe.lowestAccount[slot + $0] <= reachable }) {
                run(firstPath: firstPath + start, count: size, scratch: spare)
                for (target, source) in [
                    (scratch.stateLogIndex, spare.stateLogIndex), (scratch.stateInverseMark, spare.stateInverseMark),
                    (scratch.stateFundingIn, spare.stateFundingIn), (scratch.stateFundingOut, spare.stateFundingOut),
                    (scratch.stateLowestAccount, spare.stateLowestAccount),
                ] {
                    (target + start).update(from: source, count: size)
                }
                (scratch.records + start * groups).update(from: spare.records, count: size * groups)
                (scratch.bandLogIndex + start * bandPoints).update(from: spare.bandLogIndex, count: size * bandPoints)
            } else {
                for i in 0..<size {
                    let path = start + i
                    let saved = state + (slot + i) * SimulationSink.pathStateFields
                    scratch.stateLogIndex[path] = saved[0]
                    scratch.stateInverseMark[path] = saved[1]
                    scratch.stateFundingIn[path] = saved[2]
                    scratch.stateFundingOut[path] = saved[3]
                    scratch.stateLowestAccount[path] = probe.lowestAccount[slot + i]
                    for group in 0..<groups {
                        scratch.records[path * groups + group].step = -1
                    }
                    if slot + i < probe.bandPathCount {
                        (scratch.bandLogIndex + path * bandPoints)
                            .update(from: probe.bandLogIndex + (slot + i) * bandPoints, count: bandPoints)
                    }
                }
            }
            start += size
        }
    }
}
