package weka.classifiers.functions.mlp;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import weka.core.Instance;
import weka.core.Instances;
import weka.core.Option;
import weka.core.OptionHandler;

/**
 * What a resumed run (Weka's {@code IterativeClassifier} resume) must find as it was when the run started: the
 * options that shape training (all but {@code -max-iter} and Weka's output options) and the training instances
 * (header, count, and a 64-bit fingerprint of every value and weight, in order). Taken when a run starts with
 * resume on; {@link #requireSameRun} refuses anything else with a message that names what changed.
 */
final class ResumeCheck {

  /** Options that may change between resumed runs: the iteration limit and Weka's output settings. */
  private static final Set<String> MAY_CHANGE = Set.of("max-iter", "output-debug-info", "do-not-check-capabilities",
    "num-decimal-places", "batch-size");

  private static final String SAME_DATA_RULE = " (with resume on, training continues only on the same instances, "
    + "in the same order, with the same weights). Turn resume off to train afresh on this data.";

  private final Map<String, String> options;
  private final Instances header;
  private final int numInstances;
  private final long fingerprint;

  private ResumeCheck(Map<String, String> options, Instances data) {
    this.options = options;
    this.header = new Instances(data, 0);
    this.numInstances = data.numInstances();
    this.fingerprint = fingerprint(data);
  }

  /**
   * @param classifier the classifier whose run starts. Not modified.
   * @param data the training data of the run. Not modified.
   * @return what resuming that run will require
   */
  static ResumeCheck of(OptionHandler classifier, Instances data) {
    return new ResumeCheck(trainingOptions(classifier), data);
  }

  /**
   * @param classifier the classifier about to resume. Not modified.
   * @param data the data it is asked to resume on. Not modified.
   * @throws IllegalArgumentException naming the first option that changed, or how the data differ
   */
  void requireSameRun(OptionHandler classifier, Instances data) {
    String changed = firstChange(options, trainingOptions(classifier));
    if (changed != null) {
      throw new IllegalArgumentException("Cannot resume training with changed options: " + changed + " when the run "
        + "started. Only -max-iter may change between resumed runs; set the option back, or turn resume off to "
        + "train afresh.");
    }
    String difference = header.equalHeadersMsg(data);
    if (difference != null) {
      throw new IllegalArgumentException("Cannot resume training on other data: " + difference + SAME_DATA_RULE);
    }
    if (data.numInstances() != numInstances) {
      throw new IllegalArgumentException("Cannot resume training on other data: the run was started on "
        + numInstances + " instances, this data has " + data.numInstances() + SAME_DATA_RULE);
    }
    if (fingerprint(data) != fingerprint) {
      throw new IllegalArgumentException("Cannot resume training on other data: the run was started on "
        + numInstances + " instances, this data has " + data.numInstances() + " instances with other values or "
        + "weights" + SAME_DATA_RULE);
    }
  }

  /** The options as flag to value (null for a flag without value), without those that may change. */
  private static Map<String, String> trainingOptions(OptionHandler classifier) {
    Map<String, Integer> arguments = new HashMap<>();
    for (Option option : Collections.list(classifier.listOptions())) {
      arguments.put(option.name(), option.numArguments());
    }
    String[] given = classifier.getOptions();
    Map<String, String> result = new LinkedHashMap<>();
    for (int i = 0; i < given.length; i++) {
      String flag = given[i].startsWith("-") ? given[i].substring(1) : given[i];
      String value = arguments.getOrDefault(flag, 0) > 0 && i + 1 < given.length ? given[++i] : null;
      if (!MAY_CHANGE.contains(flag)) {
        result.put(flag, value);
      }
    }
    return result;
  }

  /** @return "-flag is x now, y" (or that a flag is given or gone), or null when nothing changed */
  private static String firstChange(Map<String, String> before, Map<String, String> now) {
    for (Map.Entry<String, String> entry : now.entrySet()) {
      String flag = entry.getKey();
      if (!before.containsKey(flag)) {
        return "-" + flag + " is given now, not";
      }
      String was = before.get(flag);
      String is = entry.getValue();
      if (was != null && !was.equals(is)) {
        return "-" + flag + " is " + shown(is) + " now, " + shown(was);
      }
    }
    for (String flag : before.keySet()) {
      if (!now.containsKey(flag)) {
        return "-" + flag + " is not given now, but was";
      }
    }
    return null;
  }

  private static String shown(String value) {
    return value == null || value.trim().isEmpty() ? "empty" : value;
  }

  /**
   * A 64-bit fingerprint of all values and weights, in instance and attribute order. Each step (xor, multiply by
   * an odd constant, rotate) is one-to-one in the running hash, so changing any single value always changes it.
   */
  static long fingerprint(Instances data) {
    long hash = 0xcbf29ce484222325L;
    for (Instance instance : data) {
      for (int a = 0; a < instance.numAttributes(); a++) {
        hash = mix(hash, Double.doubleToLongBits(instance.value(a)));
      }
      hash = mix(hash, Double.doubleToLongBits(instance.weight()));
    }
    return hash;
  }

  private static long mix(long hash, long bits) {
    return Long.rotateLeft((hash ^ bits) * 0x100000001b3L, 29);
  }
}
