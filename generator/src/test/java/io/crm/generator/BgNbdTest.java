package io.crm.generator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BgNbdTest {

  @Test
  void expectationMatchesADirectSimulationOfTheModel() {
    double r = 0.55;
    double alpha = 60;
    double a = 1.2;
    double b = 3.5;
    double t = 400;
    SplittableRandom rng = new SplittableRandom(1);
    int n = 200_000;
    double sum = 0;
    double sumSq = 0;
    for (int i = 0; i < n; i++) {
      double lambda = Sampling.gamma(rng, r, alpha);
      double p = Sampling.beta(rng, a, b);
      int x = 0;
      double clock = 0;
      while (true) {
        clock += Sampling.exponential(rng, lambda);
        if (clock > t) {
          break;
        }
        x++;
        if (rng.nextDouble() < p) {
          break;
        }
      }
      sum += x;
      sumSq += (double) x * x;
    }
    double mean = sum / n;
    double se = Math.sqrt((sumSq / n - mean * mean) / n);
    assertEquals(mean, BgNbd.expectedRepeats(r, alpha, a, b, t), 4 * se);
  }

  @Test
  void samplersHaveTheirMeans() {
    SplittableRandom rng = new SplittableRandom(2);
    int n = 200_000;
    double g = 0;
    double bsum = 0;
    for (int i = 0; i < n; i++) {
      g += Sampling.gamma(rng, 0.55, 60);
      bsum += Sampling.beta(rng, 1.2, 3.5);
    }
    assertEquals(0.55 / 60, g / n, 4 * Math.sqrt(0.55) / 60 / Math.sqrt(n));
    assertEquals(1.2 / 4.7, bsum / n, 0.003);
  }

  @Test
  void rejectsParametersWithoutAFiniteMean() {
    assertThrows(IllegalArgumentException.class, () -> BgNbd.expectedRepeats(1, 1, 0.8, 2, 10));
  }
}
