package io.crm.generator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/** Test fixture: a generated workspace and its _truth.json. */
final class GeneratedWorkspace {
  final Path home;
  final GenerationResult result;
  final JsonNode truth;

  private GeneratedWorkspace(Path home, GenerationResult result, JsonNode truth) {
    this.home = home;
    this.result = result;
    this.truth = truth;
  }

  static GeneratedWorkspace generate(Path home, int customers, long seed) {
    try {
      GeneratorSettings settings = new GeneratorSettings(home, customers, 730, seed, GeneratorSettings.DEFAULT_START);
      GenerationResult r = new SampleDataGenerator(settings, TrueParameters.defaults(), line -> { }).run();
      JsonNode truth = new ObjectMapper().readTree(home.resolve("landing/_truth.json").toFile());
      return new GeneratedWorkspace(home, r, truth);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Path landing(String relative) {
    return home.resolve("landing").resolve(relative);
  }

  /** The files of one source, sorted by name. */
  List<Path> files(String source) throws IOException {
    try (Stream<Path> s = Files.list(home.resolve("landing").resolve(source))) {
      return s.sorted().toList();
    }
  }

  Path truncatedFile() {
    return landing(truth.path("truncated_file").path("file").asText());
  }

  long dirty(String source, String kind) {
    return truth.path("sources").path(source).path("dirty").path(kind).asLong(-1);
  }

  /** Whole-file text of a gzip file that is intact. */
  static byte[] gunzip(Path file) throws IOException {
    try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
      return in.readAllBytes();
    }
  }

  /** Lines of an intact gzip file (UTF-8). */
  static List<String> gzipLines(Path file) throws IOException {
    String text = new String(gunzip(file), java.nio.charset.StandardCharsets.UTF_8);
    List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
    if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
      lines.remove(lines.size() - 1);
    }
    return lines;
  }
}
