import Mustache
import Testing

@testable import Reports

/// The pages' templates (`PageTemplates`): each parses, the layout is the only place with the page
/// head and styles, and `{{value}}` escapes the way every other file of Reports does.
@Suite struct PageTemplateTests {
    @Test func everyTemplateParses() throws {
        // Parsed here one by one, before the library, so that a template that does not parse is
        // named; what the library does first is needed here too, whichever test runs first.
        PageTemplates.registerContentTypes()
        for source in PageTemplates.sources {
            #expect(throws: Never.self, "\(source.name)") { _ = try MustacheTemplate(string: source.text) }
            #expect(PageTemplates.library.getTemplate(named: source.name) != nil, "\(source.name)")
        }
    }

    @Test func onlyTheLayoutHoldsTheHeadAndTheStyles() {
        for source in PageTemplates.sources {
            #expect(source.text.contains("<style>") == (source.name == "layout"), "\(source.name)")
            #expect(source.text.contains("<!DOCTYPE html>") == (source.name == "layout"), "\(source.name)")
        }
    }

    @Test func valuesAreEscapedAsXML() throws {
        let card = PagePart.Card(value: "<b>&\"'", label: "a\u{01}b", cls: "fail")
        let html = PageTemplates.render(card, with: "card")
        #expect(html == "<div class=\"card fail\"><b>&lt;b&gt;&amp;&quot;&#39;</b><span>a\u{FFFD}b</span></div>")
    }
}
