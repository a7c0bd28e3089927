package io.crm.generator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The purchase history read back from the transaction files matches the true BG/NBD and
 * Gamma-Gamma parameters in _truth.json, and the realised figures the truth file reports.
 */
class PurchaseProcessTest {
  @TempDir static Path dir;
  static GeneratedWorkspace ws;
  /** customer key (customer id, else guest e-mail) -> its process orders. */
  static Map<String, Customer> customers;
  /** order id -> amount of its return lines (negative cents), and the return lines seen. */
  static final Map<String, Long> returns = new HashMap<>();
  static final java.util.Set<String> returnLines = new java.util.HashSet<>();

  /** What the files say about one customer. */
  static final class Customer {
    long firstSecond = Long.MAX_VALUE;
    final Map<String, Long> orderCents = new HashMap<>();
    final Map<String, Long> orderSecond = new HashMap<>();
  }

  @BeforeAll
  static void generateAndRead() throws IOException {
    ws = GeneratedWorkspace.generate(dir, 2000, 5);
    customers = new TreeMap<>();
    long start = GeneratorSettings.DEFAULT_START.atStartOfDay(GeneratorSettings.ZONE).toEpochSecond();
    CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build();
    for (Path f : ws.files("transactions")) {
      String text = new String(GeneratedWorkspace.gunzip(f), StandardCharsets.UTF_8);
      try (CSVParser p = CSVParser.parse(new StringReader(text), format)) {
        for (CSVRecord r : p) {
          if (r.size() != Block.TRANSACTION_HEADER.length || !clean(r)) {
            continue;
          }
          String status = r.get("status");
          String key = r.get("customer_id").isBlank() ? r.get("email") : r.get("customer_id");
          long second = OffsetDateTime.parse(r.get("order_ts")).toEpochSecond() - start;
          String order = r.get("order_id");
          if (status.equals("returned")) {
            // returned units come off the order's value: what the customer keeps is the spend
            if (returnLines.add(order + "|" + r.get("sku"))) {
              returns.merge(order, Math.round(Double.parseDouble(r.get("amount")) * 100), Long::sum);
            }
            continue;
          }
          if (!status.equals("delivered") && !status.equals("shipped")) {
            continue;
          }
          Customer c = customers.computeIfAbsent(key, k -> new Customer());
          // a dirty duplicate line would count twice; remember lines per order to skip them
          if (c.orderSecond.containsKey(order + "|" + r.get("sku"))) {
            continue;
          }
          c.orderSecond.put(order + "|" + r.get("sku"), second);
          c.orderSecond.put(order, second);
          c.orderCents.merge(order, Math.round(Double.parseDouble(r.get("amount")) * 100), Long::sum);
          c.firstSecond = Math.min(c.firstSecond, second);
        }
      }
    }
    for (Customer c : customers.values()) {
      c.orderCents.replaceAll((order, cents) -> cents + returns.getOrDefault(order, 0L));
    }
  }

  private static boolean clean(CSVRecord r) {
    try {
      OffsetDateTime.parse(r.get("order_ts"));
      Integer.parseInt(r.get("quantity"));
      Double.parseDouble(r.get("amount"));
      Double.parseDouble(r.get("unit_price"));
      return !(r.get("customer_id").isBlank() && r.get("email").isBlank());
    } catch (RuntimeException e) {
      return false;
    }
  }

  @Test
  void everyPersonAndPurchaseIsInTheFiles() {
    JsonNode realised = ws.truth.path("realised");
    assertEquals(realised.path("persons").asLong(), customers.size());
    long purchases = customers.values().stream().mapToLong(c -> c.orderCents.size()).sum();
    assertEquals(realised.path("purchases").asLong(), purchases);
    long zero = customers.values().stream().filter(c -> c.orderCents.size() == 1).count();
    assertEquals(realised.path("share_zero_repeats").asDouble(), (double) zero / customers.size(), 1e-12);
  }

  @Test
  void noCustomerBuysTwiceOnOneCalendarDay() {
    // the CLV step counts purchase days; two process purchases on one day would be counted once
    long start = GeneratorSettings.DEFAULT_START.atStartOfDay(GeneratorSettings.ZONE).toEpochSecond();
    for (Map.Entry<String, Customer> e : customers.entrySet()) {
      java.util.Set<java.time.LocalDate> days = new java.util.HashSet<>();
      for (String order : e.getValue().orderCents.keySet()) {
        long second = e.getValue().orderSecond.get(order);
        days.add(java.time.Instant.ofEpochSecond(start + second).atZone(GeneratorSettings.ZONE).toLocalDate());
      }
      assertEquals(e.getValue().orderCents.size(), days.size(), "orders and purchase days of " + e.getKey());
    }
    assertTrue(ws.truth.path("realised").path("same_day_moves").asLong() > 0, "the heaviest buyers had purchases moved");
  }

