package io.crm.analytics.clv;

import java.util.function.IntToDoubleFunction;
import java.util.stream.IntStream;

/**
 * Sums f(i) over [0, n) in fixed chunks, in parallel for large n. The chunk boundaries do not
 * depend on the thread count, so the result is the same on every run.
 */
final class ParallelSum {
  private static final int CHUNK = 16_384;

  private ParallelSum() {}

  /** Sums {@code chunkSum(from, to)} over fixed chunks covering [0, n). */
  static double over(int n, ChunkSum chunkSum) {
    if (n <= CHUNK) {
      return chunkSum.sum(0, n);
    }
    int chunks = (n + CHUNK - 1) / CHUNK;
    double[] parts = new double[chunks];
    IntStream.range(0, chunks).parallel().forEach(c -> parts[c] = chunkSum.sum(c * CHUNK, Math.min(n, (c + 1) * CHUNK)));
    double total = 0;
    for (double p : parts) {
      total += p;
    }
    return total;
  }

  /** Sums f over [0, n) one element at a time (small n). */
  static double simple(int n, IntToDoubleFunction f) {
    double total = 0;
    for (int i = 0; i < n; i++) {
      total += f.applyAsDouble(i);
    }
    return total;
  }

  @FunctionalInterface
  interface ChunkSum {
    double sum(int from, int to);
  }
}
