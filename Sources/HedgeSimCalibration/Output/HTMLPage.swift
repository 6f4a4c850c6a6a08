/// The self-contained page the calibration module's HTML reports (backtest, journal) share: inline
/// CSS, no external assets; `extraStyle` adds the report's own rules.
enum HTMLPage {
    /// `<!DOCTYPE html>` … with `title` (escaped here) and `body` (HTML already).
    static func document(title: String, body: String, leftColumns: Int, extraStyle: String = "") -> String {
        """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><title>\(BacktestText.html(title))</title>
        <style>
        body { font-family: system-ui, sans-serif; margin: 2em; color: #222; }
        table { border-collapse: collapse; font-size: 13px; }
        th, td { border: 1px solid #ccc; padding: 3px 8px; text-align: right; }
        td:nth-child(-n+\(leftColumns)), th:nth-child(-n+\(leftColumns)) { text-align: left; }
        figure { margin: 1em 0; } svg { max-width: 100%; height: auto; font-family: system-ui, sans-serif; }
        \(extraStyle)</style></head><body>
        \(body)</body></html>

        """
    }
}
