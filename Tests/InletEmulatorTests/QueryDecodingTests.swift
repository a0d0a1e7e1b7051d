import Hummingbird
import Testing

@testable import InletEmulator

@Suite("Query parameters")
struct QueryDecodingTests {
    @Test("names and values are percent-decoded; text without % is taken as it is; a broken escape stays as sent")
    func decoding() {
        #expect(Request.decoded("flowId%3D%3Dabc") == "flowId==abc")
        #expect(Request.decoded("x-adobe-flow-id") == "x-adobe-flow-id")
        #expect(Request.decoded("a+b") == "a+b", "+ is not a space outside forms")
        #expect(Request.decoded("%E2%82%AC") == "€")
        #expect(Request.decoded("100%zz") == "100%zz")
        #expect(Request.decoded("%C3") == "%C3", "an escape that is not UTF-8 stays as sent")
    }
}
