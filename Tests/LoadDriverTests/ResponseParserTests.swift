import NIOCore
import Testing

@testable import LoadDriver

@Suite struct ResponseParserTests {
    private func parseAll(_ chunks: [String]) throws -> [ParsedResponse] {
        var parser = ResponseParser()
        var out: [ParsedResponse] = []
        for chunk in chunks {
            var buffer = ByteBuffer(string: chunk)
            while buffer.readableBytes > 0, let r = try parser.parse(&buffer) { out.append(r) }
        }
        return out
    }

    @Test func contentLengthAnswersBackToBackSkipBodiesOf200() throws {
        let one = "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello"
        let rs = try self.parseAll([one + one])
        #expect(rs.count == 2)
        #expect(rs[0].status == 200)
        #expect(rs[0].body == nil)
        #expect(rs[0].bytes == one.utf8.count)
        #expect(!rs[0].closes)
    }

    @Test func splitAtEveryByte() throws {
        let text = "HTTP/1.1 207 Multi-Status\r\ncontent-length: 12\r\nRetry-After: 3\r\n\r\n{\"a\":[1,2]}\n"
        let rs = try self.parseAll(text.map { String($0) })
        #expect(rs.count == 1)
        #expect(rs[0].status == 207)
        #expect(rs[0].body.map { String(decoding: $0, as: UTF8.self) } == "{\"a\":[1,2]}\n")
        #expect(rs[0].retryAfter == 3)
    }

    @Test func chunkedBodyKeptForErrors() throws {
        let text =
            "HTTP/1.1 400 Bad Request\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nabcd\r\n3;x=y\r\nefg\r\n0\r\n\r\n"
        let rs = try self.parseAll([text, "HTTP/1.1 204 No Content\r\n\r\n"])
        #expect(rs.count == 2)
        #expect(rs[0].status == 400)
        #expect(rs[0].body == Array("abcdefg".utf8))
        #expect(rs[1].status == 204)
    }

    @Test func connectionCloseAndReadUntilClose() throws {
        var parser = ResponseParser()
        var buffer = ByteBuffer(string: "HTTP/1.0 500 Oops\r\n\r\npartial body")
        #expect(try parser.parse(&buffer) == nil)
        let r = parser.connectionClosed()
        #expect(r?.status == 500)
        #expect(r?.closes == true)
        #expect(r?.body == Array("partial body".utf8))
        let closing = try self.parseAll(["HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 0\r\n\r\n"])
        #expect(closing.first?.closes == true)
    }

    @Test func interimAnswersAreSkipped() throws {
        let rs = try self.parseAll(["HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"])
        #expect(rs.map(\.status) == [200])
    }

    /// Every line state has a bound: a peer that sends a header, chunk-size or trailer line with no
    /// LF gets a protocol error once the line passes 64 KiB, fed in pieces or at once.
    @Test(arguments: [
        ("HTTP/1.1 200 OK\r\nX-Long: ", "header"),
        ("HTTP/1.1 200 OK", "status"),
        ("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n", "chunk-size"),
        ("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1\r\na", "chunk end"),
        ("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n", "trailer"),
    ])
    func endlessLinesAreBounded(prefix: String, state: String) throws {
        for pieceSize in [1000, 70_000] {
            var parser = ResponseParser()
            var buffer = ByteBuffer(string: prefix)
            #expect(try parser.parse(&buffer) == nil)
            var fed = 0
            var error: ResponseParser.Malformed?
            while fed <= ResponseParser.maxLineBytes + pieceSize {
                var piece = ByteBuffer(repeating: UInt8(ascii: "f"), count: pieceSize)
                fed += pieceSize
                do {
                    _ = try parser.parse(&piece)
                } catch let malformed as ResponseParser.Malformed {
                    error = malformed
                    break
                }
            }
            #expect(
                error?.description.hasPrefix("\(state) line over 64 KiB") == true,
                "\(state), pieces of \(pieceSize): \(String(describing: error))")
            #expect(fed <= ResponseParser.maxLineBytes + pieceSize)
        }
    }

    @Test func aLineJustUnderTheBoundIsRead() throws {
        let value = String(repeating: "v", count: ResponseParser.maxLineBytes - 100)
        let rs = try self.parseAll(["HTTP/1.1 200 OK\r\nX-Long: ", value, "\r\nContent-Length: 0\r\n\r\n"])
        #expect(rs.count == 1)
        #expect(rs[0].status == 200)
    }

    @Test func garbageIsAProtocolError() {
        var parser = ResponseParser()
        var buffer = ByteBuffer(string: "SSH-2.0-OpenSSH\r\n")
        #expect(throws: ResponseParser.Malformed.self) { try parser.parse(&buffer) }
    }
}

@Suite struct AttemptClassifierTests {
    @Test func batchAnswerCountsEveryMessage() {
        let body =
            #"{"inletId":"i","batchId":"b","responses":[{"xactionId":"b:0"},{"statusCode":400,"message":"Message has unknown xdm format"},{"xactionId":"b:2"},{"statusCode":"413","message":"too big"}]}"#
        let v = AttemptClassifier.classify(status: 207, body: Array(body.utf8), events: 4, origin: "f:1")
        #expect(v.accepted == 2)
        #expect(v.rejected == 2)
        #expect(v.failed == 0)
        #expect(v.errors.map(\.errorClass) == [.message(400), .message(413)])
        #expect(v.errors[0].sample.contains("unknown xdm format"))
        #expect(!v.retryable)
    }

