package io.crm.warehouse;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

/**
 * The Parquet data files of a table folder as Spark's readers see them: a file or folder whose
 * name starts with {@code _} or {@code .} below the table (one moved aside, one being written,
 * the ranges and markers beside the data) is not part of the table.
 */
public final class DataFiles {
  private DataFiles() {}

  /** The data files under {@code table} in listing order; none when the folder does not exist. */
  public static List<LocatedFileStatus> under(FileSystem fs, Path table) throws IOException {
    List<LocatedFileStatus> out = new ArrayList<>();
    visit(fs, table, out, Integer.MAX_VALUE);
    return out;
  }

  /** Whether {@code table} holds a data file; stops at the first. */
  public static boolean exist(FileSystem fs, Path table) throws IOException {
    List<LocatedFileStatus> first = new ArrayList<>(1);
    visit(fs, table, first, 1);
    return !first.isEmpty();
  }

  private static void visit(FileSystem fs, Path table, List<LocatedFileStatus> out, int most) throws IOException {
    if (!fs.exists(table)) {
      return;
    }
    String root = withoutTrailingSlash(fs.makeQualified(table).toUri().getPath());
    RemoteIterator<LocatedFileStatus> it = fs.listFiles(table, true);
    while (it.hasNext() && out.size() < most) {
      LocatedFileStatus f = it.next();
      if (f.getPath().getName().endsWith(".parquet") && visible(root, f.getPath())) {
        out.add(f);
      }
    }
  }

  /** Whether no name from the file up to (not including) the table folder starts with _ or . */
  private static boolean visible(String root, Path file) {
    for (Path p = file; p != null && !withoutTrailingSlash(p.toUri().getPath()).equals(root); p = p.getParent()) {
      if (p.getName().startsWith("_") || p.getName().startsWith(".")) {
        return false;
      }
    }
    return true;
  }

  private static String withoutTrailingSlash(String path) {
    return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
  }
}
