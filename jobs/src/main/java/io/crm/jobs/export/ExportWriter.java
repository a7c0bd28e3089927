package io.crm.jobs.export;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Writes an export file whole or not at all: into a hidden file beside it, then renamed. */
public final class ExportWriter {
  private ExportWriter() {}

  public static void write(ExportTable table, ExportFormat format, Path file) {
    Path target = file.toAbsolutePath();
    Path tmp = target.resolveSibling("." + target.getFileName() + ".part");
    try {
      Files.createDirectories(target.getParent());
      try (OutputStream out = Files.newOutputStream(tmp)) {
        switch (format) {
          case CSV -> new CsvExportWriter(false).write(table, out);
          case EXCEL_DE -> new CsvExportWriter(true).write(table, out);
          case XLSX -> new XlsxExportWriter().write(table, out);
        }
      }
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      try {
        Files.deleteIfExists(tmp);
      } catch (IOException ignored) {
        // the original error is the one worth reporting
      }
      throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
    }
  }
}
