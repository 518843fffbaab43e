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

/** The numerical core knows matrices, not instances: no source file under org/wekamlp/core imports Weka. */
class ArchitectureTest {

  @Test
  void coreImportsNothingFromWeka() throws IOException {
    Path core = Paths.get("src/main/java/org/wekamlp/core");
    Pattern wekaReference = Pattern.compile("(?m)^\\s*import\\s+(static\\s+)?weka\\.|\\bweka\\.(core|classifiers)\\.");
    List<Path> files;
    try (Stream<Path> walk = Files.walk(core)) {
      files = walk.filter(p -> p.toString().endsWith(".java")).collect(Collectors.toList());
    }
    assertTrue(files.size() >= 15, "expected the core sources, found " + files.size());
    for (Path file : files) {
      String source = new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.UTF_8);
      assertTrue(!wekaReference.matcher(source).find(), file + " refers to Weka");
    }
  }
}