    @Test func shortBatchAnswerLeavesTheUnmentionedUnknown() {
        let v = AttemptClassifier.classify(
            status: 207, body: Array(#"{"responses":[{"xactionId":"x"}]}"#.utf8), events: 3, origin: "f:1")
        #expect(v.accepted == 1)
        #expect(v.unknown == 2)
        #expect(v.failed == 0)
        #expect(v.accepted + v.rejected + v.failed + v.unknown == 3)
    }

    @Test func batchAnswerEntriesAreReadStrictly() {
        #expect(
            BatchAnswer.parse(Array(#"{"responses":[{"statusCode":400,"message":"m"},{},{"statusCode":null}]}"#.utf8))
                == [
                    .init(status: 400, message: "m"), .init(status: nil, message: nil),
                    .init(status: nil, message: nil),
                ])
        for unreadable in [
            #"{"responses":[{"statusCode":"four hundred"}]}"#, #"{"responses":[{"statusCode":4e2}]}"#,
            #"{"responses":[{"message":7}]}"#, #"{"responses":[7]}"#, #"{"responses":{}}"#, #"[1]"#,
            #"{"responses":[{"statusCode":99999999999999999999}]}"#,
        ] {
            #expect(BatchAnswer.parse(Array(unreadable.utf8)) == nil, "\(unreadable)")
        }
    }

    @Test func unreadable207LeavesAllUnknown() {
        let v = AttemptClassifier.classify(status: 207, body: Array("nope".utf8), events: 2, origin: "f:1")
        #expect(v.unknown == 2)
        #expect(v.failed == 0)
        #expect(v.errors.first?.errorClass == .protocolError)
    }

    @Test(arguments: [
        (200, 3, 0, 0, false), (201, 3, 0, 0, false), (400, 0, 3, 0, false), (413, 0, 3, 0, false),
        (429, 0, 0, 3, true), (503, 0, 0, 3, true), (500, 0, 0, 3, false), (302, 0, 0, 3, false),
    ])
    func statuses(status: Int, accepted: Int, rejected: Int, failed: Int, retryable: Bool) {
        let v = AttemptClassifier.classify(status: status, body: nil, events: 3, origin: "f:1")
        #expect(v.accepted == accepted)
        #expect(v.rejected == rejected)
        #expect(v.failed == failed)
        #expect(v.retryable == retryable)
    }
}

@Suite struct RequestEncoderTests {
    @Test func headIsEncodedOnceAndBatchGoesToTheBatchEndpoint() throws {
        let address = try InletAddress(parsing: "http://127.0.0.1:8080/collection/abc?x=1")
        let encoder = RequestEncoder(
            address: address, batch: 2, syncValidation: true, flowId: "flow-1",
            headers: [(name: "X-Test", value: "yes")], token: "secret")
        let r = encoder.encode(
            messages: [Array("{\"a\":1}".utf8), Array("{\"b\":2}".utf8)], allocator: ByteBufferAllocator(),
            file: "f", line: 3, timestamp: nil)
        let text = String(buffer: r.bytes)
        let body = #"{"messages":[{"a":1},{"b":2}]}"#
        #expect(
            text.hasPrefix("POST /collection/batch/abc?x=1&syncValidation=true HTTP/1.1\r\nHost: 127.0.0.1:8080\r\n"))
        #expect(text.contains("x-adobe-flow-id: flow-1\r\n"))
        #expect(text.contains("Authorization: Bearer secret\r\n"))
        #expect(text.contains("X-Test: yes\r\n"))
        #expect(text.hasSuffix("Content-Length: \(body.utf8.count)\r\n\r\n" + body))
        #expect(r.events == 2)
    }

    @Test func addresses() throws {
        let a = try InletAddress(parsing: "https://dcs.adobedc.net/collection/x")
        #expect(a.tls && a.port == 443 && a.host == "dcs.adobedc.net" && a.authority == "dcs.adobedc.net")
        let b = try InletAddress(parsing: "http://[::1]:9/collection/y")
        #expect(b.host == "::1" && b.port == 9 && b.authority == "[::1]:9")
        #expect(throws: LoadConfigError.self) { try InletAddress(parsing: "ftp://x/y") }
        #expect(throws: LoadConfigError.self) { try InletAddress(parsing: "http://x:99999/y") }
    }
}

@Suite struct SharedBufferEncodingTests {
    @Test func requestsEncodedTogetherAreTheSameAsAlone() throws {
        let address = try InletAddress(parsing: "http://127.0.0.1:8080/collection/abc")
        for batch in [1, 3] {
            let encoder = RequestEncoder(
                address: address, batch: batch, syncValidation: false, flowId: "f", headers: [], token: nil)
            let parts = (0..<50).map { i in
                RequestEncoder.Parts(
                    messages: (0..<batch).map { j in
                        Array("{\"n\":\(i),\"m\":\(j),\"pad\":\"\(String(repeating: "x", count: i * 37))\"}".utf8)
                    },
                    file: "f", line: i + 1, timestamp: Double(i))
            }
            // A small buffer size forces several shared buffers.
            let together = encoder.encode(requests: parts, allocator: ByteBufferAllocator(), bufferBytes: 4096)
            #expect(together.count == 50)
            for (part, request) in zip(parts, together) {
                let alone = encoder.encode(
                    messages: part.messages, allocator: ByteBufferAllocator(), file: part.file, line: part.line,
                    timestamp: part.timestamp)
                #expect(request.bytes == alone.bytes)
                #expect(request.line == part.line && request.events == batch && request.timestamp == part.timestamp)
            }
        }
    }
}
