package weka.classifiers.functions.mlp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import weka.classifiers.functions.MultilayerPerceptronClassifier;
import weka.classifiers.functions.MultilayerPerceptronRegressor;
import weka.core.Instances;

/**
 * Weka's resume ({@code IterativeClassifier}): building again with resume on continues the run only on the same
 * rows with the same options except {@code -max-iter}; anything else is refused with a message that names what
 * changed, and leaves the run as it was.
 */
class ResumeTest {

  private MultilayerPerceptronClassifier mlp;

  @AfterEach
  void releaseTheRun() throws Exception {
    if (mlp != null) {
      mlp.setResume(false);
      mlp.done();
    }
  }

  private MultilayerPerceptronClassifier resumableAfterThreeEpochs(Instances data) throws Exception {
    mlp = new MultilayerPerceptronClassifier();
    mlp.setMaxIterations(3);
    mlp.setResume(true);
    mlp.buildClassifier(data);
    assertEquals(3, mlp.getTrainingHistory().epochs());
    return mlp;
  }

  @Test
  void anEqualCopyOfTheDataResumesWhereTheRunStopped() throws Exception {
    Instances iris = TestDatasets.load("iris.arff");
    resumableAfterThreeEpochs(iris);
    mlp.setMaxIterations(5);
    mlp.buildClassifier(new Instances(iris)); // the Explorer hands over a fresh copy each time
    assertEquals(5, mlp.getTrainingHistory().epochs());
    MultilayerPerceptronClassifier fresh = new MultilayerPerceptronClassifier();
    fresh.setMaxIterations(5);
    fresh.buildClassifier(iris);
    assertArrayEquals(fresh.distributionForInstance(iris.instance(7)), mlp.distributionForInstance(iris.instance(7)),
      0.0);
  }

  @Test
  void otherRowsWithTheSameHeaderAreRefused() throws Exception {
    Instances iris = TestDatasets.load("iris.arff");
    resumableAfterThreeEpochs(iris);
    double[] before = mlp.distributionForInstance(iris.instance(0));
    mlp.setMaxIterations(5);
    Instances fewer = new Instances(iris, 0, 100);
    Exception e = assertThrows(IllegalArgumentException.class, () -> mlp.buildClassifier(fewer));
    assertEquals("Cannot resume training on other data: the run was started on 150 instances, this data has 100 "
      + "(with resume on, training continues only on the same instances, in the same order, with the same weights). "
      + "Turn resume off to train afresh on this data.", e.getMessage());
    Instances changed = new Instances(iris);
    changed.instance(42).setValue(0, 7.5);
    e = assertThrows(IllegalArgumentException.class, () -> mlp.initializeClassifier(changed));
    assertEquals("Cannot resume training on other data: the run was started on 150 instances, this data has 150 "
      + "instances with other values or weights (with resume on, training continues only on the same instances, in "
      + "the same order, with the same weights). Turn resume off to train afresh on this data.", e.getMessage());
    Instances reweighted = new Instances(iris);
    reweighted.instance(3).setWeight(2.0);
    assertThrows(IllegalArgumentException.class, () -> mlp.buildClassifier(reweighted));
    // the refused calls left the run as it was: it still resumes on its own data
    assertArrayEquals(before, mlp.distributionForInstance(iris.instance(0)), 0.0);
    mlp.buildClassifier(iris);
    assertEquals(5, mlp.getTrainingHistory().epochs());
  }

