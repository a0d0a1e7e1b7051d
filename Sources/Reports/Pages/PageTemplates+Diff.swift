/// `diff.html`: a mapping diff (data: `DiffRenderer.Page`).
extension PageTemplates {
    static let diff = #"""
        {{% CONTENT_TYPE: XML}}
        {{<layout}}
        {{$body}}
        <header><h1>pendo-replay mapping diff</h1><p class="meta">{{corpus}} · old <code>{{oldMapping}}</code> · new <code>{{newMapping}}</code></p></header>
        <section class="cards">{{#cards}}{{>card}}{{/cards}}</section>
        {{#allow}}
        <section><h2>--allow rules</h2><table><tr><th>rule</th><th>verdict</th><th>value</th></tr>{{#rows}}{{>verdictRow}}{{/rows}}</table></section>
        {{/allow}}
        <section><h2>Events</h2><table><tr><th>transition</th><th class="num">events</th><th>samples (event, key: old → new)</th></tr>{{#transitions}}<tr><td>{{name}}</td><td class="num">{{count}}</td><td>{{#samples}}{{>diffSample}}{{^last()}}<br>{{/last()}}{{/samples}}</td></tr>{{/transitions}}<tr><td>unreadable</td><td class="num">{{unreadable}}</td><td>{{#unreadableSamples}}<code>{{.}}</code>{{^last()}}<br>{{/last()}}{{/unreadableSamples}}</td></tr><tr><th>total compared</th><th class="num">{{total}}</th><th></th></tr></table></section>
        <section><h2>Fields</h2>{{{fieldChart}}}{{#moreFields}}<p>{{.}} more fields, all in diff.json.</p>{{/moreFields}}<p>Left out as non-deterministic: {{#nonDeterministic}}<code>{{.}}</code>{{^last()}}, {{/last()}}{{/nonDeterministic}}{{^nonDeterministic}}none{{/nonDeterministic}} (over the first {{noiseSample}} events); ignored by hand: {{#ignored}}<code>{{.}}</code>{{^last()}}, {{/last()}}{{/ignored}}{{^ignored}}none{{/ignored}}.</p><table><tr><th>path</th><th class="num">identical</th><th class="num">changed</th><th class="num">type changed</th><th class="num">added</th><th class="num">removed</th></tr>{{#fields}}<tr><td><code>{{path}}</code></td><td class="num">{{identical}}</td><td class="num">{{changed}}</td><td class="num">{{typeChanged}}</td><td class="num">{{added}}</td><td class="num">{{removed}}</td></tr>{{/fields}}</table></section>
        <section><h2>Samples</h2>{{^fieldSamples}}<p>None: no field differs.</p>{{/fieldSamples}}{{^empty(fieldSamples)}}<table><tr><th>path</th><th>change</th><th>event</th><th>key</th><th>old</th><th>new</th></tr>{{#fieldSamples}}<tr><td><code>{{path}}</code></td><td>{{change}}</td><td><code>{{event}}</code></td><td><code>{{key}}</code></td><td><code>{{old}}</code></td><td><code>{{new}}</code></td></tr>{{/fieldSamples}}</table>{{/empty(fieldSamples)}}</section>
        <section><h2>Rejection reasons</h2>{{#rejections}}{{>diffReasons}}{{/rejections}}</section>
        <section><h2>Warnings (fields dropped)</h2>{{#warnings}}{{>diffReasons}}{{/warnings}}</section>
        <section><h2>Identity (<code>_id</code>)</h2><table><tr><th></th><th class="num">old</th><th class="num">new</th></tr><tr><td>empty or absent</td><td class="num">{{emptyIds.old}}</td><td class="num">{{emptyIds.new}}</td></tr><tr><td>repeated (the platform keeps one record per <code>_id</code>)</td><td class="num">{{repeatedIds.old}}</td><td class="num">{{repeatedIds.new}}</td></tr></table>{{#repeats}}<p>Repeated ({{side}}): {{#samples}}<code>{{event}}</code> repeats <code>{{firstSeen}}</code>{{^last()}}, {{/last()}}{{/samples}}</p>{{/repeats}}</section>
        <footer>{{eventsRead}} events in {{seconds}} s on {{workers}} workers · diff.json format {{formatVersion}}</footer>
        {{/body}}
        {{/layout}}
        """#

    /// One sample of a transition: the event, its key, and the old and new values.
    static let diffSample = #"""
        {{% CONTENT_TYPE: XML}}
        <code>{{event}}</code>{{#.key}} (<code>{{.}}</code>){{/.key}}{{#.change}}: {{.}}{{/.change}}
        """#

    /// Rejection reasons or warnings of both sides, or "None.".
    static let diffReasons = #"""
        {{% CONTENT_TYPE: XML}}
        {{^rows}}<p>None.</p>{{/rows}}{{^empty(rows)}}<table><tr><th>code</th><th>rule</th><th>path</th><th class="num">old</th><th class="num">new</th><th>example</th><th>samples</th></tr>{{#rows}}<tr><td>{{code}}{{#newReason}} <strong>(new)</strong>{{/newReason}}</td><td>{{rule}}</td><td><code>{{path}}</code></td><td class="num">{{old}}</td><td class="num">{{new}}</td><td>{{example}}</td><td>{{#samples}}<code>{{.}}</code>{{^last()}}<br>{{/last()}}{{/samples}}</td></tr>{{/rows}}</table>{{/empty(rows)}}
        """#
}
