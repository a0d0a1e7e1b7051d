import Testing

@testable import LoadDriver

@Suite struct InletShapeTests {
    @Test("an inlet path ends in /collection/{id} or /collection/batch/{id}")
    func inletIds() {
        #expect(InletAddress.inletId(inPath: "/collection/abc") == "abc")
        #expect(InletAddress.inletId(inPath: "/collection/abc/") == "abc")
        #expect(InletAddress.inletId(inPath: "/collection/batch/abc") == "abc")
        #expect(InletAddress.inletId(inPath: "/proxy/collection/abc") == "abc")
        #expect(InletAddress.inletId(inPath: "/") == nil)
        #expect(InletAddress.inletId(inPath: "/collection/") == nil)
        #expect(InletAddress.inletId(inPath: "/collection/batch/") == nil)
        #expect(InletAddress.inletId(inPath: "/collection/abc/extra") == nil)
        #expect(InletAddress.inletId(inPath: "/inlet/abc") == nil)
    }

    @Test("checkShape refuses another path with the expected shape, and passes the query through")
    func checkShape() throws {
        try InletAddress.checkShape("https://dcs.adobedc.net/collection/abc?syncValidation=true")
        #expect(
            throws: LoadConfigError.invalid(
                option: "--inlet", value: "http://h/abc",
                why: "not an inlet URL; expected \(InletAddress.expectedShapes)")
        ) {
            try InletAddress.checkShape("http://h/abc")
        }
    }
}
