package weka.classifiers.functions.mlp;

import java.util.Locale;

import weka.core.Instances;

/**
 * Fits the classifier's {@link TemperatureScaling} by internal stratified k-fold cross-validation of the training
 * rows: a model with the same options (calibration off) is trained on each k - 1 folds and predicts the fold left
 * out, and the temperature is fitted on these out-of-fold predictions with the rows' instance weights. The model
 * that is calibrated is the one trained on all rows, unchanged: every training row serves both the network and the
 * temperature, and the calibrated model classifies exactly as the uncalibrated one. The folds come from the seed.
 */
public final class Calibration {

  /** The folds of the internal cross-validation. */
  public static final int FOLDS = 3;
  /** Fewer training rows than this (with a known class and a positive weight) leave the model uncalibrated. */
  public static final int MIN_ROWS = 20;

  /** Trains a model with the classifier's options, calibration off, on some rows. */
  public interface FoldTrainer {

    /**
     * @param train the training rows of one fold. Not modified.
     * @return the model trained on them
     * @throws Exception if training fails
     */
    MlpModel train(Instances train) throws Exception;
  }

  private Calibration() {
  }

  /**
   * @param model a trained model. Not modified.
   * @param temperature a temperature fitted elsewhere on held-out predictions of the same options (-tune's)
   * @return the model predicting with the temperature; a constant model unchanged
   */
  static MlpModel withTemperature(MlpModel model, TemperatureScaling temperature) {
    if (!(model.output() instanceof ClassProbabilities)) {
      return model;
    }
    return model.withOutput(((ClassProbabilities) model.output()).calibrated(temperature));
  }

  /**
   * Calibrates a trained model.
   *
   * @param model the model trained on all rows. Not modified.
   * @param data the training data. Not modified.
   * @param rows the rows the model was trained on (known class, positive weight). Not modified.
   * @param seed the seed of the folds
   * @param threads threads for the fold models' predictions
   * @param trainer trains the fold models
   * @return the model with calibrated class probabilities; the same network, so the same predicted classes
   * @throws Exception if a fold model cannot be trained
   */
  public static MlpModel calibrate(MlpModel model, Instances data, int[] rows, long seed, int threads,
    FoldTrainer trainer) throws Exception {
    if (!(model.output() instanceof ClassProbabilities)) {
      return model; // a constant model (no usable input) has nothing to calibrate
    }
    ClassProbabilities probabilities = (ClassProbabilities) model.output();
    if (rows.length < MIN_ROWS) {
      return model.withOutput(probabilities.calibrated(TemperatureScaling.notFitted("only " + rows.length
        + " training rows; -calibrate needs at least " + MIN_ROWS + " to hold out predictions")));
    }
    long start = System.nanoTime();
    Instances[][] folds = Tuning.splitFolds(Tuning.shuffledRows(data, rows, seed), FOLDS, true);
    int k = data.numClasses();
    double[] outOfFold = new double[rows.length * k];
    int[] labels = new int[rows.length];
    double[] weights = new double[rows.length];
    int done = 0;
    for (int fold = 0; fold < FOLDS; fold++) {
      Instances test = folds[1][fold];
      double[][] predicted = trainer.train(folds[0][fold]).distributionsForInstances(test, threads);
      for (int i = 0; i < predicted.length; i++, done++) {
        System.arraycopy(predicted[i], 0, outOfFold, done * k, k);
        labels[done] = (int) test.instance(i).classValue();
        weights[done] = test.instance(i).weight();
      }
    }
    String heldOut = String.format(Locale.ROOT, "the out-of-fold predictions of an internal stratified %d-fold "
      + "cross-validation (%d rows, %.2f s)", FOLDS, rows.length, (System.nanoTime() - start) / 1e9);
    return model.withOutput(probabilities.calibrated(TemperatureScaling.fit(outOfFold, k, labels, weights, heldOut)));
  }
}
