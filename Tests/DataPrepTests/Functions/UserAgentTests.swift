import Testing

@testable import DataPrep

@Suite struct UserAgentTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var agent: String
        var osName: String
        var osVersion: String
        var agentName: String
        var agentVersion: String
        var deviceClass: String
        var testDescription: String { "\(self.agentName) on \(self.osName) (\(self.deviceClass))" }
    }

    static let cases: [Case] = [
        Case(
            agent:
                "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1.2 Mobile/15E148 Safari/604.1",
            osName: "iOS", osVersion: "17.1.2", agentName: "Safari", agentVersion: "17.1.2", deviceClass: "Phone"),
        Case(
            agent:
                "Mozilla/5.0 (iPad; CPU OS 16_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/119.0.6045.169 Mobile/15E148 Safari/604.1",
            osName: "iOS", osVersion: "16.6", agentName: "Chrome", agentVersion: "119.0.6045.169", deviceClass: "Tablet"
        ),
        Case(
            agent:
                "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.6099.43 Mobile Safari/537.36",
            osName: "Android", osVersion: "14", agentName: "Chrome", agentVersion: "120.0.6099.43", deviceClass: "Phone"
        ),
        Case(
            agent:
                "Mozilla/5.0 (Linux; Android 13; SM-X700) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/23.0 Chrome/115.0.0.0 Safari/537.36",
            osName: "Android", osVersion: "13", agentName: "Samsung Internet", agentVersion: "23.0",
            deviceClass: "Tablet"),
        Case(
            agent:
                "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 Edg/120.0.2210.61",
            osName: "Windows", osVersion: "10", agentName: "Edge", agentVersion: "120.0.2210.61", deviceClass: "Desktop"
        ),
        Case(
            agent: "Mozilla/5.0 (Windows NT 6.1; WOW64; Trident/7.0; rv:11.0) like Gecko",
            osName: "Windows", osVersion: "7", agentName: "Internet Explorer", agentVersion: "11.0",
            deviceClass: "Desktop"),
        Case(
            agent:
                "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 OPR/105.0.0.0",
            osName: "Windows", osVersion: "10", agentName: "Opera", agentVersion: "105.0.0.0", deviceClass: "Desktop"),
        Case(
            agent:
                "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Safari/605.1.15",
            osName: "Mac OS", osVersion: "10.15.7", agentName: "Safari", agentVersion: "17.1", deviceClass: "Desktop"),
        Case(
            agent: "Mozilla/5.0 (Macintosh; Intel Mac OS X 10.15; rv:120.0) Gecko/20100101 Firefox/120.0",
            osName: "Mac OS", osVersion: "10.15", agentName: "Firefox", agentVersion: "120.0", deviceClass: "Desktop"),
        Case(
            agent: "Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:109.0) Gecko/20100101 Firefox/119.0",
            osName: "Linux", osVersion: "??", agentName: "Firefox", agentVersion: "119.0", deviceClass: "Desktop"),
        Case(
            agent:
                "Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36",
            osName: "Chrome OS", osVersion: "14541.0.0", agentName: "Chrome", agentVersion: "120.0.0.0",
            deviceClass: "Desktop"),
        Case(
            agent: "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
            osName: "Unknown", osVersion: "??", agentName: "Unknown", agentVersion: "??", deviceClass: "Robot"),
        Case(
            agent: "", osName: "Unknown", osVersion: "??", agentName: "Unknown", agentVersion: "??",
            deviceClass: "Unknown"),
        Case(
            agent: "curl/8.4.0", osName: "Unknown", osVersion: "??", agentName: "Unknown", agentVersion: "??",
            deviceClass: "Unknown"),
    ]

    @Test(arguments: UserAgentTests.cases)
    func parses(_ expected: Case) throws {
        let agent = s(expected.agent)
        #expect(try call("ua_os_name", agent) == s(expected.osName))
        #expect(try call("ua_os_version", agent) == s(expected.osVersion))
        #expect(try call("ua_os_name_version", agent) == s(expected.osName + " " + expected.osVersion))
        #expect(
            try call("ua_os_version_major", agent) == s(expected.osName + " " + UserAgentInfo.major(expected.osVersion))
        )
        #expect(try call("ua_agent_name", agent) == s(expected.agentName))
        #expect(try call("ua_agent_version", agent) == s(expected.agentVersion))
        #expect(
            try call("ua_agent_version_major", agent)
                == s(expected.agentName + " " + UserAgentInfo.major(expected.agentVersion)))
        #expect(try call("ua_device_class", agent) == s(expected.deviceClass))
    }

    @Test func majorVersions() {
        #expect(UserAgentInfo.major("17.1.2") == "17")
        #expect(UserAgentInfo.major("14") == "14")
        #expect(UserAgentInfo.major("??") == "??")
    }

    @Test func nullAndWrongTypes() throws {
        #expect(try call("ua_device_class", null) == null)
        #expect(throws: FunctionError.self) { try call("ua_os_name", arr()) }
        #expect(throws: FunctionError.self) { try call("ua_os_name") }
    }
}
