import Foundation

/// A Universal Scalability Law model (Gunther): throughput at concurrency N is
/// `X(N) = λN / (1 + σ(N − 1) + κN(N − 1))`, with σ the contention (serialised work) and κ the
/// coherency (crosstalk) penalty. Fitted by least squares on the throughput: a linear fit of
/// `N / X` against `1, N, N²` gives the start, Gauss-Newton steps refine it.
public struct USLFit: Codable, Sendable, Equatable {
    /// Throughput of one unit of concurrency (requests per second at N = 1).
    public var lambda: Double
    /// Contention, 0...1.
    public var sigma: Double
    /// Coherency, ≥ 0.
    public var kappa: Double

    public init(lambda: Double, sigma: Double, kappa: Double) {
        self.lambda = lambda
        self.sigma = sigma
        self.kappa = kappa
    }

    /// The model's throughput at concurrency `n`.
    public func throughput(atConcurrency n: Double) -> Double {
        self.lambda * n / (1 + self.sigma * (n - 1) + self.kappa * n * (n - 1))
    }

    /// The concurrency of the highest throughput, `√((1 − σ) / κ)`; nil when κ is 0 (no peak).
    public var peakConcurrency: Double? {
        guard self.kappa > 0, self.sigma < 1 else { return nil }
        return ((1 - self.sigma) / self.kappa).squareRoot()
    }

    /// The highest throughput the model predicts (at `peakConcurrency`).
    public var peakThroughput: Double? {
        self.peakConcurrency.map { self.throughput(atConcurrency: $0) }
    }

    /// Fits the model to (concurrency, throughput) points; nil with fewer than 3 points, values
    /// that are not positive and finite, or a fit that does not converge to a model with
    /// σ and κ non-negative.
    public static func fit(concurrency: [Double], throughput: [Double]) -> USLFit? {
        guard concurrency.count == throughput.count, concurrency.count >= 3,
            zip(concurrency, throughput).allSatisfy({ $0 > 0 && $1 > 0 && $0.isFinite && $1.isFinite })
        else { return nil }
        // Linear start: N / X = c0 + c1 N + c2 N², with λ = 1 / (c0 + c1 + c2), κ = c2 λ, σ = c1 λ + κ.
        let rows = concurrency.map { [1, $0, $0 * $0] }
        let targets = zip(concurrency, throughput).map { $0 / $1 }
        guard let c = Self.leastSquares(rows: rows, targets: targets), c[0] + c[1] + c[2] > 0 else { return nil }
        var lambda = 1 / (c[0] + c[1] + c[2])
        var kappa = c[2] * lambda
        var sigma = c[1] * lambda + kappa
        for _ in 0..<100 {
            var jacobian: [[Double]] = []
            var residuals: [Double] = []
            for (n, x) in zip(concurrency, throughput) {
                let d = 1 + sigma * (n - 1) + kappa * n * (n - 1)
                residuals.append(x - lambda * n / d)
                jacobian.append([n / d, -lambda * n * (n - 1) / (d * d), -lambda * n * n * (n - 1) / (d * d)])
            }
            guard let step = Self.leastSquares(rows: jacobian, targets: residuals) else { return nil }
            lambda += step[0]
            sigma += step[1]
            kappa += step[2]
            if abs(step[0]) <= 1e-12 * abs(lambda) && abs(step[1]) <= 1e-12 && abs(step[2]) <= 1e-15 { break }
        }
        guard lambda.isFinite, sigma.isFinite, kappa.isFinite, lambda > 0, sigma >= 0, kappa >= 0 else { return nil }
        return USLFit(lambda: lambda, sigma: sigma, kappa: kappa)
    }

    /// The least-squares solution of `rows · p ≈ targets` for 3 parameters (normal equations,
    /// Gaussian elimination with partial pivoting); nil when they are singular.
    static func leastSquares(rows: [[Double]], targets: [Double]) -> [Double]? {
        var a = [[Double]](repeating: [Double](repeating: 0, count: 4), count: 3)
        for (row, target) in zip(rows, targets) {
            for i in 0..<3 {
                for j in 0..<3 { a[i][j] += row[i] * row[j] }
                a[i][3] += row[i] * target
            }
        }
        for column in 0..<3 {
            guard let pivot = (column..<3).max(by: { abs(a[$0][column]) < abs(a[$1][column]) }),
                abs(a[pivot][column]) > 1e-300
            else {
                return nil
            }
            a.swapAt(column, pivot)
            for row in (column + 1)..<3 {
                let factor = a[row][column] / a[column][column]
                for k in column..<4 { a[row][k] -= factor * a[column][k] }
            }
        }
        var solution = [Double](repeating: 0, count: 3)
        for row in stride(from: 2, through: 0, by: -1) {
            var value = a[row][3]
            for k in (row + 1)..<3 { value -= a[row][k] * solution[k] }
            solution[row] = value / a[row][row]
        }
        return solution.allSatisfy(\.isFinite) ? solution : nil
    }
}
