/**
 * Programs the integration tests and {@code experiments/run-experiment.sh} start in their own JVMs, with
 * Weka on the class path and the package installed in WEKA_HOME: running Experimenter setups locally or
 * over RemoteEngine hosts and printing their significance tables, writing the setups, and driving the
 * Explorer and the Experimenter with AssertJ Swing. Packed into {@code target/*-integration-tools.jar}
 * by {@code mvn package}.
 */
package org.wekamlp.integration.tools;
