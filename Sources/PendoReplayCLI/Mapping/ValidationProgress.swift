import Dispatch
import Foundation

/// A progress line redrawn on stderr twice a second (only when stderr is a terminal).
final class ValidationProgress: @unchecked Sendable {
    let timer: DispatchSourceTimer
    let start = DispatchTime.now()

    init(render: @escaping @Sendable (Double) -> String) {
        self.timer = DispatchSource.makeTimerSource(queue: DispatchQueue(label: "pendo-replay.progress"))
        let start = self.start
        self.timer.schedule(deadline: .now() + 0.5, repeating: 0.5)
        self.timer.setEventHandler {
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
            StandardError.write("\r\u{1B}[K" + render(seconds))
        }
        self.timer.resume()
    }

    func stop() {
        self.timer.cancel()
        StandardError.write("\r\u{1B}[K")
    }
}
