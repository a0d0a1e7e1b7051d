/// Data that several pages show with the same markup (the `card`, `countRow` and `verdictRow`
/// partials of `PageTemplates`).
enum PagePart {
    /// A figure with its label; `cls` is `pass`, `fail` or empty.
    struct Card {
        var value: String
        var label: String
        var cls: String = ""
    }

    /// A name and a count.
    struct CountRow {
        var name: String
        var count: Int
    }

    /// A rule (a threshold, an `--allow` rule), its verdict and its value; `cls` is `pass` or `fail`.
    struct VerdictRow {
        var expression: String
        var verdict: String
        var explanation: String
        var cls: String
    }

    /// Rows of rules, in a section shown only when there is one.
    struct Verdicts {
        var rows: [VerdictRow]
    }
}
