package org.wekamlp.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import weka.core.Attribute;
import weka.core.Instances;
import weka.core.converters.ConverterUtils.DataSource;

/**
 * Loads every data set in {@code datasets/} with Weka and checks it against the table in
 * {@code datasets/README.md}: rows, attributes, class attribute and SHA-256. The README is the
 * single place the expected numbers are written down, so the documentation cannot drift from the
 * files.
 */
class DatasetsTest {

  /** One row of the README table, e.g. {@code | `iris.arff` | 150 | 5 | `class`, nominal, 3 values | `7d34...` |}. */
  private static final Pattern TABLE_ROW = Pattern.compile(
    "^\\|\\s*`([^`]+\\.arff(?:\\.gz)?)`\\s*\\|\\s*([\\d,]+)\\s*\\|\\s*(\\d+)\\s*\\|"
      + "\\s*`([^`]+)`,\\s*(?:nominal,\\s*(\\d+) values|(numeric))\\s*\\|"
      + "\\s*`([0-9a-f]{64})`\\s*\\|.*$");

  private static final class Expected {

    final String file;
    final int rows;
    final int attributes;
    final String classAttribute;
    final int classValues; // -1 for a numeric class
    final String sha256;

    Expected(Matcher m) {
      file = m.group(1);
      rows = Integer.parseInt(m.group(2).replace(",", ""));
      attributes = Integer.parseInt(m.group(3));
      classAttribute = m.group(4);
      classValues = m.group(5) != null ? Integer.parseInt(m.group(5)) : -1;
      sha256 = m.group(7);
    }
  }

  /** Surefire runs with the project directory as working directory; honour basedir if set. */
  private static Path datasetsDir() {
    return Paths.get(System.getProperty("basedir", ".")).resolve("datasets");
  }

  private static List<Expected> readmeTable() throws IOException {
    List<Expected> rows = new ArrayList<>();
    for (String line : Files.readAllLines(datasetsDir().resolve("README.md"),
      StandardCharsets.UTF_8)) {
      Matcher m = TABLE_ROW.matcher(line.trim());
      if (m.matches()) {
        rows.add(new Expected(m));
      }
    }
    return rows;
  }

  private static String sha256(Path file) throws Exception {
    MessageDigest md = MessageDigest.getInstance("SHA-256");
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), md)) {
      byte[] buf = new byte[1 << 16];
      while (in.read(buf) >= 0) {
        // reading feeds the digest
      }
    }
    StringBuilder hex = new StringBuilder();
    for (byte b : md.digest()) {
      hex.append(String.format("%02x", b));
    }
    return hex.toString();
  }

  @Test
  void everyArffFileIsDocumentedAndEveryDocumentedFileExists() throws IOException {
    Set<String> documented = readmeTable().stream().map(e -> e.file)
      .collect(Collectors.toCollection(TreeSet::new));
    assertFalse(documented.isEmpty(), "datasets/README.md has no table rows");
    Set<String> present;
    try (Stream<Path> files = Files.list(datasetsDir())) {
      present = files.map(p -> p.getFileName().toString())
        .filter(n -> n.endsWith(".arff") || n.endsWith(".arff.gz"))
        .collect(Collectors.toCollection(TreeSet::new));
    }
    assertEquals(documented, present, "files in datasets/ vs. rows of datasets/README.md");
  }

  @TestFactory
  Stream<DynamicTest> eachDatasetLoadsWithTheDocumentedShape() throws IOException {
    return readmeTable().stream().map(e -> DynamicTest.dynamicTest(e.file, () -> {
      Path file = datasetsDir().resolve(e.file);
      assertTrue(Files.isRegularFile(file), file + " exists");
      assertEquals(e.sha256, sha256(file), e.file + " sha256 (update README.md if regenerated)");

      long start = System.nanoTime();
      Instances data = DataSource.read(file.toString());
      double seconds = (System.nanoTime() - start) / 1e9;
      System.out.printf("DatasetsTest: loaded %s (%d x %d) in %.2f s%n", e.file,
        data.numInstances(), data.numAttributes(), seconds);

      assertEquals(e.rows, data.numInstances(), e.file + " rows");
      assertEquals(e.attributes, data.numAttributes(), e.file + " attributes");
      // Every file here keeps its target last, which is what Weka's -c last assumes.
      Attribute cls = data.attribute(data.numAttributes() - 1);
      assertEquals(e.classAttribute, cls.name(), e.file + " class attribute name");
      if (e.classValues < 0) {
        assertTrue(cls.isNumeric(), e.file + " class attribute is numeric");
      } else {
        assertTrue(cls.isNominal(), e.file + " class attribute is nominal");
        assertEquals(e.classValues, cls.numValues(), e.file + " number of classes");
      }
    }));
  }
}
