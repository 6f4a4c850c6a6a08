import Foundation

extension ScalingReport {
    /// A page that works offline: the machine, the charts, the scaling table with its noise column,
    /// the distance to the limits, the model and the warnings.
    func html() -> String {
        let series = [ScalingCharts.Series(label: label, colour: ChartPalette.series(0), points: points)]
        var sections = [
            HTMLFragments.section(id: "machine", title: "Machine and workload", body: [
                HTMLFragments.facts(headerLines.dropFirst().map { line in
                    let parts = line.split(separator: ":", maxSplits: 1)
                    return (String(parts[0]), parts.count > 1 ? parts[1].trimmingCharacters(in: .whitespaces) : "")
                } + [("Workload", "\(workload): \(NumberFormatting.grouped(Double(paths))) paths × \(steps) steps × \(cells) cells")]),
            ]),
            HTMLFragments.section(id: "scaling", title: "Scaling", body: [
                HTMLFragments.figures([ScalingCharts.throughput(series), ScalingCharts.efficiency(series)]),
                ScalingCharts.legend(series),
                HTMLFragments.table(scalingTable),
                HTMLFragments.explanation(intervalNote + "; " + noiseNote + "."),
            ]),
            HTMLFragments.section(id: "limits", title: "Distance to the limits", body: [
                HTMLFragments.table(limitsTable), HTMLFragments.explanation(limitsNote + "."),
            ]),
        ]
        if let model, let headline = modelHeadline {
            sections.append(HTMLFragments.section(id: "model", title: "Scaling model", body: [
                HTMLFragments.explanation(headline),
                HTMLFragments.table(ReportTable(
                    caption: "Predicted parallel efficiency", header: ["cores", "efficiency", "95% interval", "speed-up"],
                    rows: model.predictions.map { [String($0.cores), $0.efficiencyText, $0.intervalText, String(format: "%.1f", $0.speedUp)] },
                    labelColumns: 1)),
                HTMLFragments.explanation(model.basis),
            ]))
        }
        if !warnings.isEmpty {
            sections.append(HTMLFragments.section(
                id: "warnings", title: "Warnings", body: ["<ul>" + warnings.map { "<li>\($0.htmlEscaped)</li>" }.joined() + "</ul>"]))
        }
        return HTMLFragments.page(
            title: "hedgesim bench", heading: "Scaling of \(workload) on \(machine.hostName)",
            subject: "\(machine.cpuModel) · \(machine.physicalCores) physical cores · \(machine.logicalCores) logical CPUs",
            sections: sections, footer: tool)
    }

    var scalingTable: ReportTable {
        ReportTable(
            caption: "Median simulation time per thread count",
            header: ["threads", "placement", "flags", "median s", "interval s", "M path·steps/s", "speed-up", "efficiency",
                     "others' CPU", "reruns"],
            rows: points.map { p in
                [String(p.threads), p.placementText, p.flagsText, p.medianText, p.intervalText, p.rateText, p.speedUpText,
                 p.efficiencyText, p.othersText, String(p.discardedRuns)]
            }, labelColumns: 3)
    }

    var limitsTable: ReportTable {
        ReportTable(
            caption: "Each point against the normals-only floor and the memory bandwidth",
            header: ["threads", "pinned CPUs", "floor M/s", "of floor", "memory needed", "bandwidth", "of bandwidth", "MHz"],
            rows: points.map { p in
                [String(p.threads), p.pinnedText, p.floorText, p.ofFloorText, p.neededText, p.measuredBandwidthText, p.ofBandwidthText,
                 p.mhzText]
            }, labelColumns: 2)
    }
}
