package io.crm.generator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * `crm generate --continue-days N`: continues a generated workspace by N days, the way a shop's
 * nightly exports arrive: one file per source per day in landing/, the same people with their
 * histories continued (see {@link PersonSimulator#continueDays}), and landing/_truth.json
 * updated with a "continuation" section.
 *
 * <p>The settings come from _truth.json. Each person is simulated over the generated period once
 * more (nothing of it is written) to know where they stand at its end, then continued day by day
 * from there. Days draw from their own random streams, so continuing by 3 days writes the same
 * bytes as continuing by 1 three times.
 */
public final class NightlyArrivals {
  /** Days the continuation calendars span; far more than a benchmark or a test continues. */
  static final int CALENDAR_DAYS = 3660;
  /** Returns and survey answers come up to 30 days after an order; the text clock covers them. */
  private static final int AFTERMATH_DAYS = 40;
  private static final int BLOCK = 100;

  private final Path home;
  private final int days;
  private final Consumer<String> progress;

  public NightlyArrivals(Path home, int days, Consumer<String> progress) {
    if (days < 1) {
      throw new IllegalArgumentException("generate: --continue-days must be at least 1, got " + days);
    }
    this.home = home;
    this.days = days;
    this.progress = progress;
  }

  public ArrivalsResult run() throws IOException {
    long started = System.nanoTime();
    Path landing = home.resolve("landing");
    Path truthFile = landing.resolve("_truth.json");
    if (!Files.isRegularFile(truthFile)) {
      throw new IllegalArgumentException("generate: " + truthFile + " not found; continuing needs a workspace written by crm generate");
    }
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode truthJson = (ObjectNode) mapper.readTree(truthFile.toFile());
    JsonNode gen = truthJson.path("generator");
    GeneratorSettings settings = new GeneratorSettings(home, gen.path("customers").asInt(), gen.path("days").asInt(),
        gen.path("seed").asLong(), LocalDate.parse(gen.path("start").asText()));
    int fromDay = truthJson.path("continuation").path("days").asInt(0);
    int toDay = fromDay + days;
    if (toDay > CALENDAR_DAYS - AFTERMATH_DAYS) {
      throw new IllegalArgumentException("generate: a workspace can be continued by at most "
          + (CALENDAR_DAYS - AFTERMATH_DAYS) + " days in all; it has " + fromDay + ", asked for " + days + " more");
    }
    TrueParameters truth = TrueParameters.defaults();
    LocalDate origin = settings.end();

    // the period as `crm generate` simulated it, to find where each person stands at its end
    Seasonality season = Seasonality.yearly(settings.start(), settings.days(), GeneratorSettings.ZONE);
    Seasonality purchaseClock = Seasonality.weekly(settings.start(), settings.days(), GeneratorSettings.ZONE);
    Clock clock = new Clock(season.startInstant(), season.hours(), GeneratorSettings.ZONE);
    Catalog catalog = new Catalog(settings.seed());
    Seasonality acquisition = Seasonality.acquisition(settings.start(), settings.days(), GeneratorSettings.ZONE);
    PersonSimulator period = new PersonSimulator(settings, truth, season, acquisition, purchaseClock, clock, catalog);
    long offset = season.hours() * 3600L;

    // calendars from the end of the period on, of a fixed length so that they never depend on N
    Seasonality nextSeason = Seasonality.yearly(origin, CALENDAR_DAYS, GeneratorSettings.ZONE);
    Seasonality nextPurchases = Seasonality.weekly(origin, CALENDAR_DAYS, GeneratorSettings.ZONE);
    Clock nextClock = new Clock(nextSeason.startInstant(),
        (int) (nextSeason.dayStart(toDay + AFTERMATH_DAYS) / 3600), GeneratorSettings.ZONE);
    PersonSimulator after = new PersonSimulator(settings, truth, nextSeason, nextSeason, nextPurchases, nextClock, catalog);

    long[][] dirty = new long[Source.values().length][DirtKind.values().length];
    int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
    ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "crm-generate");
      t.setDaemon(true);
      return t;
    });
    DayFiles files = new DayFiles(landing, origin.plusDays(fromDay), days);
    try {
      ArrayDeque<Future<Block>> inFlight = new ArrayDeque<>();
      int next = 0;
      int done = 0;
      int reportedTenth = 0;
      while (done < settings.customers()) {
        while (next < settings.customers() && inFlight.size() < threads * 2) {
          int first = next;
          int count = Math.min(BLOCK, settings.customers() - first);
          inFlight.add(pool.submit(() -> {
            Block history = new Block(first, count, clock, truth.dirtyRate(), -1);
            Block night = new Block(first, count, nextClock, truth.dirtyRate(), nextSeason, fromDay, toDay);
            for (int i = first; i < first + count; i++) {
              period.simulate(i, history);
              PersonSimulator.Ending e = history.endings[i - first];
              long activeUntil = e.activeUntil() == Long.MAX_VALUE ? Long.MAX_VALUE : e.activeUntil() - offset;
              after.continueDays(i, e, activeUntil, toDay, night);
            }
            return night;
          }));
          next += count;
        }
        Block b = await(inFlight.poll());
        files.append(b);
        for (int s = 0; s < dirty.length; s++) {
          for (int k = 0; k < dirty[s].length; k++) {
            dirty[s][k] += b.dirty[s][k];
          }
        }
        done += b.count;
        int tenth = (int) (10L * done / settings.customers());
        if (tenth > reportedTenth) {
          reportedTenth = tenth;
          progress.accept(String.format("  %3d%%  %,d of %,d customers  (%.1f s)", tenth * 10, done,
              settings.customers(), (System.nanoTime() - started) / 1e9));
        }
      }
    } finally {
      pool.shutdownNow();
      files.close();
    }

    List<ArrivalsResult.Night> nights = new ArrayList<>();
    for (int d = 0; d < days; d++) {
      Map<String, Long> rows = new LinkedHashMap<>();
      for (Source s : Source.values()) {
        rows.put(s.key(), files.rows[s.ordinal()][d]);
      }
      nights.add(new ArrivalsResult.Night(origin.plusDays(fromDay + d), rows, files.files(d)));
    }
    updateTruth(truthJson, origin, toDay, nights, dirty);
    // the truth names the new days last, and in one rename: a run killed before it writes them again
    Path truthPart = truthFile.resolveSibling("." + truthFile.getFileName() + ".part");
    Files.writeString(truthPart, Json.write(truthJson), StandardCharsets.UTF_8);
    Files.move(truthPart, truthFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    long dirtyRows = 0;
    for (long[] perSource : dirty) {
      for (long n : perSource) {
        dirtyRows += n;
      }
    }
    return new ArrivalsResult(home, settings.customers(), nights, dirtyRows, (System.nanoTime() - started) / 1e9);
  }

  /** Adds the new days to the "continuation" section (created on the first continuation) and to "files". */
  private static void updateTruth(ObjectNode root, LocalDate origin, int toDay, List<ArrivalsResult.Night> nights,
      long[][] dirty) {
    ObjectNode c = root.has("continuation") ? (ObjectNode) root.get("continuation") : root.putObject("continuation");
    c.put("note", "days after generator.end_exclusive, written by `crm generate --continue-days`: one file per source "
        + "per day; the same persons continue (BG/NBD purchases while alive, browsing while interested, ERP records "
        + "updated after orders, consent changes in the newsletter tool), no new customers; rows include dirty rows "
        + "at the same rate; orders are 'shipped', returns and survey answers arrive 2-30 days after their order");
    c.put("first_day", origin.toString());
    c.put("days", toDay);
    c.put("end_exclusive", origin.plusDays(toDay).toString());
    ObjectNode sources = c.has("sources") ? (ObjectNode) c.get("sources") : c.putObject("sources");
    for (Source s : Source.values()) {
      ObjectNode m = sources.has(s.key()) ? (ObjectNode) sources.get(s.key()) : sources.putObject(s.key());
      long rows = m.path("rows").asLong(0);
      for (ArrivalsResult.Night n : nights) {
        rows += n.rowsBySource().get(s.key());
      }
      ObjectNode kinds = m.has("dirty") ? (ObjectNode) m.get("dirty") : m.putObject("dirty");
      long d = 0;
      for (DirtKind k : s.kinds()) {
        long count = kinds.path(k.key()).asLong(0) + dirty[s.ordinal()][k.ordinal()];
        kinds.put(k.key(), count);
        d += count;
      }
      m.put("rows", rows);
      m.put("dirty_rows", d);
      m.remove("dirty");
      m.set("dirty", kinds);
    }
    ArrayNode list = c.has("nights") ? (ArrayNode) c.get("nights") : c.putArray("nights");
    ArrayNode allFiles = root.has("files") ? (ArrayNode) root.get("files") : root.putArray("files");
    for (ArrivalsResult.Night n : nights) {
      ObjectNode night = list.addObject();
      night.put("day", n.day().toString());
      ObjectNode rows = night.putObject("rows");
      n.rowsBySource().forEach(rows::put);
      ArrayNode f = night.putArray("files");
      n.files().forEach(f::add);
      n.files().forEach(allFiles::add);
    }
  }

  private static Block await(Future<Block> f) throws IOException {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("generate: interrupted", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException re) {
        throw re;
      }
      throw new IOException("generate: a block failed: " + cause, cause);
    }
  }
}
