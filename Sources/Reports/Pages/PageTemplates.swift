import Mustache

/// The HTML pages' mustache templates, parsed once: `layout` (the page head and the styles every
/// page shares), one template per page that fills the layout's `body` block, and partials for the
/// markup the pages repeat (cards, rows of counts, verdict rows). Swift builds each page's data
/// (strings, numbers, rows, charts as SVG text); the markup lives only in the templates.
///
/// The templates are string constants compiled into the binary rather than resource files, so that
/// a `pendo-replay` copied anywhere (an image, a CI artifact) renders its pages without a resource
/// bundle beside it.
enum PageTemplates {
    /// Every template by the name partials and `{{<layout}}` use.
    static let sources: [(name: String, text: String)] = [
        ("layout", Self.layout), ("card", Self.card), ("countRow", Self.countRow), ("verdictRow", Self.verdictRow),
        ("codeCountTable", Self.codeCountTable), ("diffSample", Self.diffSample), ("diffReasons", Self.diffReasons),
        ("run", Self.run), ("capacity", Self.capacity), ("diff", Self.diff), ("validation", Self.validation),
    ]

    /// The parsed templates. Each starts with `{{% CONTENT_TYPE: XML}}`, so that `{{value}}` escapes
    /// through `XML.escape` (control characters included), the escaping of the SVG charts and of
    /// every other file Reports writes.
    static let library: MustacheLibrary = {
        Self.registerContentTypes()
        var library = MustacheLibrary()
        for source in Self.sources {
            do {
                try library.register(source.text, named: source.name)
            } catch {
                // The templates are constants of this module, checked by PageTemplateTests.
                preconditionFailure("the \(source.name) page template does not parse: \(error)")
            }
        }
        return library
    }()

    /// Makes `XML`, the content type every template names, known to Mustache's parser (its registry
    /// is global): before it, a template does not parse. Done once.
    static func registerContentTypes() { _ = Self.contentTypes }

    private static let contentTypes: Void = MustacheContentTypes.register(EscapedXML(), named: "XML")

    /// `page` rendered by the template `name`.
    static func render(_ page: Any, with name: String) -> String {
        guard let text = Self.library.render(page, withTemplate: name) else {
            preconditionFailure("no page template named \(name)")
        }
        return text
    }

    /// Mustache's escaping for `{{value}}`: the one used for every XML and HTML text of Reports.
    struct EscapedXML: MustacheContentType {
        func escapeText(_ text: String) -> String { XML.escape(text) }
    }
}
