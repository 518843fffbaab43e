package org.wekamlp.core;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The layering of the sources: the numerical core knows matrices, not instances (no source file under
 * org/wekamlp/core imports Weka), and only the backend package knows about native code (no other source file
 * imports {@code org.bytedeco}).
 */
class ArchitectureTest {

  private static final Path MAIN = Paths.get("src/main/java");
  private static final Path CORE = MAIN.resolve("org/wekamlp/core");
  private static final Path BACKEND = CORE.resolve("backend");

  private static List<Path> sources(Path root) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(p -> p.toString().endsWith(".java")).collect(Collectors.toList());
    }
  }

  private static String read(Path file) throws IOException {
    return new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.UTF_8);
  }

  @Test
  void coreImportsNothingFromWeka() throws IOException {
    Pattern wekaReference = Pattern.compile("(?m)^\\s*import\\s+(static\\s+)?weka\\.|\\bweka\\.(core|classifiers)\\.");
    List<Path> files = sources(CORE);
    assertTrue(files.size() >= 15, "expected the core sources, found " + files.size());
    for (Path file : files) {
      assertTrue(!wekaReference.matcher(read(file)).find(), file + " refers to Weka");
    }
  }

  @Test
  void onlyTheBackendPackageImportsNativeCode() throws IOException {
    Pattern nativeReference = Pattern.compile("(?m)^\\s*import\\s+(static\\s+)?org\\.bytedeco\\.|\\borg\\.bytedeco\\.");
    List<Path> files = sources(MAIN);
    int backendFilesUsingIt = 0;
    for (Path file : files) {
      boolean refers = nativeReference.matcher(read(file)).find();
      if (file.startsWith(BACKEND)) {
        backendFilesUsingIt += refers ? 1 : 0;
      } else {
        assertTrue(!refers, file + " refers to org.bytedeco outside " + BACKEND);
      }
    }
    assertTrue(backendFilesUsingIt >= 2, "expected the OpenBLAS backend under " + BACKEND);
  }

  @Test
  void theBackendPackageImportsNothingElseOfTheProject() throws IOException {
    Pattern projectReference = Pattern.compile(
      "(?m)^\\s*import\\s+(static\\s+)?(org\\.wekamlp\\.(?!core\\.backend\\.)|weka\\.)");
    for (Path file : sources(BACKEND)) {
      assertTrue(!projectReference.matcher(read(file)).find(), file + " imports from outside the backend package");
    }
  }
}
