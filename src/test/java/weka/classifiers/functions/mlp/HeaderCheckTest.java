package weka.classifiers.functions.mlp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import weka.classifiers.functions.MultilayerPerceptronClassifier;
import weka.core.Attribute;
import weka.core.Instances;

/**
 * The data to predict are checked against the training header once per data set, and again whenever that data
 * set's header has been changed in place since (attributes added, deleted, renamed, values renamed, another
 * class), for one-by-one and batch prediction alike.
 */
class HeaderCheckTest {

  private static Instances iris;
  private static MultilayerPerceptronClassifier mlp;

  @BeforeAll
  static void train() throws Exception {
    iris = TestDatasets.load("iris.arff");
    mlp = new MultilayerPerceptronClassifier();
    mlp.setMaxIterations(2);
    mlp.buildClassifier(iris);
  }

  /** A copy of iris, predicted once (so its header has been checked and accepted). */
  private static Instances checkedCopy() throws Exception {
    Instances copy = new Instances(iris);
    assertArrayEquals(mlp.distributionForInstance(iris.instance(0)), mlp.distributionForInstance(copy.instance(0)),
      0.0);
    mlp.distributionsForInstances(copy);
    return copy;
  }

  private static void assertRefused(String change, Instances changed) {
    Exception e = assertThrows(IllegalArgumentException.class, () -> mlp.distributionForInstance(changed.instance(0)),
      change);
    assertTrue(e.getMessage().startsWith("The data to predict differ from the training data: "), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> mlp.distributionsForInstances(changed), change);
    assertTrue(e.getMessage().startsWith("The data to predict differ from the training data: "), e.getMessage());
  }

  @Test
  void aHeaderChangedInPlaceAfterTheFirstCheckIsCheckedAgain() throws Exception {
    Map<String, Consumer<Instances>> changes = new LinkedHashMap<>();
    changes.put("attribute deleted", data -> data.deleteAttributeAt(1));
    changes.put("attribute added", data -> data.insertAttributeAt(new Attribute("extra"), 0));
    changes.put("attribute renamed", data -> data.renameAttribute(2, "petal-length"));
    changes.put("another class", data -> data.setClassIndex(0));
    for (Map.Entry<String, Consumer<Instances>> change : changes.entrySet()) {
      Instances copy = checkedCopy();
      change.getValue().accept(copy);
      assertRefused(change.getKey(), copy);
    }
  }

  @Test
  void aValueRenamedAfterTheFirstCheckIsFound() throws Exception {
    // Weka renames a value in every data set that shares the attribute (its copies share the value list), so a
    // data set of its own: the model's header is its own deep copy and keeps the names it was trained with
    Instances values = TestDatasets.load("iris.arff");
    mlp.distributionForInstance(values.instance(0));
    values.renameAttributeValue(4, 1, "Iris-unknown");
    assertRefused("value renamed", values);
  }

  @Test
  void anAttributeReplacedByAnEqualOneIsAcceptedAgain() throws Exception {
    Instances copy = checkedCopy();
    copy.renameAttribute(0, "renamed");
    copy.renameAttribute(0, iris.attribute(0).name());
    assertArrayEquals(mlp.distributionForInstance(iris.instance(3)), mlp.distributionForInstance(copy.instance(3)),
      0.0);
    assertTrue(Arrays.deepEquals(mlp.distributionsForInstances(iris), mlp.distributionsForInstances(copy)));
  }
}
