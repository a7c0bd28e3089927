package io.crm.analytics.churn;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import io.crm.warehouse.Warehouse;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Trained churn models on disk: {@code gold/churn_models/<as_of>/model.ser} (Java serialization
 * of {@link TrainedChurnModel}) next to {@code metadata.json} (features, data window, metrics,
 * version, trained_at). Goes through Hadoop's FileSystem, so file://, hdfs:// and s3a:// roots work.
 */
public final class ChurnModelStore {
  public static final String DIR = "churn_models";
  static final String MODEL = "model.ser";
  static final String METADATA = "metadata.json";

  private final String root;
  private final Configuration conf;

  public ChurnModelStore(Warehouse warehouse) {
    this.root = warehouse.models(DIR);
    this.conf = warehouse.hadoopConf();
  }

  /** Writes the model and its metadata for {@code asOf}, replacing an older one of that date. */
  public String save(LocalDate asOf, TrainedChurnModel model, String metadataJson) {
    Path dir = new Path(root + "/" + asOf);
    try {
      FileSystem fs = dir.getFileSystem(conf);
      fs.mkdirs(dir);
      try (ObjectOutputStream out = new ObjectOutputStream(fs.create(new Path(dir, MODEL), true))) {
        out.writeObject(model);
      }
      try (OutputStream out = fs.create(new Path(dir, METADATA), true)) {
        out.write(metadataJson.getBytes(StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot save the churn model under " + dir, e);
    }
    return dir.toString();
  }

  public TrainedChurnModel load(LocalDate asOf) {
    Path file = new Path(root + "/" + asOf + "/" + MODEL);
    try (ObjectInputStream in = new ObjectInputStream(file.getFileSystem(conf).open(file))) {
      return (TrainedChurnModel) in.readObject();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the churn model " + file, e);
    } catch (ClassNotFoundException | ClassCastException e) {
      throw new IllegalArgumentException("churn model " + file + " was written by an incompatible version: " + e.getMessage(), e);
    }
  }

  public String metadata(LocalDate asOf) {
    Path file = new Path(root + "/" + asOf + "/" + METADATA);
    try (var in = file.getFileSystem(conf).open(file)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /** The newest model date on or before {@code asOf} that has a complete model file. */
  public Optional<LocalDate> latest(LocalDate asOf) {
    Path dir = new Path(root);
    List<LocalDate> dates = new ArrayList<>();
    try {
      FileSystem fs = dir.getFileSystem(conf);
      if (!fs.exists(dir)) {
        return Optional.empty();
      }
      for (FileStatus st : fs.listStatus(dir)) {
        LocalDate d;
        try {
          d = LocalDate.parse(st.getPath().getName());
        } catch (java.time.format.DateTimeParseException e) {
          continue; // not a model folder (e.g. a temporary file); only dated folders hold models
        }
        if (st.isDirectory() && !d.isAfter(asOf) && fs.exists(new Path(st.getPath(), MODEL))) {
          dates.add(d);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return dates.stream().max(LocalDate::compareTo);
  }
}
