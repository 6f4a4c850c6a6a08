/// The style sheet of the HTML report, inlined in its `<head>`: system fonts only, a single column that
/// fits a phone, wide tables that scroll sideways instead of widening the page, and charts scaled to
/// the column width. Chart text sizes are set here (larger on a phone, where the charts shrink);
/// chart colours are attributes of the SVG.
enum HTMLStyle {
    /// The CSS text.
    static let css = """
        :root{color-scheme:light}
        *{box-sizing:border-box}
        body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;color:#212529;background:#f1f3f5}
        main{max-width:1100px;margin:0 auto;padding:8px 12px}
        h1{font-size:1.5em;margin:.5em 0 .1em}
        h2{font-size:1.2em;margin:.1em 0 .4em}
        h3{font-size:1em;margin:1em 0 .3em}
        p{margin:.4em 0}
        section{background:#fff;border:1px solid #dee2e6;border-radius:8px;padding:10px 16px;margin:14px 0}
        .subject{color:#495057;margin:0}
        .recommendation{border:2px solid #1864ab;background:#e7f5ff}
        .recommendation h2{font-size:1.45em;color:#1864ab;margin-bottom:.2em}
        .reason{font-size:1.08em}
        dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:2px 16px;margin:.6em 0 .2em}
        dt{font-weight:600}dd{margin:0}
        nav ul{list-style:none;padding:0;margin:0;display:flex;flex-wrap:wrap;gap:4px 14px;font-size:.95em}
        a{color:#1864ab}
        .what{color:#495057;font-size:.95em}
        .scroll{overflow-x:auto;margin:.5em 0}
        table{border-collapse:collapse;font-size:14px;font-variant-numeric:tabular-nums}
        th,td{padding:3px 8px;border-bottom:1px solid #e9ecef;white-space:nowrap;text-align:left}
        th{background:#f8f9fa;vertical-align:bottom}
        .n{text-align:right}
        tr.em td{font-weight:700;background:#e7f5ff}
        figure{margin:.6em 0;min-width:0}
        .figures{display:grid;grid-template-columns:repeat(auto-fit,minmax(400px,1fr));gap:0 16px}
        .figures.single{grid-template-columns:minmax(0,680px)}
        svg.chart{display:block;width:100%;height:auto}
        svg .tick{font-size:12px}
        svg .title{font-size:13px;font-weight:600}
        svg .note{font-size:12px;paint-order:stroke;stroke:#fff;stroke-width:3px;stroke-linejoin:round}
        svg .cell{font-size:12px;font-weight:600}
        svg .value{font-size:12px;font-weight:700;paint-order:stroke;stroke:#fff;stroke-width:3px;stroke-linejoin:round}
        ul.legend{list-style:none;padding:0;margin:.3em 0;display:flex;flex-wrap:wrap;gap:2px 18px;font-size:14px}
        .swatch{display:inline-block;width:14px;height:14px;border-radius:3px;margin-right:6px;vertical-align:-2px}
        .swatch.line{height:4px;border-radius:2px;vertical-align:3px;width:20px}
        .swatch.dash{height:0;border-top:3px dashed;width:20px;vertical-align:3px;border-radius:0}
        details summary{cursor:pointer;color:#1864ab}
        pre{background:#f1f3f5;border-radius:6px;padding:8px 10px;overflow-x:auto;font-size:13px;line-height:1.35}
        code,pre{font-family:ui-monospace,"DejaVu Sans Mono",monospace}
        footer{color:#6c757d;font-size:.9em;padding:4px 0 24px}
        .caption{font-weight:600;margin:.8em 0 .2em}
        .controls{display:flex;flex-wrap:wrap;gap:6px 24px;margin:.6em 0}
        select{font:inherit;margin-left:8px;padding:2px 6px}
        .groups{display:grid;grid-template-columns:repeat(auto-fit,minmax(320px,1fr));gap:0 20px}.groups dd{white-space:nowrap}
        @media (max-width:600px){.figures{grid-template-columns:minmax(0,1fr)}main{padding:4px 8px}section{padding:8px 10px}dl.facts{grid-template-columns:1fr}dd{margin-bottom:6px}
        svg .tick,svg .note,svg .cell{font-size:16px}svg .title{font-size:17px}svg .value{font-size:15px}}
        """
}
