/// The page head, the styles every page shares, and the `body` block a page template fills.
extension PageTemplates {
    static let layout = #"""
        {{% CONTENT_TYPE: XML}}
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        {{^noViewport}}
        <meta name="viewport" content="width=device-width, initial-scale=1">
        {{/noViewport}}
        <title>{{title}}</title>
        <style>
        body { font: 14px/1.45 -apple-system, "Segoe UI", "DejaVu Sans", Helvetica, Arial, sans-serif; color: #1d232a; background: #f4f6f8; margin: 0; padding: 24px 32px; max-width: 960px; }
        h1 { font-size: 24px; margin: 0 0 4px; } h2 { font-size: 18px; margin: 0 0 12px; }
        .meta { color: #5a6570; margin: 0 0 16px; }
        section { background: #fff; border: 1px solid #dde3e9; border-radius: 6px; padding: 16px; margin: 0 0 16px; }
        .cards { display: flex; flex-wrap: wrap; gap: 12px; background: none; border: none; padding: 0; }
        .card { background: #fff; border: 1px solid #dde3e9; border-radius: 6px; padding: 12px 16px; min-width: 140px; }
        .card b { display: block; font-size: 22px; } .card span { color: #5a6570; font-size: 12px; }
        .card.pass b, td.pass { color: #007a5a; } .card.fail b, td.fail, p.fail { color: #c0392b; font-weight: bold; }
        table { border-collapse: collapse; width: 100%; } th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid #edf0f3; vertical-align: top; }
        td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
        code { font: 12px "DejaVu Sans Mono", Menlo, monospace; word-break: break-all; }
        svg.chart { display: block; max-width: 100%; height: auto; margin: 0 0 12px; }
        svg .bg { fill: #fff; } svg .grid { stroke: #e6e9ed; stroke-width: 1; } svg .axis { stroke: #1d232a; stroke-width: 1; }
        svg .tick { font-size: 11px; fill: #3a444e; } svg .label { font-size: 12px; fill: #3a444e; }
        svg .title { font-size: 14px; font-weight: bold; fill: #1d232a; } svg .legend { font-size: 12px; fill: #1d232a; }
        svg .empty { font-size: 14px; fill: #8a949e; }
        footer { color: #8a949e; font-size: 12px; }
        </style>
        </head>
        <body>
        {{$body}}{{/body}}</body>
        </html>

        """#

    /// A figure with its label (`cls`: `pass`, `fail` or empty).
    static let card = #"""
        {{% CONTENT_TYPE: XML}}
        <div class="card {{cls}}"><b>{{value}}</b><span>{{label}}</span></div>
        """#

    /// A table row of a name and a count.
    static let countRow = #"""
        {{% CONTENT_TYPE: XML}}
        <tr><td>{{name}}</td><td class="num">{{count}}</td></tr>
        """#

    /// A table row of a rule (a threshold or an `--allow` rule), its verdict and its value.
    static let verdictRow = #"""
        {{% CONTENT_TYPE: XML}}
        <tr><td><code>{{expression}}</code></td><td class="{{cls}}">{{verdict}}</td><td>{{explanation}}</td></tr>
        """#
}