  @Test
  void changingAnOptionOtherThanMaxIterIsRefused() throws Exception {
    Instances iris = TestDatasets.load("iris.arff");
    resumableAfterThreeEpochs(iris);
    mlp.setMaxIterations(6);
    mlp.setAlpha(0.01);
    Exception e = assertThrows(IllegalArgumentException.class, () -> mlp.buildClassifier(iris));
    assertEquals("Cannot resume training with changed options: -alpha is 0.01 now, 1.0E-4 when the run started. "
      + "Only -max-iter may change between resumed runs; set the option back, or turn resume off to train afresh.",
      e.getMessage());
    mlp.setAlpha(1.0E-4);
    mlp.setOptions(new String[] {"-hidden-layer-sizes", "20", "-max-iter", "6"});
    mlp.setResume(true);
    e = assertThrows(IllegalArgumentException.class, () -> mlp.buildClassifier(iris));
    assertEquals("Cannot resume training with changed options: -hidden-layer-sizes is 20 now, 100 when the run "
      + "started. Only -max-iter may change between resumed runs; set the option back, or turn resume off to train "
      + "afresh.", e.getMessage());
    mlp.setHiddenLayerSizes("100");
    mlp.setSeed(7);
    e = assertThrows(IllegalArgumentException.class, () -> mlp.buildClassifier(iris));
    assertEquals("Cannot resume training with changed options: -S is 7 now, 1 when the run started. Only -max-iter "
      + "may change between resumed runs; set the option back, or turn resume off to train afresh.", e.getMessage());
    mlp.setSeed(1);
    // Weka's own output options do not change training: they may change
    mlp.setDebug(true);
    mlp.setDebug(false);
    mlp.setNumDecimalPlaces(4);
    mlp.buildClassifier(iris);
    assertEquals(6, mlp.getTrainingHistory().epochs());
  }

  @Test
  void changingThePrecisionIsRefused() throws Exception {
    Instances iris = TestDatasets.load("iris.arff");
    resumableAfterThreeEpochs(iris);
    mlp.setMaxIterations(5);
    mlp.setPrecision(new weka.core.SelectedTag(PrecisionOption.FLOAT32.ordinal(),
      AbstractMultilayerPerceptron.TAGS_PRECISION));
    Exception e = assertThrows(IllegalArgumentException.class, () -> mlp.buildClassifier(iris));
    assertEquals("Cannot resume training with changed options: -precision is float32 now, float64 when the run "
      + "started. Only -max-iter may change between resumed runs; set the option back, or turn resume off to train "
      + "afresh.", e.getMessage());
    mlp.setPrecision(new weka.core.SelectedTag(PrecisionOption.FLOAT64.ordinal(),
      AbstractMultilayerPerceptron.TAGS_PRECISION));
    mlp.buildClassifier(iris);
    assertEquals(5, mlp.getTrainingHistory().epochs());
  }

  @Test
  void aFlagAddedOrRemovedIsNamed() throws Exception {
    MultilayerPerceptronRegressor regressor = new MultilayerPerceptronRegressor();
    Instances cpu = TestDatasets.load("cpu.arff");
    regressor.setMaxIterations(2);
    regressor.setResume(true);
    regressor.buildClassifier(cpu);
    try {
      regressor.setTargetScaling(false);
      Exception e = assertThrows(IllegalArgumentException.class, () -> regressor.buildClassifier(cpu));
      assertEquals("Cannot resume training with changed options: -no-target-scaling is given now, not when the run "
        + "started. Only -max-iter may change between resumed runs; set the option back, or turn resume off to train "
        + "afresh.", e.getMessage());
      regressor.setTargetScaling(true);
      regressor.setShuffle(false);
      e = assertThrows(IllegalArgumentException.class, () -> regressor.buildClassifier(cpu));
      assertEquals("Cannot resume training with changed options: -no-shuffle is given now, not when the run "
        + "started. Only -max-iter may change between resumed runs; set the option back, or turn resume off to train "
        + "afresh.", e.getMessage());
      regressor.setShuffle(true);
      regressor.setResume(false);
      regressor.setSolver(new weka.core.SelectedTag(2, AbstractMultilayerPerceptron.TAGS_SOLVER));
      regressor.buildClassifier(cpu); // resume off: a fresh start with the new options
      assertEquals("lbfgs", regressor.getSolver().getSelectedTag().getReadable().split(":")[0]);
    } finally {
      regressor.setResume(false);
      regressor.done();
    }
  }
}
