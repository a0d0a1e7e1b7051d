import Foundation
import Testing

/// `serve`'s inlet over one connection, bytes as written: requests pipelined in one write and a
/// client that half-closes once it has sent them.
@Suite("serve's inlet on one connection")
struct ServeInletConnectionTests {
    @Test("a message and a GET pipelined in one write, then a half-close: both answered, in order, before the close")
    func pipelinedThenHalfClosed() async throws {
        let server = try await ServeProcess.start(arguments: [])
        defer { server.terminate() }
        let provision = try await CLIProcess.run(
            ["provision", "--flow-service", "http://127.0.0.1:\(server.port)", "--corpus", "corpora/pendo-seed"],
            timeout: 30)
        #expect(provision.status == 0, "stderr: \(provision.stderr)")
        let chain = try #require(try JSONSerialization.jsonObject(with: Data(provision.stdout.utf8)) as? [String: Any])
        let inletURL = try #require((chain["inletUrl"] as? String).flatMap(URL.init(string:)))
        let flowId = try #require(chain["flowId"] as? String)
        let event = #"{"uniqueId": "u-1", "accountId": "a", "visitorId": "v"}"#
        let requests =
            "POST \(inletURL.path)?x-adobe-flow-id=\(flowId) HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            + "Content-Type: application/json\r\nContent-Length: \(event.utf8.count)\r\n\r\n\(event)"
            + "GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
        let received = try await LoopbackSocket.exchange(
            port: server.port, sending: Array(requests.utf8), halfClose: true, timeout: 30)
        let answers = received.text
        #expect(received.closedByServer)
        // Each answer's status line; a body ends without a line break, so they are found as text.
        #expect(answers.components(separatedBy: "HTTP/1.1 ").count == 3, "\(answers)")
        #expect(answers.components(separatedBy: "HTTP/1.1 200 OK\r\n").count == 3, "\(answers)")
        let inlet = try #require(answers.range(of: "\"xactionId\""))
        let metrics = try #require(answers.range(of: "emulator_http_requests_total"))
        #expect(inlet.lowerBound < metrics.lowerBound)
        // The metrics, answered second, already count the message.
        #expect(
            answers.contains(
                #"emulator_http_requests_total{route="/collection/{inletId}",method="POST",status="200"} 1"#))
    }
}
