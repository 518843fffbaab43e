package org.wekamlp.integration.tools;

import static org.wekamlp.integration.tools.WindowInspection.fieldNextTo;
import static org.wekamlp.integration.tools.WindowInspection.onEdt;
import static org.wekamlp.integration.tools.WindowInspection.screenshot;
import static org.wekamlp.integration.tools.WindowInspection.showing;
import static org.wekamlp.integration.tools.WindowInspection.waitFor;

import java.io.File;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

import javax.swing.JComboBox;
import javax.swing.JList;
import javax.swing.JTextField;
import javax.swing.ListModel;
import javax.swing.filechooser.FileFilter;

import org.assertj.swing.core.Robot;
import org.assertj.swing.core.matcher.JButtonMatcher;
import org.assertj.swing.finder.JFileChooserFinder;
import org.assertj.swing.fixture.FrameFixture;
import org.assertj.swing.fixture.JComboBoxFixture;
import org.assertj.swing.fixture.JFileChooserFixture;

import weka.core.OptionHandler;
import weka.core.Utils;
import weka.gui.experiment.AlgorithmListPanel;
import weka.gui.experiment.DatasetListPanel;
import weka.gui.experiment.Experimenter;

/**
 * Opens Experimenter setups in Weka's Experimenter window, as a user would (Setup > Open..., a file
 * chooser), and prints what the Setup panel then shows: experiment type, folds, repetitions, result
 * destination, data sets and algorithms. Saves a screenshot per setup.
 *
 * <p>{@code ExperimenterDriver <output folder> <setup.xml>...}; needs a screen (the tests' pure-Java toolkit,
 * see WekaGuiIT, or a real display), the package installed in WEKA_HOME and AssertJ Swing on the class path.
 * Run it in the repository root.
 */
public final class ExperimenterDriver {

  private ExperimenterDriver() {
  }

  /**
   * @param args the output folder, then one or more setup files
   */
  public static void main(String[] args) {
    Path output = Paths.get(args[0]);
    WindowInspection.runAndExit(output, robot -> drive(robot, output, List.of(args).subList(1, args.length)));
  }

  private static String drive(Robot robot, Path output, List<String> setups) throws Exception {
    new Thread(() -> Experimenter.main(new String[0]), "Experimenter.main").start();
    FrameFixture experimenter = WindowInspection.frame(robot, "Weka Experiment Environment", 1000, 720);
    StringBuilder report = new StringBuilder();
    for (String setup : setups) {
      File file = new File(setup).getAbsoluteFile();
      experimenter.button(JButtonMatcher.withText("Open...").andShowing()).click();
      JFileChooserFixture chooser = JFileChooserFinder.findFileChooser().withTimeout(30_000).using(robot);
      selectFileType(robot, chooser, "(*.xml)"); // the chooser offers *.exp first and would append ".exp"
      chooser.fileNameTextBox().setText(file.getPath());
      chooser.approve();
      waitFor(setup + " in the Setup panel", 60, () -> !entries(experimenter, AlgorithmListPanel.class).isEmpty());
      robot.waitForIdle();

      report.append("setup: ").append(setup).append('\n');
      for (JComboBox<?> choice : showing(experimenter.target(), JComboBox.class)) {
        report.append("choice: ").append(onEdt(choice::getSelectedItem)).append('\n');
      }
      report.append("folds: ").append(fieldText(experimenter, "Number of folds:")).append('\n');
      report.append("repetitions: ").append(fieldText(experimenter, "Number of repetitions:")).append('\n');
      report.append("destination: ").append(fieldText(experimenter, "Filename:")).append('\n');
      for (String dataset : entries(experimenter, DatasetListPanel.class)) {
        report.append("data set: ").append(dataset).append('\n');
      }
      for (String algorithm : entries(experimenter, AlgorithmListPanel.class)) {
        report.append("algorithm: ").append(algorithm).append('\n');
      }
      robot.moveMouse(experimenter.target(), 5, 5);
      robot.waitForIdle();
      String name = file.getName().replaceFirst("\\.xml$", "");
      screenshot(experimenter.target(), output.resolve("experimenter-" + name + ".png"));
    }
    return report.toString();
  }

  /** Picks the entry of the chooser's "Files of Type" box whose description contains the text. */
  private static void selectFileType(Robot robot, JFileChooserFixture chooser, String text) throws Exception {
    for (JComboBox<?> box : showing(chooser.target(), JComboBox.class)) {
      int index = onEdt(() -> {
        for (int i = 0; i < box.getItemCount(); i++) {
          Object item = box.getItemAt(i);
          if (item instanceof FileFilter && ((FileFilter) item).getDescription().contains(text)) {
            return i;
          }
        }
        return -1;
      });
      if (index >= 0) {
        new JComboBoxFixture(robot, box).selectItem(index);
        return;
      }
    }
    throw new IllegalStateException("no file type '" + text + "' in the file chooser");
  }

  private static String fieldText(FrameFixture frame, String label) throws Exception {
    JTextField field = fieldNextTo(frame.target(), label);
    return WindowInspection.<String>onEdt(field::getText);
  }

  /** The entries of the list inside a showing panel of this type, as the list shows them. */
  private static List<String> entries(FrameFixture frame, Class<? extends java.awt.Container> panelType)
    throws Exception {
    List<String> entries = new ArrayList<>();
    for (java.awt.Container panel : showing(frame.target(), panelType)) {
      for (JList<?> list : showing(panel, JList.class)) {
        onEdt(() -> {
          ListModel<?> model = list.getModel();
          for (int i = 0; i < model.getSize(); i++) {
            Object entry = model.getElementAt(i);
            entries.add(entry instanceof OptionHandler
              ? (entry.getClass().getName() + " " + Utils.joinOptions(((OptionHandler) entry).getOptions())).trim()
              : String.valueOf(entry));
          }
          return null;
        });
      }
    }
    return entries;
  }
}
