/// The JSON syntax checker for the fuzz targets in `Fuzz/`, which are another package and so see
/// only public (here: SPI) symbols.
@_spi(Fuzzing)
public enum JSONSyntaxFuzzing {
    /// Whether `bytes` are one well-formed JSON value (an object when `requireObject`).
    public static func check(_ bytes: [UInt8], requireObject: Bool) -> Bool {
        JSONSyntax.check(bytes, requireObject: requireObject) == nil
    }
}
