package weka.classifiers.functions.mlp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InvalidObjectException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import weka.classifiers.functions.MultilayerPerceptronClassifier;
import weka.classifiers.functions.MultilayerPerceptronRegressor;
import weka.core.Instances;
import weka.core.SerializationHelper;

/**
 * The fitted model apart from the classifier: it predicts and describes itself exactly as the classifier does, a
 * model handed out never changes when training goes on, it survives serialization on its own, and a model saved by
 * version 0.1 is refused with a message naming the version.
 */
class FittedModelTest {

  @Test
  void theModelPredictsAndDescribesItselfAsTheClassifierDoes() throws Exception {
    Instances cpu = TestDatasets.load("cpu.arff");
    MultilayerPerceptronRegressor mlp = new MultilayerPerceptronRegressor();
    mlp.setOptions(new String[] {"-hidden-layer-sizes", "8", "-max-iter", "30"});
    mlp.buildClassifier(cpu);
    MlpModel model = mlp.getModel();
    assertSame(model, mlp.getModel(), "a finished model is not copied again");
    MlpModel copy = (MlpModel) SerializationHelper.read(new java.io.ByteArrayInputStream(serialize(model)));
    double[][] batch = copy.distributionsForInstances(cpu, 2);
    for (int i = 0; i < cpu.numInstances(); i++) {
      assertArrayEquals(mlp.distributionForInstance(cpu.instance(i)), model.distributionForInstance(cpu.instance(i)),
        0.0);
      assertArrayEquals(model.distributionForInstance(cpu.instance(i)), batch[i], 1e-9 * Math.abs(batch[i][0]));
    }
    assertEquals(mlp.toString(), model.describe("MultilayerPerceptronRegressor"));
    assertTrue(model.describe("X").contains("target standardized internally"), model.describe("X"));
    assertEquals(30, model.report().history().epochs());
  }

  @Test
  void aModelHandedOutDuringTrainingNeverChanges() throws Exception {
    Instances iris = TestDatasets.load("iris.arff");
    MultilayerPerceptronClassifier mlp = new MultilayerPerceptronClassifier();
    mlp.setMaxIterations(20);
    mlp.initializeClassifier(iris);
    mlp.next();
    mlp.next();
    MlpModel afterTwo = mlp.getModel();
    double[] predicted = afterTwo.distributionForInstance(iris.instance(60));
    assertTrue(afterTwo.describe("m").contains("not yet (training can resume)"), afterTwo.describe("m"));
    while (mlp.next()) {
      // train to the end
    }
    mlp.done();
    MlpModel finished = mlp.getModel();
    assertNotSame(afterTwo, finished);
    assertEquals(2, afterTwo.report().history().epochs());
    assertEquals(20, finished.report().history().epochs());
    assertArrayEquals(predicted, afterTwo.distributionForInstance(iris.instance(60)), 0.0);
    assertTrue(Math.abs(predicted[1] - finished.distributionForInstance(iris.instance(60))[1]) > 1e-6);
  }

  @Test
  void theHeaderHandedOutIsTheModelsOwnCopy() throws Exception {
    Instances iris = TestDatasets.load("iris.arff");
    MultilayerPerceptronClassifier mlp = new MultilayerPerceptronClassifier();
    mlp.setMaxIterations(5);
    mlp.buildClassifier(iris);
    Instances header = mlp.getModel().header();
    header.renameAttributeValue(header.classAttribute(), "Iris-setosa", "renamed");
    // the model still accepts the training data: its own header was not renamed
    assertEquals(3, mlp.getModel().distributionForInstance(iris.instance(0)).length);
    assertThrows(IllegalArgumentException.class, () -> mlp.getModel().distributionsForInstances(header, 1));
  }

  @ParameterizedTest
  @CsvSource({"classifier-0.1.0-iris.model, MultilayerPerceptronClassifier",
    "regressor-0.1.0-cpu.model, MultilayerPerceptronRegressor"})
  void aModelSavedByVersion01IsRefusedNamingTheVersion(String file, String name) {
    Exception e = assertThrows(Exception.class,
      () -> SerializationHelper.read("src/test/resources/models/" + file));
    Throwable cause = e;
    while (!(cause instanceof InvalidObjectException) && cause.getCause() != null) {
      cause = cause.getCause();
    }
    assertEquals("This " + name + " was saved by version 0.1 of the multiLayerPerceptronsEJML package, whose model "
      + "format this version cannot read; train and save the model again with this version.", cause.getMessage());
  }

  private static byte[] serialize(Object o) throws Exception {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    SerializationHelper.write(bytes, o);
    return bytes.toByteArray();
  }
}
