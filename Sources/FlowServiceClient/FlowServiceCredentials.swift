import Foundation
import ReplayCommon

/// The four values every Platform API request carries. Never printed: `description` redacts them.
public struct FlowServiceCredentials: Sendable, CustomStringConvertible {
    /// The IMS access token (`Authorization: Bearer ...`).
    public var accessToken: String
    /// The API key (`x-api-key`).
    public var apiKey: String
    /// The IMS organization (`x-gw-ims-org-id`).
    public var orgId: String
    /// The sandbox (`x-sandbox-name`).
    public var sandboxName: String

    public init(accessToken: String, apiKey: String, orgId: String, sandboxName: String) {
        self.accessToken = accessToken
        self.apiKey = apiKey
        self.orgId = orgId
        self.sandboxName = sandboxName
    }

    /// The environment variable names, in the order of the fields.
    public static let environmentNames = [
        "PENDO_REPLAY_ACCESS_TOKEN", "PENDO_REPLAY_API_KEY", "PENDO_REPLAY_ORG_ID", "PENDO_REPLAY_SANDBOX_NAME",
    ]

    /// Reads the credentials from `PENDO_REPLAY_*` variables, then from a config file (JSON with
    /// `accessToken`, `apiKey`, `orgId`, `sandboxName`) for what the environment lacks. Missing
    /// values fall back to `defaults` (e.g. placeholders for the emulator, which accepts any).
    public static func load(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        configFile: String? = nil,
        defaults: FlowServiceCredentials? = nil
    ) throws -> FlowServiceCredentials {
        var file: [String: String] = [:]
        if let configFile {
            guard let data = FileManager.default.contents(atPath: configFile) else {
                throw FlowServiceError.configuration("cannot read the credentials file \(configFile)")
            }
            guard let object = try? JSONDecoder().decode(File.self, from: data) else {
                throw FlowServiceError.configuration(
                    "\(configFile) is not a JSON object with accessToken, apiKey, orgId, sandboxName (strings)")
            }
            file["accessToken"] = object.accessToken
            file["apiKey"] = object.apiKey
            file["orgId"] = object.orgId
            file["sandboxName"] = object.sandboxName
        }
        let keys = ["accessToken", "apiKey", "orgId", "sandboxName"]
        let fallback = defaults.map { [$0.accessToken, $0.apiKey, $0.orgId, $0.sandboxName] }
        var values: [String] = []
        var missing: [String] = []
        for (index, name) in Self.environmentNames.enumerated() {
            if let value = environment[name], !value.isEmpty {
                values.append(value)
            } else if let value = file[keys[index]], !value.isEmpty {
                values.append(value)
            } else if let fallback {
                values.append(fallback[index])
            } else {
                missing.append(name)
                values.append("")
            }
        }
        if !missing.isEmpty {
            throw FlowServiceError.configuration(
                "missing \(missing.joined(separator: ", ")): set them in the environment or in a credentials file")
        }
        return FlowServiceCredentials(
            accessToken: values[0], apiKey: values[1], orgId: values[2], sandboxName: values[3])
    }

    /// A credentials file.
    struct File: Decodable {
        var accessToken: String?
        var apiKey: String?
        var orgId: String?
        var sandboxName: String?
    }

    /// Placeholders for the emulator, which accepts any token.
    public static let emulator = FlowServiceCredentials(
        accessToken: "emulator-token",
        apiKey: "pendo-replay",
        orgId: "EMULATOR@AdobeOrg",
        sandboxName: "prod"
    )

    public var description: String {
        "FlowServiceCredentials(accessToken: \(Redaction.mark), apiKey: \(Redaction.mark), orgId: \(self.orgId), sandboxName: \(self.sandboxName))"
    }

    /// What scrubs the token and the API key out of messages that quote a server's answer.
    public var redaction: Redaction {
        Redaction(secrets: [self.accessToken, self.apiKey])
    }
}
