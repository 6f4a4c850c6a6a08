import Foundation

extension ScalingReport {
    /// The report as `table`, `json`, `csv` or `html` (self-contained page with an inline SVG chart).
    public func render(as format: String) throws -> String {
        switch format {
        case "table": return table()
        case "json":
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            encoder.nonConformingFloatEncodingStrategy = .throw
            return String(decoding: try encoder.encode(self), as: UTF8.self) + "\n"
        case "csv": return csv()
        default: return html()
        }
    }

    private func table() -> String {
        var lines = [
            "\(tool) bench · \(workload): \(NumberFormatting.grouped(Double(paths))) paths × \(steps) steps × \(cells) cells",
            "CPU: \(machine.cpuModel) · \(machine.logicalCores) logical cores · vector math \(machine.vectorLevel)",
            "BLAS: \(machine.blas)",
            "",
            "threads  median s    min s    max s  M path·steps/s  speed-up  efficiency  peak MB",
        ]
        for p in points {
            let columns: [String] = [
                String(p.threads).leftPadded(7),
                String(format: "%.3f", p.medianSeconds).leftPadded(9),
                String(format: "%.3f", p.minSeconds).leftPadded(8),
                String(format: "%.3f", p.maxSeconds).leftPadded(8),
                String(format: "%.1f", p.medianPathStepsPerSecond / 1e6).leftPadded(15),
                String(format: "%.2f", p.speedUp).leftPadded(9),
                NumberFormatting.percent(p.parallelEfficiency, decimals: 1).leftPadded(11),
                String(format: "%.0f", p.peakMemoryMB).leftPadded(8),
            ]
            lines.append(columns.joined(separator: " "))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private func csv() -> String {
        var lines = ["threads,repeats,medianSeconds,minSeconds,maxSeconds,medianPathStepsPerSecond,speedUp,parallelEfficiency,peakMemoryMB"]
        for p in points {
            let values: [Double] = [
                p.medianSeconds, p.minSeconds, p.maxSeconds, p.medianPathStepsPerSecond, p.speedUp,
                p.parallelEfficiency, p.peakMemoryMB,
            ]
            lines.append(([String(p.threads), String(p.repeats)] + values.map { "\($0)" }).joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A page that works offline: throughput against threads, with the ideal linear scaling dashed.
    private func html() -> String {
        let width = 640.0, height = 360.0, left = 70.0, bottom = 50.0, top = 20.0, right = 20.0
        let maxThreads = Double(points.map(\.threads).max() ?? 1)
        let base = points.first?.medianPathStepsPerSecond ?? 0
        let maxRate = max(points.map(\.medianPathStepsPerSecond).max() ?? 1, base * maxThreads) / 1e6
        func x(_ threads: Double) -> Double { left + (threads - 1) / max(1, maxThreads - 1) * (width - left - right) }
        func y(_ rate: Double) -> Double { height - bottom - rate / maxRate * (height - bottom - top) }
        let measured = points.map { String(format: "%.1f,%.1f", x(Double($0.threads)), y($0.medianPathStepsPerSecond / 1e6)) }
        let ideal = points.map { String(format: "%.1f,%.1f", x(Double($0.threads)), y(base * Double($0.threads) / 1e6)) }
        var svg = """
            <svg viewBox="0 0 \(Int(width)) \(Int(height))" role="img" aria-label="Throughput against threads">
            <line x1="\(left)" y1="\(height - bottom)" x2="\(width - right)" y2="\(height - bottom)" stroke="#333"/>
            <line x1="\(left)" y1="\(top)" x2="\(left)" y2="\(height - bottom)" stroke="#333"/>
            <text x="\((width + left) / 2)" y="\(height - 10)" text-anchor="middle">threads</text>
            <text x="16" y="\((height - bottom + top) / 2)" transform="rotate(-90 16 \((height - bottom + top) / 2))" text-anchor="middle">million path·steps per second</text>
            <polyline points="\(ideal.joined(separator: " "))" fill="none" stroke="#999" stroke-dasharray="6 4"/>
            <polyline points="\(measured.joined(separator: " "))" fill="none" stroke="#1f6feb" stroke-width="2"/>

            """
        for p in points {
            let cx = x(Double(p.threads)), cy = y(p.medianPathStepsPerSecond / 1e6)
            svg += String(format: "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"#1f6feb\"/>", cx, cy)
            svg += String(format: "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%d</text>", cx, height - bottom + 18, p.threads)
            svg += String(format: "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" font-size=\"11\">%.0f</text>\n", cx, cy - 8, p.medianPathStepsPerSecond / 1e6)
        }
        svg += "</svg>"
        let rows = points.map { p in
            "<tr><td>\(p.threads)</td><td>\(String(format: "%.3f", p.medianSeconds))</td><td>"
                + "\(String(format: "%.3f–%.3f", p.minSeconds, p.maxSeconds))</td><td>"
                + "\(String(format: "%.1f", p.medianPathStepsPerSecond / 1e6))</td><td>\(String(format: "%.2f", p.speedUp))</td><td>"
                + "\(NumberFormatting.percent(p.parallelEfficiency, decimals: 1))</td><td>\(String(format: "%.0f", p.peakMemoryMB))</td></tr>"
        }.joined(separator: "\n")
        return """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>hedgesim bench</title>
            <style>body{font-family:system-ui,sans-serif;max-width:720px;margin:1em auto;padding:0 1em}
            table{border-collapse:collapse}td,th{padding:4px 8px;border-bottom:1px solid #ddd;text-align:right}
            svg{width:100%;height:auto;font-size:12px}</style></head><body>
            <h1>Scaling of \(workload.htmlEscaped)</h1>
            <p>\(NumberFormatting.grouped(Double(paths))) paths × \(steps) steps × \(cells) cells · \(machine.cpuModel.htmlEscaped),
            \(machine.logicalCores) logical cores · vector math \(machine.vectorLevel) · \(machine.blas.htmlEscaped)</p>
            \(svg)
            <table><tr><th>threads</th><th>median s</th><th>min–max s</th><th>M path·steps/s</th><th>speed-up</th><th>efficiency</th><th>peak MB</th></tr>
            \(rows)
            </table></body></html>

            """
    }
}

extension String {
    func leftPadded(_ width: Int) -> String { String(repeating: " ", count: max(0, width - count)) + self }

    var htmlEscaped: String {
        replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
