/// What a small hand-written parser reads from a User-Agent header: operating system, browser
/// ("agent") and device class. Covers iOS, Android, Windows, macOS, Linux, Chrome OS and Chrome,
/// Firefox, Safari, Edge, Opera, Samsung Internet, Internet Explorer; anything else is
/// `Unknown` (names) or `??` (versions), the values Adobe's parser (Yauaa) uses.
struct UserAgentInfo: Sendable, Equatable {
    static let unknownName = "Unknown"
    static let unknownVersion = "??"

    var osName = UserAgentInfo.unknownName
    var osVersion = UserAgentInfo.unknownVersion
    var agentName = UserAgentInfo.unknownName
    var agentVersion = UserAgentInfo.unknownVersion
    /// `Phone`, `Tablet`, `Mobile`, `Desktop`, `Robot` or `Unknown`.
    var deviceClass = UserAgentInfo.unknownName

    static func major(_ version: String) -> String {
        guard version != Self.unknownVersion else { return version }
        return String(version.prefix(while: { $0 != "." }))
    }

    init(parsing userAgent: String) {
        let text = ByteSearch(userAgent)
        self.parseOperatingSystem(text)
        self.parseAgent(text)
        let lower = ByteSearch(userAgent.lowercased())
        if ["bot", "crawler", "spider", "slurp"].contains(where: { lower.contains($0) }) {
            self.deviceClass = "Robot"
        }
    }

    /// The run of digits, dots and underscores right after `token` (underscores become dots,
    /// leading and trailing dots dropped); nil when the token is absent or no digit follows.
    static func version(after token: String, in text: ByteSearch) -> String? {
        guard let found = text.firstIndex(of: token) else { return nil }
        var out: [UInt8] = []
        var index = found + token.utf8.count
        while index < text.bytes.count {
            let byte = text.bytes[index]
            if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
                out.append(byte)
            } else if byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_") {
                out.append(UInt8(ascii: "."))
            } else {
                break
            }
            index += 1
        }
        while out.first == UInt8(ascii: ".") { out.removeFirst() }
        while out.last == UInt8(ascii: ".") { out.removeLast() }
        return out.isEmpty ? nil : String(decoding: out, as: UTF8.self)
    }

    private mutating func parseOperatingSystem(_ text: ByteSearch) {
        if text.contains("iPhone") || text.contains("iPod") || text.contains("iPad") {
            self.osName = "iOS"
            self.osVersion =
                Self.version(after: "iPhone OS ", in: text) ?? Self.version(after: "CPU OS ", in: text)
                ?? Self.version(after: " OS ", in: text) ?? Self.unknownVersion
            self.deviceClass = text.contains("iPad") ? "Tablet" : "Phone"
        } else if text.contains("Android") {
            self.osName = "Android"
            self.osVersion = Self.version(after: "Android ", in: text) ?? Self.unknownVersion
            self.deviceClass = text.contains("Mobile") ? "Phone" : "Tablet"
        } else if text.contains("CrOS") {
            self.osName = "Chrome OS"
            // "CrOS x86_64 14541.0.0": the version follows the architecture.
            if let found = text.firstIndex(of: "CrOS "), let space = text.firstIndex(of: " ", from: found + 5),
                let version = Self.version(after: " ", in: ByteSearch(text.text(space..<text.bytes.count)))
            {
                self.osVersion = version
            }
            self.deviceClass = "Desktop"
        } else if text.contains("Windows Phone") {
            self.osName = "Windows Phone"
            self.osVersion = Self.version(after: "Windows Phone ", in: text) ?? Self.unknownVersion
            self.deviceClass = "Phone"
        } else if text.contains("Windows") {
            self.osName = "Windows"
            if let nt = Self.version(after: "Windows NT ", in: text) {
                let names = [
                    "10.0": "10", "6.3": "8.1", "6.2": "8", "6.1": "7", "6.0": "Vista", "5.2": "XP", "5.1": "XP",
                    "5.0": "2000",
                ]
                self.osVersion = names[nt] ?? nt
            }
            self.deviceClass = "Desktop"
        } else if text.contains("Mac OS X") || text.contains("Macintosh") {
            self.osName = "Mac OS"
            self.osVersion = Self.version(after: "Mac OS X ", in: text) ?? Self.unknownVersion
            self.deviceClass = "Desktop"
        } else if text.contains("Linux") || text.contains("X11") {
            self.osName = "Linux"
            self.deviceClass = text.contains("Mobile") ? "Mobile" : "Desktop"
        } else if text.contains("Mobile") {
            self.deviceClass = "Mobile"
        }
    }

    private mutating func parseAgent(_ text: ByteSearch) {
        func set(_ name: String, _ version: String?) {
            self.agentName = name
            self.agentVersion = version ?? Self.unknownVersion
        }
        if let version = Self.version(after: "Edg/", in: text) ?? Self.version(after: "EdgA/", in: text)
            ?? Self.version(after: "EdgiOS/", in: text) ?? Self.version(after: "Edge/", in: text)
        {
            set("Edge", version)
        } else if let version = Self.version(after: "OPR/", in: text) ?? Self.version(after: "OPiOS/", in: text) {
            set("Opera", version)
        } else if text.hasPrefix("Opera") || text.contains(" Opera ") {
            set(
                "Opera",
                Self.version(after: "Version/", in: text) ?? Self.version(after: "Opera/", in: text)
                    ?? Self.version(after: "Opera ", in: text))
        } else if let version = Self.version(after: "SamsungBrowser/", in: text) {
            set("Samsung Internet", version)
        } else if let version = Self.version(after: "FxiOS/", in: text) ?? Self.version(after: "Firefox/", in: text) {
            set("Firefox", version)
        } else if let version = Self.version(after: "CriOS/", in: text) ?? Self.version(after: "Chrome/", in: text) {
            set("Chrome", version)
        } else if let version = Self.version(after: "Chromium/", in: text) {
            set("Chromium", version)
        } else if text.contains("Safari/") || (self.osName == "iOS" && text.contains("AppleWebKit")) {
            set("Safari", Self.version(after: "Version/", in: text))
        } else if let version = Self.version(after: "MSIE ", in: text) {
            set("Internet Explorer", version)
        } else if text.contains("Trident/") {
            set("Internet Explorer", Self.version(after: "rv:", in: text))
        }
    }
}

/// The `ua_*` functions. A null user agent gives null; an unrecognised one gives `Unknown`/`??`.
enum UserAgentFunctions {
    static func call(_ args: FunctionArguments) throws(FunctionError) -> JSONValue {
        try args.expect(1)
        guard let text = try args.string(0, "user agent") else { return .null }
        let agent = UserAgentInfo(parsing: text)
        switch args.function {
        case "ua_os_name": return .string(agent.osName)
        case "ua_os_version": return .string(agent.osVersion)
        case "ua_os_version_major": return .string(agent.osName + " " + UserAgentInfo.major(agent.osVersion))
        case "ua_os_name_version": return .string(agent.osName + " " + agent.osVersion)
        case "ua_agent_name": return .string(agent.agentName)
        case "ua_agent_version": return .string(agent.agentVersion)
        case "ua_agent_version_major": return .string(agent.agentName + " " + UserAgentInfo.major(agent.agentVersion))
        default: return .string(agent.deviceClass)
        }
    }
}
