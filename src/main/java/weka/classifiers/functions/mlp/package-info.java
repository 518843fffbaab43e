/**
 * The bridge between Weka and the numerical core.
 *
 * <ul>
 *   <li>{@link weka.classifiers.functions.mlp.AbstractMultilayerPerceptron}: what
 *       {@code MultilayerPerceptronClassifier} and {@code MultilayerPerceptronRegressor} share: the options (one
 *       table of {@link weka.classifiers.functions.mlp.OptionSpec}s), Weka's training life cycle
 *       ({@code IterativeClassifier}, resume checked by {@link weka.classifiers.functions.mlp.ResumeCheck}) and
 *       the command line;</li>
 *   <li>{@link weka.classifiers.functions.mlp.MlpModel}: the fitted model, immutable, which predicts and
 *       describes itself: the training header, the {@link weka.classifiers.functions.mlp.InstancesEncoder}
 *       (fitted from {@link weka.classifiers.functions.mlp.EncoderStatistics}, mergeable over data partitions),
 *       the network, the fitted {@link weka.classifiers.functions.mlp.OutputDecoding}
 *       ({@link weka.classifiers.functions.mlp.ClassProbabilities} or
 *       {@link weka.classifiers.functions.mlp.TargetScaling}) and a
 *       {@link weka.classifiers.functions.mlp.TrainingReport};</li>
 *   <li>{@link weka.classifiers.functions.mlp.TemperatureScaling}: the classifier's optional calibration, a
 *       temperature fitted on out-of-fold predictions by {@link weka.classifiers.functions.mlp.Calibration};</li>
 *   <li>{@link weka.classifiers.functions.mlp.MemoryEstimate}: the heap a run needs, checked before anything large
 *       is allocated.</li>
 * </ul>
 */
package weka.classifiers.functions.mlp;
