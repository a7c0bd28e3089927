package io.crm.jobs.report;

import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import com.openhtmltopdf.svgsupport.BatikSVGDrawer;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Prints the report's XHTML to an A4 PDF with openhtmltopdf (PDFBox), the SVG charts drawn as
 * vectors through Batik. Text uses the PDF standard font Helvetica, so nothing has to be
 * installed or embedded for the Latin-1 texts and the euro sign the report needs.
 */
public final class ReportPdf {
  private ReportPdf() {}

  static {
    // openhtmltopdf logs every CSS property it does not know through java.util.logging
    com.openhtmltopdf.util.XRLog.setLoggingEnabled(false);
  }

  public static void write(String xhtml, Path target) throws IOException {
    Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
    try (OutputStream out = Files.newOutputStream(tmp)) {
      PdfRendererBuilder builder = new PdfRendererBuilder();
      builder.useFastMode();
      builder.useSVGDrawer(new BatikSVGDrawer());
      builder.withHtmlContent(xhtml, target.getParent().toUri().toString());
      builder.toStream(out);
      builder.run();
    }
    Files.move(tmp, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }
}
