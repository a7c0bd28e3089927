package io.crm.analytics.clv;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Columnar copy of the distinct triples with indexes into their distinct x, t_x and T values (and
 * distinct (x, t_x) and (x, T) pairs), so a likelihood evaluation computes each logarithm,
 * log-gamma or hypergeometric value once per distinct value instead of once per triple.
 */
final class TripleTable {
  final int size;
  final int[] x;
  final double[] weight;
  final int[] xIndex;
  final int[] txIndex;
  final int[] tIndex;
  final int[] xTxIndex;
  final int[] xTIndex;
  final int[] distinctX;
  final double[] distinctTx;
  final double[] distinctT;
  /** distinct (x, t_x) pairs as indexes into distinctX and distinctTx. */
  final int[] pairTxX;
  final int[] pairTxT;
  /** distinct (x, T) pairs as indexes into distinctX and distinctT. */
  final int[] pairTX;
  final int[] pairTT;
  final double totalWeight;
  final double repeatWeight;
  final double sumX;
  final double sumT;

  TripleTable(List<SummaryTriple> triples) {
    size = triples.size();
    x = new int[size];
    weight = new double[size];
    xIndex = new int[size];
    txIndex = new int[size];
    tIndex = new int[size];
    xTxIndex = new int[size];
    xTIndex = new int[size];
    Map<Integer, Integer> xs = new HashMap<>();
    Map<Double, Integer> txs = new HashMap<>();
    Map<Double, Integer> ts = new HashMap<>();
    Map<Long, Integer> xTx = new HashMap<>();
    Map<Long, Integer> xT = new HashMap<>();
    double tw = 0;
    double rw = 0;
    double sx = 0;
    double st = 0;
    for (int i = 0; i < size; i++) {
      SummaryTriple t = triples.get(i);
      x[i] = t.x();
      weight[i] = t.count();
      xIndex[i] = xs.computeIfAbsent(t.x(), k -> xs.size());
      txIndex[i] = txs.computeIfAbsent(t.tx(), k -> txs.size());
      tIndex[i] = ts.computeIfAbsent(t.T(), k -> ts.size());
      long kTx = ((long) xIndex[i] << 32) | txIndex[i];
      long kT = ((long) xIndex[i] << 32) | tIndex[i];
      xTxIndex[i] = xTx.computeIfAbsent(kTx, k -> xTx.size());
      xTIndex[i] = xT.computeIfAbsent(kT, k -> xT.size());
      tw += t.count();
      if (t.x() > 0) {
        rw += t.count();
      }
      sx += (double) t.x() * t.count();
      st += t.T() * t.count();
    }
    distinctX = new int[xs.size()];
    xs.forEach((v, i) -> distinctX[i] = v);
    distinctTx = new double[txs.size()];
    txs.forEach((v, i) -> distinctTx[i] = v);
    distinctT = new double[ts.size()];
    ts.forEach((v, i) -> distinctT[i] = v);
    pairTxX = new int[xTx.size()];
    pairTxT = new int[xTx.size()];
    xTx.forEach((k, i) -> {
      pairTxX[i] = (int) (k >>> 32);
      pairTxT[i] = (int) (k & 0xffffffffL);
    });
    pairTX = new int[xT.size()];
    pairTT = new int[xT.size()];
    xT.forEach((k, i) -> {
      pairTX[i] = (int) (k >>> 32);
      pairTT[i] = (int) (k & 0xffffffffL);
    });
    totalWeight = tw;
    repeatWeight = rw;
    sumX = sx;
    sumT = st;
  }
}
