/// `report.html`: a run (data: `HTMLRenderer.Page`).
extension PageTemplates {
    static let run = #"""
        {{% CONTENT_TYPE: XML}}
        {{<layout}}
        {{$body}}
        <header><h1>pendo-replay run report</h1><p class="meta">{{startedAt}} → {{endedAt}} · {{duration}} s · stopped: {{stopped}} · {{loadModel}} load, concurrency {{concurrency}} · <code>{{inlet}}</code></p></header>
        <section class="cards">{{#cards}}{{>card}}{{/cards}}</section>
        {{#thresholds}}
        <section><h2>Thresholds</h2><table><tr><th>threshold</th><th>verdict</th><th>value</th></tr>{{#rows}}{{>verdictRow}}{{/rows}}</table></section>
        {{/thresholds}}
        {{#shards}}
        <section><h2>Shards</h2><table><tr>{{#headings}}<th>{{.}}</th>{{/headings}}</tr>{{#rows}}<tr>{{#cells}}<td>{{.}}</td>{{/cells}}</tr>{{/rows}}</table>{{#missing}}<p class="fail">Missing shards: {{.}} (merged with --allow-missing).</p>{{/missing}}</section>
        {{/shards}}
        <section><h2>Over time</h2>{{{latencyOverTime}}}
        {{{throughput}}}
        {{{errorsOverTime}}}</section>
        <section><h2>Latency distribution</h2>{{{spectrum}}}
        <table><tr><th>ms</th><th class="num">corrected</th><th class="num">uncorrected</th></tr>{{#latency}}<tr><td>{{label}}</td><td class="num">{{corrected}}</td><td class="num">{{uncorrected}}</td></tr>{{/latency}}</table></section>
        <section><h2>Status codes</h2>{{{statuses}}}</section>
        {{#accounting}}
        <section><h2>Accounting</h2><table><tr><th></th><th class="num">events</th></tr>{{#rows}}{{>countRow}}{{/rows}}</table><p class="{{^addsUp}}fail{{/addsUp}}">planned = sent + unsent, sent = accepted + rejected + failed + unknown{{#withStored}}, stored = accepted{{/withStored}}: {{#addsUp}}every event is accounted for{{/addsUp}}{{^addsUp}}the counts do not add up{{/addsUp}}</p></section>
        {{/accounting}}
        {{#platform}}
        <section><h2>Platform record summary</h2><p>Flow <code>{{flowId}}</code>, <code>GET /runs</code> recordSummary:</p><table><tr><th></th><th class="num">records</th></tr>{{#rows}}{{>countRow}}{{/rows}}</table>{{#.holds}}<p class="">inputRecordCount = accepted: holds</p>{{/.holds}}{{#.fails}}<p class="fail">inputRecordCount = accepted: does not hold</p>{{/.fails}}</section>
        {{/platform}}
        {{#reconciliation}}
        <section><h2>Reconciliation ({{method}})</h2>{{#.note}}<p>{{.}}</p>{{/.note}}<table><tr><th></th><th class="num">count</th></tr>{{#rows}}<tr><td>{{name}}</td><td class="num{{#bad}} fail{{/bad}}">{{value}}</td></tr>{{/rows}}</table><p class="{{^holds}}fail{{/holds}}">{{#holds}}Holds{{/holds}}{{^holds}}Does not hold{{/holds}}: {{verdict}}</p>{{^empty(samples)}}<ul>{{#samples}}<li><code>{{.}}</code></li>{{/samples}}</ul>{{/empty(samples)}}</section>
        {{/reconciliation}}
        <section><h2>Errors</h2>{{^errors}}<p>None.</p>{{/errors}}{{^empty(errors)}}<table><tr><th>class</th><th class="num">count</th><th>sample</th></tr>{{#errors}}<tr><td>{{name}}</td><td class="num">{{count}}</td><td><code>{{sample}}</code></td></tr>{{/errors}}{{#moreErrors}}<tr><td>({{classes}} more classes)</td><td class="num">{{count}}</td><td></td></tr>{{/moreErrors}}</table>{{/empty(errors)}}</section>
        <section><h2>Configuration</h2><table><tr><th>setting</th><th>value</th></tr>{{#configuration}}<tr><td>{{key}}</td><td><code>{{value}}</code></td></tr>{{/configuration}}</table></section>
        {{^empty(problems)}}
        <section><h2>Problems</h2><ul>{{#problems}}<li>{{.}}</li>{{/problems}}</ul></section>
        {{/empty(problems)}}
        <footer>{{tool}} {{version}} · report schema {{schemaVersion}}</footer>
        {{/body}}
        {{/layout}}
        """#
}
