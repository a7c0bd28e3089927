package io.crm.jobs.cluster;

import io.crm.jobs.cli.Crm;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * What a cluster installation and a submission consist of, made from the test's own classpath:
 * a SPARK_HOME with {@code jars/} linking every third-party jar (Spark, Hadoop and the libraries
 * our code uses), and {@code crm-app.jar} with the classes and resources of our modules, which
 * stay out of {@code jars/} so executors can only get them the way a real cluster does, from the
 * submitted application jar.
 */
record SparkDistribution(Path sparkHome, Path appJar, List<Path> thirdParty, List<Path> ours) {

  static final String APP_JAR = "crm-app.jar";

  static SparkDistribution create(Path dir) throws IOException {
    Path root = projectRoot();
    List<Path> thirdParty = new ArrayList<>();
    List<Path> ours = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      Path p = Path.of(entry).toAbsolutePath().normalize();
      if (!Files.exists(p) || p.getFileName().toString().equals("test-classes")) {
        continue;
      }
      if (p.startsWith(root)) {
        ours.add(p);
      } else if (p.toString().endsWith(".jar") && !p.getFileName().toString().startsWith("hadoop-client-minicluster")) {
        // the in-process HDFS of HdfsWarehouseTest is no part of a Spark installation
        thirdParty.add(p);
      }
    }
    Path jars = Files.createDirectories(dir.resolve("spark/jars"));
    Set<String> names = new HashSet<>();
    for (Path jar : thirdParty) {
      String name = jar.getFileName().toString();
      // two artifacts may share a file name; the link name only has to be unique
      Files.createSymbolicLink(jars.resolve(names.add(name) ? name : names.size() + "-" + name), jar);
    }
    Path appJar = dir.resolve(APP_JAR);
    writeAppJar(appJar, ours);
    return new SparkDistribution(dir.resolve("spark"), appJar, List.copyOf(thirdParty), List.copyOf(ours));
  }

  /** The `java -cp` value that puts every jar of {@code jars/} on a daemon's or driver's classpath. */
  String jarsClasspath() {
    return sparkHome.resolve("jars") + File.separator + "*";
  }

  /**
   * The folder holding our modules: where the crm classes were loaded from is
   * {@code <root>/jobs/target/classes} or {@code <root>/jobs/target/crm.jar}.
   */
  private static Path projectRoot() {
    try {
      Path location = Path.of(Crm.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      return location.toAbsolutePath().normalize().getParent().getParent().getParent();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * One jar from our modules' class folders or jars, the way `mvn -Pcluster package` makes one
   * crm.jar: the first copy of a path wins, directories get entries so resource folders resolve.
   */
  private static void writeAppJar(Path target, List<Path> sources) throws IOException {
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, Crm.class.getName());
    Set<String> written = new HashSet<>(Set.of("META-INF/", JarFile.MANIFEST_NAME));
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(target), manifest)) {
      for (Path source : sources) {
        if (Files.isDirectory(source)) {
          try (Stream<Path> files = Files.walk(source)) {
            for (Path f : files.sorted().toList()) {
              if (f.equals(source)) {
                continue;
              }
              String name = source.relativize(f).toString().replace(File.separatorChar, '/') + (Files.isDirectory(f) ? "/" : "");
              if (written.add(name)) {
                out.putNextEntry(new JarEntry(name));
                if (!Files.isDirectory(f)) {
                  Files.copy(f, out);
                }
                out.closeEntry();
              }
            }
          }
        } else {
          try (JarFile jar = new JarFile(source.toFile())) {
            for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
              JarEntry entry = e.nextElement();
              if (written.add(entry.getName())) {
                out.putNextEntry(new JarEntry(entry.getName()));
                try (var in = jar.getInputStream(entry)) {
                  in.transferTo(out);
                }
                out.closeEntry();
              }
            }
          }
        }
      }
    }
  }
}
