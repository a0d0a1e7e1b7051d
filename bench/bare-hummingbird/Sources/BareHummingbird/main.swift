import Hummingbird

// usage: bare-hummingbird PORT — POST /collection/{id} reads the whole body (up to 1 MB, as the
// emulator's inlet does) and answers 200 with an inlet-shaped acknowledgement.
let port = CommandLine.arguments.count > 1 ? Int(CommandLine.arguments[1]) ?? 8081 : 8081
let router = Router()
router.post("/collection/:id") { request, context -> Response in
    let body = try await request.body.collect(upTo: 1_048_576)
    let answer = #"{"inletId":"bare","xactionId":"bare","receivedTimeMs":0,"bytes":\#(body.readableBytes)}"#
    return Response(
        status: .ok,
        headers: [.contentType: "application/json"],
        body: .init(byteBuffer: ByteBuffer(string: answer))
    )
}
let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: port)))
try await app.runService()
