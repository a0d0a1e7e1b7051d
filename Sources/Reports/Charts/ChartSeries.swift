/// One named line of a chart.
public struct ChartSeries: Sendable, Equatable {
    /// The legend label.
    public var name: String
    /// Points in data units, in x order.
    public var points: [ChartPoint]
    /// A CSS colour, or nil to take the next one from the palette.
    public var color: String?
    /// Draw dashed (used for the uncorrected, service-time series next to corrected latency).
    public var dashed: Bool

    /// Creates a series.
    public init(name: String, points: [ChartPoint], color: String? = nil, dashed: Bool = false) {
        self.name = name
        self.points = points
        self.color = color
        self.dashed = dashed
    }
}

/// A point in data units.
public struct ChartPoint: Sendable, Equatable {
    /// Horizontal value.
    public var x: Double
    /// Vertical value.
    public var y: Double

    /// Creates a point.
    public init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }
}
