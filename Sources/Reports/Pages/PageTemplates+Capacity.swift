/// `capacity.html`: a capacity search (data: `CapacityHTML.Page`).
extension PageTemplates {
    static let capacity = #"""
        {{% CONTENT_TYPE: XML}}
        {{<layout}}
        {{$body}}
        <h1>Capacity: {{answer}}</h1>
        <p class="meta">{{meta}}</p>
        <section><h2>Delivered against offered</h2>{{{delivered}}}</section>
        <section><h2>p99 against offered</h2>{{{latency}}}</section>
        <section><h2>Steps over time</h2>{{{time}}}</section>
        <section><h2>Steps</h2><table>{{^empty(header)}}<tr>{{#header}}<th>{{.}}</th>{{/header}}</tr>{{/empty(header)}}{{#rows}}<tr>{{#cells}}<td>{{.}}</td>{{/cells}}</tr>{{/rows}}</table></section>
        <footer>{{tool}} {{version}} · capacity schema {{schemaVersion}}</footer>
        {{/body}}
        {{/layout}}
        """#
}
