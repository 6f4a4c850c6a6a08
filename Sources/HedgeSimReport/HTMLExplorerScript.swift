/// The inline JavaScript of the HTML report's "Explore a cell" section (`HTMLExplorer`), plain and
/// dependency-free. It reads the JSON block `explore-data`, lists at each ratio only the leverages
/// simulated there (keeping the leverage when the ratio changes, where it exists), fills every element
/// of the panel that has a `data-f` key with the picked cell's figure in the report's number formats
/// (missing numbers read "–"), records the cell's index in the panel's `data-cell`, redraws the
/// quantile ranges in the panel's SVG, and then shows the section.
///
/// With the URL fragment `#selftest` it then works the controls as a reader would: it picks another
/// ratio (the highest, or the one below when the highest is picked) and, where the ratio has more than
/// one, another leverage, each by setting the select and dispatching `change`. It checks that the cell
/// and its figures changed each time, that the chart changed with the ratio, and that no figure reads
/// NaN, Infinity or undefined; the verdict, "PASS" or "FAIL: " and the problems, goes to the section's
/// `data-selftest` attribute and the front of the page title. It logs nothing: the browser check
/// treats any console message as an error. The text holds no `</`, so it cannot end its element.
enum HTMLExplorerScript {
    /// The script's source.
    static let source = #"""
        (() => {
          'use strict';
          const data = JSON.parse(document.getElementById('explore-data').textContent);
          const section = document.getElementById('explore');
          const ratioSelect = document.getElementById('explore-ratio');
          const leverageSelect = document.getElementById('explore-leverage');
          const panel = document.getElementById('explore-panel');
          const chart = document.getElementById('explore-chart');
          const levels = ['0.01', '0.05', '0.25', '0.5', '0.75', '0.95', '0.99'];

          // The number formats of the report's tables: "350,124", "1.8 %", "0.5".
          const known = (x) => typeof x === 'number' && isFinite(x);
          const compact = (x) => (known(x) ? String(Number(x.toFixed(4))) : '–');
          const grouped = (x, decimals) => {
            if (!known(x)) return '–';
            const text = Math.abs(x).toFixed(decimals);
            const [whole, part] = text.split('.');
            const sign = x < 0 && /[1-9]/.test(text) ? '-' : '';
            return sign + whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',') + (part ? '.' + part : '');
          };
          const percent = (fraction) => {
            if (!known(fraction)) return '–';
            const value = fraction * 100, size = Math.abs(value);
            if (value === 0) return '0 %';
            if (size < 0.0005) return (value < 0 ? '> -' : '< ') + '0.001 %';
            return value.toFixed(size >= 0.995 ? 1 : size >= 0.0995 ? 2 : 3) + ' %';
          };
          const usd = (x, error) => {
            if (!known(x)) return '–';
            return grouped(x, 0) + (known(error) ? ' ± ' + grouped(error, 0) : '') + ' USD';
          };
          // An axis label of at most seven characters: "350,000", "1,500k", "2.5M".
          const tick = (x) => {
            const plain = grouped(x, 0);
            if (plain.length <= 7) return plain;
            for (const [scale, suffix] of [[1e3, 'k'], [1e6, 'M'], [1e9, 'B'], [1e12, 'T']]) {
              if (Math.abs(x) >= scale * 1000) continue;
              for (const decimals of [1, 0]) {
                const text = grouped(x / scale, decimals) + suffix;
                if (text.length <= 7) return text;
              }
            }
            return x.toExponential(2);
          };

          // The text of every data-f key for the cell at `index`.
          const figures = (index) => {
            const cell = data.cells[index], value = cell.value, valueErrors = cell.valueErrors || {};
            const liquidation = cell.liquidation, position = cell.position, cost = cell.cost, costErrors = cell.costErrors || {};
            const text = {
              title: 'Hedge ratio ' + compact(cell.ratio) + ' at ' + cell.label + ' leverage'
                + (index === data.recommended ? ' (recommended)' : ''),
              effectiveness: percent(value.effectiveness),
              probability: percent(liquidation.probability),
              interval: percent(liquidation.low) + ' – ' + percent(liquidation.high),
              limit: known(liquidation.high) && known(data.limit)
                ? (liquidation.high <= data.limit ? 'within ' : 'above ') + percent(data.limit)
                : '–',
              meanDays: known(liquidation.meanDays) ? 'day ' + grouped(liquidation.meanDays, 1) : 'none liquidated',
              liquidationPrice: known(position.liquidationPriceUSD) ? usd(position.liquidationPriceUSD) : 'none',
              notional: usd(position.notionalUSD),
              margin: known(position.marginCoin) ? grouped(position.marginCoin, 4) + ' coin' : '–',
              perYear: known(cost.perYearPercent)
                ? percent(cost.perYearPercent / 100) + (known(costErrors.perYearPercent) ? ' ± ' + percent(costErrors.perYearPercent / 100) : '')
                : '–',
            };
            for (const key of ['mean', 'stdev', 'var95', 'var99', 'es95', 'es99']) text[key] = usd(value[key], valueErrors[key]);
            for (const key of ['funding', 'fees', 'basis', 'liquidation', 'total']) text[key] = usd(cost[key], costErrors[key]);
            for (const level of levels) {
              text['q' + level] = grouped(value['q' + level], 0);
              text['e' + level] = known(valueErrors['q' + level]) ? '± ' + grouped(valueErrors['q' + level], 0) : '–';
            }
            return text;
          };

          // The chart: one scale for every cell (all 1 and 99 % quantiles and the start), drawn once
          // with its axis and the start's dashed line; `marks` holds the picked cell's ranges.
          const element = (name, attributes, text) => {
            const made = document.createElementNS(chart.namespaceURI, name);
            for (const [key, value] of Object.entries(attributes)) made.setAttribute(key, value);
            if (text) made.textContent = text;
            return made;
          };
          const ends = data.cells.flatMap((cell) => [cell.value['q0.01'], cell.value['q0.99']]).concat([data.startUSD]).filter(known);
          let low = ends.reduce((a, b) => Math.min(a, b), Infinity), high = ends.reduce((a, b) => Math.max(a, b), -Infinity);
          if (!(high > low)) {
            low = (known(low) ? low : 0) - 1;
            high = low + 2;
          }
          const pad = (high - low) * 0.04;
          low -= pad;
          high += pad;
          const left = 40, right = 640, axis = 72, middle = 36, blue = '#1864ab';
          const tenth = (value) => Math.round(value * 10) / 10;
          const x = (value) => tenth(left + ((value - low) / (high - low)) * (right - left));
          const raw = (high - low) / 5, power = 10 ** Math.floor(Math.log10(raw));
          const step = [1, 2, 5, 10].map((multiple) => multiple * power).find((candidate) => candidate >= raw);
          const frame = element('g', {});
          frame.append(element('line', { x1: left, y1: axis, x2: right, y2: axis, stroke: '#adb5bd' }));
          for (let count = Math.ceil(low / step); count * step <= high; count += 1) {
            const at = x(count * step);
            frame.append(element('line', { x1: at, y1: axis, x2: at, y2: axis + 5, stroke: '#adb5bd' }));
            frame.append(element('text', { x: at, y: axis + 20, 'text-anchor': 'middle', class: 'tick', fill: '#343a40' }, tick(count * step)));
          }
          if (known(data.startUSD)) {
            const start = x(data.startUSD);
            frame.append(element('line', { x1: start, y1: 4, x2: start, y2: axis, stroke: '#868e96', 'stroke-width': 1.5, 'stroke-dasharray': '5 4' }));
          }
          const marks = element('g', {});
          chart.append(frame, marks);
          const draw = (cell, title) => {
            const q = (level) => x(cell.value['q' + level]);
            marks.replaceChildren();
            chart.setAttribute('aria-label', 'Quantiles of the net value at the horizon, ' + title);
            if (!levels.every((level) => known(cell.value['q' + level]))) return;
            marks.append(
              element('line', { x1: q('0.01'), y1: middle, x2: q('0.99'), y2: middle, stroke: blue, 'stroke-width': 2 }),
              element('rect', { x: q('0.05'), y: middle - 8, width: tenth(Math.max(0, q('0.95') - q('0.05'))), height: 16, fill: blue, 'fill-opacity': 0.35 }),
              element('rect', { x: q('0.25'), y: middle - 14, width: tenth(Math.max(0, q('0.75') - q('0.25'))), height: 28, fill: blue, 'fill-opacity': 0.75 }),
              element('line', { x1: q('0.5'), y1: middle - 18, x2: q('0.5'), y2: middle + 18, stroke: '#212529', 'stroke-width': 3 }));
            if (known(cell.value.mean)) {
              marks.append(element('circle', { cx: x(cell.value.mean), cy: middle, r: 5, fill: '#e8590c', stroke: '#fff', 'stroke-width': 1.5 }));
            }
          };

          const show = (index) => {
            const text = figures(index);
            for (const field of panel.querySelectorAll('[data-f]')) field.textContent = text[field.dataset.f] ?? '–';
            panel.dataset.cell = String(index);
            draw(data.cells[index], text.title);
          };
          // Fills the leverage control with the cells of the picked ratio and returns the one to show:
          // the cell `previous` when it is among them, else the one at its leverage, else the first.
          const pickRatio = (previous) => {
            const ratio = data.ratios[Number(ratioSelect.value)], before = data.cells[previous];
            const indices = data.cells.map((_, index) => index).filter((index) => data.cells[index].ratio === ratio);
            const keep = indices.includes(previous)
              ? previous
              : indices.find((index) => before && data.cells[index].label === before.label) ?? indices[0];
            leverageSelect.replaceChildren(...indices.map((index) =>
              new Option(data.cells[index].label, String(index), index === keep, index === keep)));
            return keep;
          };
          ratioSelect.addEventListener('change', () => show(pickRatio(Number(leverageSelect.value))));
          leverageSelect.addEventListener('change', () => show(Number(leverageSelect.value)));
          show(pickRatio(Number(leverageSelect.value)));
          section.hidden = false;

          if (location.hash !== '#selftest') return;
          const problems = [];
          const numbers = () => [...panel.querySelectorAll('[data-f]')].filter((field) => field.dataset.f !== 'title')
            .map((field) => field.textContent).join('|');
          const change = (select, index, name, chartChanges) => {
            const cell = panel.dataset.cell, before = numbers(), drawn = marks.innerHTML;
            select.selectedIndex = index;
            select.dispatchEvent(new Event('change'));
            if (panel.dataset.cell === cell) problems.push(name + ': the cell did not change');
            else if (numbers() === before) problems.push(name + ': the figures did not change');
            else if (chartChanges && marks.innerHTML === drawn) problems.push(name + ': the chart did not change');
          };
          const last = ratioSelect.options.length - 1;
          if (last < 1) problems.push('only one hedge ratio to pick');
          else change(ratioSelect, ratioSelect.selectedIndex === last ? last - 1 : last, 'ratio', true);
          const leverages = leverageSelect.options.length;
          if (leverages > 1) change(leverageSelect, (leverageSelect.selectedIndex + 1) % leverages, 'leverage', false);
          if (/NaN|Infinity|undefined/.test(panel.textContent)) problems.push('a figure is not a number');
          const verdict = problems.length ? 'FAIL: ' + problems.join('; ') : 'PASS';
          section.dataset.selftest = verdict;
          document.title = verdict + ' | ' + document.title;
        })();

        """#
}
