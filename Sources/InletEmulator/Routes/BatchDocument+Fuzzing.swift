/// The batch request reader for the fuzz targets in `Fuzz/`, which are another package and so see
/// only public (here: SPI) symbols.
@_spi(Fuzzing)
public enum BatchDocumentFuzzing {
    /// The number of messages `bytes` hold as a batch request, or nil when they are not one.
    public static func read(_ bytes: [UInt8]) -> Int? {
        guard let document = try? BatchDocument.parse(bytes) else { return nil }
        return document.messages?.count ?? 0
    }
}
