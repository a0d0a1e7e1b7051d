import ReplayCommon
import Testing

@Suite struct RFC3339Tests {
    @Test("UTC with milliseconds, or whole seconds when asked")
    func format() {
        #expect(RFC3339.format(1_764_410_100.25) == "2025-11-29T09:55:00.250Z")
        #expect(RFC3339.format(0) == "1970-01-01T00:00:00.000Z")
        #expect(RFC3339.format(1_767_571_200, fractional: false) == "2026-01-05T00:00:00Z")
    }

    @Test("reads with or without fractional seconds and with any offset; refuses the rest")
    func parse() {
        #expect(RFC3339.epochSeconds("2026-01-05T00:00:00Z") == 1_767_571_200)
        #expect(RFC3339.epochSeconds("2026-01-05T00:00:00.500Z") == 1_767_571_200.5)
        #expect(RFC3339.epochSeconds("2026-01-05T01:00:00+01:00") == 1_767_571_200)
        #expect(RFC3339.epochSeconds("2026-01-05") == nil)
        #expect(RFC3339.epochSeconds("yesterday") == nil)
        #expect(RFC3339.epochSeconds(fullDate: "2026-01-05") == 1_767_571_200)
        #expect(RFC3339.epochSeconds(fullDate: "5 January") == nil)
        #expect(RFC3339.epochSeconds(RFC3339.format(1_764_410_100.25)) == 1_764_410_100.25)
    }
}
