package io.crm.generator;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;

/**
 * The `crm generate` step: writes a sample workspace (crm.yaml, landing/ files and
 * landing/_truth.json) for a simulated customer base.
 *
 * <p>Customers are simulated in blocks on a small thread pool and the blocks are written in
 * order, so memory stays bounded by the blocks in flight and the output is the same whatever the
 * number of threads. One access-log gzip is cut off afterwards, mid-stream, on purpose.
 */
public final class SampleDataGenerator {
  private static final int BLOCK = 100;
  /** Share of its compressed bytes the truncated file keeps. */
  private static final double TRUNCATE_AT = 0.6;

  private final GeneratorSettings settings;
  private final TrueParameters truth;
  private final Consumer<String> progress;

  public SampleDataGenerator(GeneratorSettings settings, TrueParameters truth, Consumer<String> progress) {
    this.settings = settings;
    this.truth = truth;
    this.progress = progress;
  }

  public GenerationResult run() throws IOException {
    long started = System.nanoTime();
    Path home = settings.home();
    Path landing = home.resolve("landing");
    Files.createDirectories(landing);
    removePreviousOutput(landing);
    Seasonality season = Seasonality.yearly(settings.start(), settings.days(), GeneratorSettings.ZONE);
    Seasonality purchaseClock = Seasonality.weekly(settings.start(), settings.days(), GeneratorSettings.ZONE);
    Clock clock = new Clock(season.startInstant(), season.hours(), GeneratorSettings.ZONE);
    Catalog catalog = new Catalog(settings.seed());
    Seasonality acquisition = Seasonality.acquisition(settings.start(), settings.days(), GeneratorSettings.ZONE);
    PersonSimulator simulator = new PersonSimulator(settings, truth, season, acquisition, purchaseClock, clock, catalog);
    int truncatedMonth = clock.months() / 2;

    Tally tally = new Tally();
    long[] rows = new long[Source.values().length];
    long[][] dirty = new long[Source.values().length][DirtKind.values().length];
    int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
    ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "crm-generate");
      t.setDaemon(true);
      return t;
    });
    LandingFiles files = new LandingFiles(landing, clock);
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
            Block b = new Block(first, count, clock, truth.dirtyRate(), truncatedMonth);
            for (int i = first; i < first + count; i++) {
              simulator.simulate(i, b);
            }
            return b;
          }));
          next += count;
        }
        Block b = await(inFlight.poll());
        files.append(b);
        tally.add(b.tally);
        for (int s = 0; s < rows.length; s++) {
          rows[s] += b.rows[s];
          for (int k = 0; k < DirtKind.values().length; k++) {
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

    Path truncated = files.monthlyPath(Source.WEB_LOGS.ordinal(), truncatedMonth);
    long linesInTruncated = files.monthlyRows[Source.WEB_LOGS.ordinal()][truncatedMonth];
    Map<String, Object> truncation = truncate(landing, truncated, linesInTruncated);

    List<String> written = files.files();
    long bytes = 0;
    for (String f : written) {
      bytes += Files.size(landing.resolve(f));
    }
    Files.writeString(landing.resolve("_truth.json"),
        Json.write(new TruthReport(settings, truth, purchaseClock).build(tally, rows, dirty, truncation, written)),
        StandardCharsets.UTF_8);
    Files.writeString(home.resolve("crm.yaml"), CrmYaml.text(settings), StandardCharsets.UTF_8);

    Map<String, Long> rowsBySource = new LinkedHashMap<>();
    Map<String, Map<String, Long>> dirtyBySource = new LinkedHashMap<>();
    long dirtyTotal = 0;
    for (Source s : Source.values()) {
      rowsBySource.put(s.key(), rows[s.ordinal()]);
      Map<String, Long> kinds = new LinkedHashMap<>();
      for (DirtKind k : s.kinds()) {
        kinds.put(k.key(), dirty[s.ordinal()][k.ordinal()]);
        dirtyTotal += dirty[s.ordinal()][k.ordinal()];
      }
      dirtyBySource.put(s.key(), kinds);
    }
    return new GenerationResult(home, settings.customers(), rowsBySource, dirtyBySource, dirtyTotal,
        written.size() + 2, bytes, landing.relativize(truncated).toString(), (System.nanoTime() - started) / 1e9);
  }

  /**
   * Deletes what an earlier `crm generate` wrote to the landing folders (and only that, by file
   * name, the days of `--continue-days` included), so a run with another start date or period
   * leaves no stale months or days behind.
   */
  private static void removePreviousOutput(Path landing) throws IOException {
    java.util.regex.Pattern ours = java.util.regex.Pattern.compile(
        "(orders|access|events)-\\d{4}-\\d{2}(-\\d{2})?\\.(csv|log|jsonl)\\.gz"
            + "|(newsletter-contacts|kundenstamm-export|survey-responses)(-\\d{4}-\\d{2}-\\d{2})?\\.csv");
    for (Source s : Source.values()) {
      Path folder = landing.resolve(s.key());
      if (!Files.isDirectory(folder)) {
        continue;
      }
      try (java.util.stream.Stream<Path> files = Files.list(folder)) {
        for (Path f : files.toList()) {
          if (Files.isRegularFile(f) && ours.matcher(f.getFileName().toString()).matches()) {
            Files.delete(f);
          }
        }
      }
    }
    Files.deleteIfExists(landing.resolve("_truth.json"));
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

  /** Cuts the file to a share of its bytes and counts the complete lines still readable. */
  private static Map<String, Object> truncate(Path landing, Path file, long linesWritten) throws IOException {
    long size = Files.size(file);
    long keep = Math.max(20, (long) (size * TRUNCATE_AT));
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
      ch.truncate(keep);
    }
    long complete = 0;
    long partialBytes = 0;
    boolean ended = false;
    try (InputStream in = new GZIPInputStream(Files.newInputStream(file), 1 << 16)) {
      byte[] buf = new byte[1 << 16];
      int n;
      while ((n = in.read(buf)) > 0) {
        for (int i = 0; i < n; i++) {
          if (buf[i] == '\n') {
            complete++;
            partialBytes = 0;
          } else {
            partialBytes++;
          }
        }
      }
      ended = true;
    } catch (EOFException expected) {
      // the point of the exercise: the stream ends early
    }
    if (ended) {
      throw new IllegalStateException("generate: " + file + " still decompresses completely after truncation");
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("source", Source.WEB_LOGS.key());
    m.put("file", landing.relativize(file).toString());
    m.put("bytes_before", size);
    m.put("bytes_after", keep);
    m.put("lines_written", linesWritten);
    m.put("complete_lines_readable", complete);
    m.put("partial_line_bytes", partialBytes);
    m.put("note", "no dirty rows were injected into this file; read until the gzip stream breaks");
    return m;
  }
}
