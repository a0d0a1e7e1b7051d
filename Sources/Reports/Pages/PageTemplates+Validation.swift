/// The page of `report html` on a `validate` report (data: `ValidationRenderer.Page`).
extension PageTemplates {
    static let validation = #"""
        {{% CONTENT_TYPE: XML}}
        {{<layout}}
        {{$body}}
        <header><h1>pendo-replay validation report</h1><p class="meta">{{corpus}}{{#.mapping}} · mapping set <code>{{.}}</code>{{/.mapping}}</p></header>
        <section class="cards">{{#cards}}{{>card}}{{/cards}}</section>
        <section><h2>Rejections by reason</h2>{{{rejectionChart}}}{{#rejections}}{{>codeCountTable}}{{/rejections}}</section>
        <section><h2>Warnings by mapping</h2>{{{warningChart}}}{{#warnings}}{{>codeCountTable}}{{/warnings}}</section>
        {{/body}}
        {{/layout}}
        """#

    /// Names in code and their counts, or "None." when there are none.
    static let codeCountTable = #"""
        {{% CONTENT_TYPE: XML}}
        {{^empty(rows)}}<table><tr><th>{{header}}</th><th class="num">count</th></tr>{{#rows}}<tr><td><code>{{name}}</code></td><td class="num">{{count}}</td></tr>{{/rows}}</table>{{/empty(rows)}}{{#empty(rows)}}<p>None.</p>{{/empty(rows)}}
        """#
}
