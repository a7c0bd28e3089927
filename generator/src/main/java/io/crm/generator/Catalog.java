package io.crm.generator;

import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The shop's products: eight categories of forty SKUs with stable prices, a Zipf-like popularity
 * within each category, and a category affinity matrix that says what else goes into a basket.
 */
final class Catalog {
  static final String[] CATEGORIES = {
    "electronics", "home_kitchen", "fashion", "sports", "books", "beauty", "toys", "garden"
  };
  private static final double[] MEDIAN_PRICE = {79, 34, 39, 29, 14, 12, 24, 29};
  private static final double[] POPULARITY = {0.16, 0.17, 0.18, 0.11, 0.12, 0.11, 0.08, 0.07};
  /** Row = category already in the basket, column = category of the next line. */
  private static final double[][] AFFINITY = {
    {0.50, 0.12, 0.04, 0.08, 0.10, 0.03, 0.10, 0.03},
    {0.10, 0.45, 0.05, 0.03, 0.07, 0.07, 0.03, 0.20},
    {0.03, 0.04, 0.55, 0.18, 0.03, 0.14, 0.02, 0.01},
    {0.10, 0.03, 0.25, 0.45, 0.06, 0.05, 0.03, 0.03},
    {0.08, 0.06, 0.03, 0.04, 0.60, 0.03, 0.14, 0.02},
    {0.02, 0.08, 0.22, 0.05, 0.03, 0.57, 0.02, 0.01},
    {0.12, 0.04, 0.04, 0.06, 0.18, 0.02, 0.52, 0.02},
    {0.04, 0.25, 0.02, 0.04, 0.05, 0.02, 0.03, 0.55},
  };
  private static final String[][] NOUNS = {
    {"Kopfhörer", "Bluetooth-Lautsprecher", "USB-C Ladegerät", "Powerbank", "Smartwatch", "Webcam", "Funkmaus", "Tastatur"},
    {"Kaffeemühle", "Wasserkocher", "Pfannenset", "Messerblock", "Teekanne", "Müslischale", "Küchenwaage", "Toaster"},
    {"Strickpullover", "Jeans", "Regenjacke", "Halstuch", "Sneaker", "Wollmütze", "Hemd", "Gürtel"},
    {"Yogamatte", "Laufschuhe", "Trinkflasche", "Fahrradhelm", "Hantelset", "Sporttasche", "Springseil", "Stirnlampe"},
    {"Roman", "Kochbuch", "Reiseführer", "Krimi", "Kinderbuch", "Sachbuch", "Bildband", "Hörbuch"},
    {"Handcreme", "Shampoo", "Duschgel", "Lippenpflege", "Gesichtsöl", "Bürste", "Parfüm", "Seife"},
    {"Holzeisenbahn", "Puzzle", "Brettspiel", "Plüschbär", "Baukasten", "Malset", "Murmelbahn", "Kartenspiel"},
    {"Gießkanne", "Pflanzkübel", "Gartenschere", "Saatgut-Set", "Vogelhäuschen", "Rasensprenger", "Hochbeet", "Laterne"},
  };
  private static final String[] VARIANTS = {"Classic", "Deluxe", "Mini", "Pro", "Eco", "Nordic", "Retro", "Basic", "Plus", "XL"};
  static final int SKUS_PER_CATEGORY = 40;

  final String[][] sku = new String[CATEGORIES.length][SKUS_PER_CATEGORY];
  final String[][] name = new String[CATEGORIES.length][SKUS_PER_CATEGORY];
  final long[][] priceCents = new long[CATEGORIES.length][SKUS_PER_CATEGORY];
  final double[] skuCumulative = new double[SKUS_PER_CATEGORY];

  Catalog(long seed) {
    SplittableRandom rng = Sampling.stream(seed, 99, 0);
    for (int c = 0; c < CATEGORIES.length; c++) {
      for (int s = 0; s < SKUS_PER_CATEGORY; s++) {
        sku[c][s] = String.format(Locale.ROOT, "SKU-%d%03d", c + 1, s + 1);
        name[c][s] = NOUNS[c][s % NOUNS[c].length] + " " + VARIANTS[(s / NOUNS[c].length + c) % VARIANTS.length];
        double price = MEDIAN_PRICE[c] * Math.exp(0.6 * rng.nextGaussian());
        long cents = Math.max(199, Math.round(price) * 100 - 1); // x.99 prices
        priceCents[c][s] = cents;
      }
    }
    double acc = 0;
    for (int s = 0; s < SKUS_PER_CATEGORY; s++) {
      acc += 1.0 / Math.pow(s + 1, 0.9);
      skuCumulative[s] = acc;
    }
  }

  int categories() {
    return CATEGORIES.length;
  }

  int favouriteCategory(SplittableRandom rng) {
    return Sampling.weighted(rng, POPULARITY);
  }

  int nextCategory(SplittableRandom rng, int previous) {
    return Sampling.weighted(rng, AFFINITY[previous]);
  }

  int popularSku(SplittableRandom rng) {
    return Sampling.fromCumulative(rng, skuCumulative);
  }

  /** The cheapest SKU of a category (for orders whose budget is below what was picked). */
  int cheapestSku(int category) {
    int best = 0;
    for (int s = 1; s < SKUS_PER_CATEGORY; s++) {
      if (priceCents[category][s] < priceCents[category][best]) {
        best = s;
      }
    }
    return best;
  }
}