  @Test
  void repeatPurchasesMatchTheBgNbdExpectation() {
    JsonNode process = ws.truth.path("purchase_process");
    double r = process.path("r").asDouble();
    double alpha = process.path("alpha").asDouble();
    double a = process.path("a").asDouble();
    double b = process.path("b").asDouble();
    // repeat purchases run on the weekly clock (the yearly season only moves first purchases)
    Seasonality season = Seasonality.weekly(GeneratorSettings.DEFAULT_START, 730, GeneratorSettings.ZONE);
    double total = season.totalOperational();
    int n = customers.size();
    double sum = 0;
    double sumSq = 0;
    double expected = 0;
    for (Customer c : customers.values()) {
      int repeats = c.orderCents.size() - 1;
      sum += repeats;
      sumSq += (double) repeats * repeats;
      expected += BgNbd.expectedRepeats(r, alpha, a, b, total - season.operational(c.firstSecond));
    }
    double mean = sum / n;
    double sd = Math.sqrt(sumSq / n - mean * mean);
    assertEquals(ws.truth.path("realised").path("mean_repeat_purchases").asDouble(), mean, 1e-12);
    double tolerance = 4 * sd / Math.sqrt(n);
    assertEquals(expected / n, mean, tolerance, "mean repeat purchases vs E[X(T)] (4 standard errors)");
  }

  @Test
  void orderValuesMatchTheGammaGammaMean() {
    JsonNode spend = ws.truth.path("spend");
    double theory = spend.path("p").asDouble() * spend.path("gamma").asDouble() / (spend.path("q").asDouble() - 1);
    long orders = 0;
    long cents = 0;
    for (Customer c : customers.values()) {
      for (long v : c.orderCents.values()) {
        assertTrue(v > 0, "order value must be positive: " + v);
        cents += v;
        orders++;
      }
    }
    double mean = cents / 100.0 / orders;
    assertEquals(ws.truth.path("realised").path("mean_order_value").asDouble(), mean, 1e-9);
    // orders of one customer share nu: a cluster-robust standard error, clusters = customers
    double var = 0;
    for (Customer c : customers.values()) {
      double dev = 0;
      for (long v : c.orderCents.values()) {
        dev += v / 100.0 - mean;
      }
      var += dev * dev;
    }
    double se = Math.sqrt(var) / orders;
    assertEquals(theory, mean, 4 * se, "mean order value vs p*gamma/(q-1)");
  }

  @Test
  void ordersFollowWeeklyAndChristmasSeasonality() {
    long[] byMonth = new long[12];
    long[] byDow = new long[7];
    for (Customer c : customers.values()) {
      for (Map.Entry<String, Long> e : c.orderSecond.entrySet()) {
        if (e.getKey().contains("|")) {
          continue;
        }
        LocalDateTime t = LocalDateTime.ofInstant(
            GeneratorSettings.DEFAULT_START.atStartOfDay(GeneratorSettings.ZONE).toInstant().plusSeconds(e.getValue()),
            GeneratorSettings.ZONE);
        byMonth[t.getMonthValue() - 1]++;
        byDow[t.getDayOfWeek().getValue() - 1]++;
      }
    }
    assertTrue(byMonth[11] > 1.3 * byMonth[9], "December busier than October: " + List.of(byMonth[11], byMonth[9]));
    assertTrue(byDow[6] > byDow[5] * 1.2, "Sunday busier than Saturday: " + List.of(byDow[6], byDow[5]));
  }

  @Test
  void surveysAreWorseBeforeCustomersDropOut() throws IOException {
    // from the files: a response after which the customer never ordered again vs one followed by an order
    String text = Files.readString(ws.landing(LandingFiles.SURVEYS_FILE), StandardCharsets.UTF_8);
    DateTimeFormatter f = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm");
    long start = GeneratorSettings.DEFAULT_START.atStartOfDay(GeneratorSettings.ZONE).toEpochSecond();
    double lastSum = 0;
    double otherSum = 0;
    int last = 0;
    int other = 0;
    CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build();
    try (CSVParser p = CSVParser.parse(new StringReader(text), format)) {
      for (CSVRecord r : p) {
        Customer c;
        long s;
        int csat;
        try {
          c = customers.get(r.get("customer_id"));
          s = LocalDateTime.parse(r.get("submitted_at"), f).atZone(GeneratorSettings.ZONE).toEpochSecond() - start;
          csat = Integer.parseInt(r.get("csat"));
        } catch (RuntimeException e) {
          continue; // dirty rows
        }
        if (c == null || s > 600L * 86400) {
          continue; // guests, and late answers whose future we cannot see
        }
        boolean orderedLater = c.orderSecond.values().stream().anyMatch(t -> t > s);
        if (orderedLater) {
          otherSum += csat;
          other++;
        } else {
          lastSum += csat;
          last++;
        }
      }
    }
    assertTrue(last > 30 && other > 30, "enough answers: " + last + ", " + other);
    assertTrue(lastSum / last < otherSum / other - 0.3,
        "CSAT before dropping out " + lastSum / last + " vs otherwise " + otherSum / other);
    JsonNode realised = ws.truth.path("realised");
    assertTrue(realised.path("mean_csat_before_dropout").asDouble() < realised.path("mean_csat_other").asDouble() - 1);
  }
}
