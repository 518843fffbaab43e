/**
 * Integration tests of the installed Weka package ({@code *IT.java}, run by maven-failsafe in
 * {@code mvn verify}): the package zip installed offline with Weka's package manager, then Weka's own
 * tools driven as a user drives them, each in a JVM whose class path holds Weka and never
 * {@code target/classes}: weka.Run on the command line, the Explorer and the Experimenter in real
 * windows (under Caciocavallo, a pure-Java AWT toolkit: no X server needed), the Experimenter setups of {@code experiments/} and two RemoteEngine hosts.
 */
package org.wekamlp.integration;
