import ReplayCommon
import Reports

/// Text that goes into a request's head (header names and values, the token, the flow id, the inlet
/// URL): a CR or LF there ends the header early and lets whoever wrote the value add headers or a
/// request of their own (response splitting), so such text is refused wherever it comes from.
public enum HeaderText {
    /// Throws when `text` holds a CR, LF or NUL. `option` names where it came from (a flag, a file,
    /// an answer); `secret` keeps the value itself out of the message, and a URL shows redacted.
    public static func check(_ text: String, option: String, secret: Bool = false, url: Bool = false) throws {
        guard text.utf8.contains(where: { $0 == 13 || $0 == 10 || $0 == 0 }) else { return }
        let shown = secret ? Redaction.mark : String(reflecting: url ? Redaction.url(text) : text)
        throw LoadConfigError.invalid(
            option: option, value: shown,
            why: "holds a line break (CR or LF) or NUL, which would end the request's header early; remove it")
    }
}
