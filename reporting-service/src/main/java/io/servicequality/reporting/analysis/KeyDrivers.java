package io.servicequality.reporting.analysis;

import io.servicequality.contracts.BucketStatistics.DriverStatistics;
import io.servicequality.contracts.ServqualDimension;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Ordinary least squares of csat (y) on the five perception scores (x) with an intercept, from the summed
 * cross-products alone: the normal equations (XᵀX) b = Xᵀy are assembled from Σx, Σxx, Σxy, Σy and solved by
 * Gauss–Jordan elimination; σ² = RSS / (n − 6), SE(b) = √(σ² · diag((XᵀX)⁻¹)), R² = 1 − RSS / TSS.
 */
public final class KeyDrivers {

    public static final int MIN_N = 30;

    private static final ServqualDimension[] X = ServqualDimension.values();

    private KeyDrivers() {}

    /**
     * @param reason why there are no coefficients ({@code null} when there are)
     * @param coefficients per dimension name, {@code null} with a reason
     */
    public record Result(
            long n,
            String reason,
            Double intercept,
            Double interceptStandardError,
            Map<String, Coefficient> coefficients,
            Double rSquared) {}

    /** @param tValue coefficient / standard error; {@code null} when the error is 0 */
    public record Coefficient(double coefficient, double standardError, Double tValue) {}

    public static Result of(DriverStatistics s) {
        int p = X.length + 1;
        if (s.n() < MIN_N) {
            return new Result(
                    s.n(),
                    "needs at least " + MIN_N + " respondents with csat and all five perceptions",
                    null,
                    null,
                    null,
                    null);
        }
        double[][] xtx = new double[p][p];
        double[] xty = new double[p];
        xtx[0][0] = s.n();
        xty[0] = s.ySum();
        for (int i = 0; i < X.length; i++) {
            xtx[0][i + 1] = xtx[i + 1][0] = s.sum(DriverStatistics.xKey(X[i]));
            xty[i + 1] = s.sum(DriverStatistics.xyKey(X[i]));
            for (int j = 0; j < X.length; j++) {
                xtx[i + 1][j + 1] = s.sum(DriverStatistics.xxKey(X[i], X[j]));
            }
        }
        double[][] inverse = invert(xtx);
        if (inverse == null) {
            return new Result(s.n(), "the perception scores are collinear (no variation)", null, null, null, null);
        }
        double[] b = new double[p];
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < p; j++) {
                b[i] += inverse[i][j] * xty[j];
            }
        }
        double explained = 0;
        for (int i = 0; i < p; i++) {
            explained += b[i] * xty[i];
        }
        double rss = Math.max(0, s.ySumOfSquares() - explained);
        double tss = s.ySumOfSquares() - s.ySum() * s.ySum() / s.n();
        double sigma2 = rss / (s.n() - p);
        Map<String, Coefficient> coefficients = new LinkedHashMap<>();
        for (int i = 0; i < X.length; i++) {
            double se = Math.sqrt(Math.max(0, sigma2 * inverse[i + 1][i + 1]));
            coefficients.put(X[i].fieldName(), new Coefficient(b[i + 1], se, se == 0 ? null : b[i + 1] / se));
        }
        return new Result(
                s.n(),
                null,
                b[0],
                Math.sqrt(Math.max(0, sigma2 * inverse[0][0])),
                coefficients,
                tss <= 0 ? null : 1 - rss / tss);
    }

    /** Gauss–Jordan with partial pivoting; {@code null} when the matrix is (numerically) singular. */
    static double[][] invert(double[][] matrix) {
        int size = matrix.length;
        double[][] a = new double[size][2 * size];
        double scale = 0;
        for (int i = 0; i < size; i++) {
            System.arraycopy(matrix[i], 0, a[i], 0, size);
            a[i][size + i] = 1;
            for (double v : matrix[i]) {
                scale = Math.max(scale, Math.abs(v));
            }
        }
        for (int column = 0; column < size; column++) {
            int pivot = column;
            for (int row = column + 1; row < size; row++) {
                if (Math.abs(a[row][column]) > Math.abs(a[pivot][column])) {
                    pivot = row;
                }
            }
            if (Math.abs(a[pivot][column]) <= 1e-10 * Math.max(1, scale)) {
                return null;
            }
            double[] swap = a[column];
            a[column] = a[pivot];
            a[pivot] = swap;
            double divisor = a[column][column];
            for (int k = 0; k < 2 * size; k++) {
                a[column][k] /= divisor;
            }
            for (int row = 0; row < size; row++) {
                if (row != column && a[row][column] != 0) {
                    double factor = a[row][column];
                    for (int k = 0; k < 2 * size; k++) {
                        a[row][k] -= factor * a[column][k];
                    }
                }
            }
        }
        double[][] inverse = new double[size][size];
        for (int i = 0; i < size; i++) {
            System.arraycopy(a[i], size, inverse[i], 0, size);
        }
        return inverse;
    }
}
