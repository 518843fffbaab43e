package weka.classifiers.functions.mlp;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import weka.classifiers.functions.MultilayerPerceptronRegressor;

/**
 * Messages that name command-line flags live in the Weka layer: no string literal in the core's sources names a
 * flag of the option table (the core names settings by field, e.g. {@code {alpha}}, and the Weka layer renders
 * them as {@code -alpha}).
 */
class CoreNamesNoFlagsTest {

  private static final Pattern STRING_LITERAL = Pattern.compile("\"(?:[^\"\\\\\\n]|\\\\.)*\"");

  @Test
  void noCoreStringLiteralNamesAFlag() throws IOException {
    List<String> flags = new ArrayList<>();
    for (OptionSpec<AbstractMultilayerPerceptron, ?> spec : ((AbstractMultilayerPerceptron) new MultilayerPerceptronRegressor())
      .optionSpecs()) {
      flags.add(spec.flag());
    }
    assertTrue(flags.contains("learning-rate-init") && flags.contains("tol"), flags.toString());
    Pattern flag = Pattern.compile("(?<![\\w-])-(" + String.join("|", flags) + ")(?![\\w-])");
    List<Path> files;
    try (Stream<Path> walk = Files.walk(Paths.get("src/main/java/org/wekamlp/core"))) {
      files = walk.filter(p -> p.toString().endsWith(".java")).collect(Collectors.toList());
    }
    assertTrue(files.size() >= 15, "expected the core sources, found " + files.size());
    for (Path file : files) {
      Matcher literal = STRING_LITERAL.matcher(new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
      while (literal.find()) {
        assertTrue(!flag.matcher(literal.group()).find(), file + " names a flag in " + literal.group());
      }
    }
  }
}
