package org.wekamlp.integration.tools;

import static org.wekamlp.integration.tools.WindowInspection.fieldNextTo;
import static org.wekamlp.integration.tools.WindowInspection.labelShowing;
import static org.wekamlp.integration.tools.WindowInspection.onEdt;
import static org.wekamlp.integration.tools.WindowInspection.screenshot;
import static org.wekamlp.integration.tools.WindowInspection.showing;
import static org.wekamlp.integration.tools.WindowInspection.waitFor;

import java.awt.event.KeyEvent;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.atomic.AtomicReference;

import javax.swing.JButton;
import javax.swing.JComboBox;
import javax.swing.JDialog;
import javax.swing.JTextArea;
import javax.swing.JTextField;
import javax.swing.JTree;

import org.assertj.swing.core.GenericTypeMatcher;
import org.assertj.swing.core.Robot;
import org.assertj.swing.core.matcher.JButtonMatcher;
import org.assertj.swing.finder.JFileChooserFinder;
import org.assertj.swing.finder.WindowFinder;
import org.assertj.swing.fixture.DialogFixture;
import org.assertj.swing.fixture.FrameFixture;
import org.assertj.swing.fixture.JComboBoxFixture;
import org.assertj.swing.fixture.JFileChooserFixture;
import org.assertj.swing.fixture.JTextComponentFixture;
import org.assertj.swing.fixture.JTreeFixture;
import org.assertj.swing.timing.Pause;

import weka.core.converters.ConverterUtils.DataSource;
import weka.gui.PropertyPanel;
import weka.gui.explorer.Explorer;

/**
 * Drives Weka's Explorer in a real window, as a user would: starts it with {@code Explorer.main}, opens a
 * data set through "Open file...", picks MultilayerPerceptronClassifier in the Classify tab's chooser, sets
 * an option in its property dialog, presses Start and waits for the evaluation. Saves screenshots of the
 * configured dialog and of the result, prints the output panel's text.
 *
 * <p>{@code ExplorerDriver <data set> <output folder> <property> <value> [<property> <value> ...]}: a text field
 * gets the value typed, a drop-down (e.g. a boolean's False/True) gets it chosen; needs a screen (the tests' pure-Java
 * toolkit, see WekaGuiIT, or a real display), the package installed in WEKA_HOME and AssertJ Swing on the class
 * path. Exit code 0 when the output panel shows the evaluation, 1 otherwise (with a screenshot of the whole
 * screen).
 */
public final class ExplorerDriver {

  private ExplorerDriver() {
  }

  /**
   * @param args data set, output folder, then pairs of a property name (as the property sheet labels it) and value
   */
  public static void main(String[] args) {
    Path output = Paths.get(args[1]);
    String[] settings = java.util.Arrays.copyOfRange(args, 2, args.length);
    WindowInspection.runAndExit(output, robot -> drive(robot, new File(args[0]).getAbsoluteFile(), output, settings));
  }

  /**
   * Starts the Explorer as a user starts it (it loads the installed packages) and opens a data set in the
   * Preprocess tab through "Open file...".
   *
   * @param robot the robot
   * @param dataset the data set
   * @return the Explorer's window
   * @throws Exception when the window or the data set does not show in time
   */
  static FrameFixture openExplorerWith(Robot robot, File dataset) throws Exception {
    new Thread(() -> Explorer.main(new String[0]), "Explorer.main").start();
    FrameFixture explorer = WindowInspection.frame(robot, "Weka Explorer", 1000, 720);

    // Preprocess tab: Open file... -> file chooser -> the path in the file name box -> Open
    explorer.button(JButtonMatcher.withText("Open file...").andShowing()).click();
    JFileChooserFixture chooser = JFileChooserFinder.findFileChooser().withTimeout(30_000).using(robot);
    chooser.fileNameTextBox().setText(dataset.getPath());
    chooser.approve();
    String relation = new DataSource(dataset.getPath()).getStructure().relationName();
    waitFor("the data set in the Preprocess panel", 60, () -> labelShowing(explorer.target(), relation));
    return explorer;
  }

  private static String drive(Robot robot, File dataset, Path output, String[] settings) throws Exception {
    FrameFixture explorer = openExplorerWith(robot, dataset);

    // Classify tab: Choose -> weka/classifiers/functions/MultilayerPerceptronClassifier in the chooser's tree
    explorer.tabbedPane().selectTab("Classify");
    JButton choose = explorer.button(JButtonMatcher.withText("Choose").andShowing()).target();
    robot.click(choose);
    new JTreeFixture(robot, robot.finder().findByType(JTree.class, true))
      .clickPath("weka/classifiers/functions/MultilayerPerceptronClassifier");
    robot.waitForIdle();

    // A click on the classifier's name (the PropertyPanel next to Choose) opens its property dialog
    robot.click(robot.finder().find(choose.getParent(), new GenericTypeMatcher<PropertyPanel>(PropertyPanel.class,
      true) {

      @Override
      protected boolean isMatching(PropertyPanel panel) {
        return true;
      }
    }));
    DialogFixture dialog = WindowFinder.findDialog(new GenericTypeMatcher<JDialog>(JDialog.class) {

      @Override
      protected boolean isMatching(JDialog d) {
        return d.isShowing() && d.getTitle().contains("GenericObjectEditor");
      }
    }).withTimeout(30_000).using(robot);
    WindowInspection.fitOnScreen(dialog.target());
    for (int i = 0; i + 1 < settings.length; i += 2) {
      set(robot, dialog, settings[i], settings[i + 1]);
    }
    robot.moveMouse(dialog.target(), 5, 5); // no tool tip over the screenshot
    Pause.pause(1000);
    robot.waitForIdle();
    screenshot(dialog.target(), output.resolve("explorer-property-dialog.png"));
    dialog.button(JButtonMatcher.withText("OK").andShowing()).click();
    robot.waitForIdle();

    // Start (10-fold cross-validation by default); done when the output has the confusion matrix and
    // Start is enabled again
    JButton start = explorer.button(JButtonMatcher.withText("Start").andShowing()).target();
    robot.click(start);
    AtomicReference<String> result = new AtomicReference<>("");
    waitFor("the evaluation in the classifier output", 300, () -> {
      for (JTextArea area : showing(explorer.target(), JTextArea.class)) {
        String text = onEdt(area::getText);
        if (text.contains("=== Run information ===")) {
          result.set(text);
        }
      }
      return result.get().contains("=== Confusion Matrix ===") && onEdt(start::isEnabled);
    });
    robot.moveMouse(explorer.target(), 5, 5);
    Pause.pause(500);
    robot.waitForIdle();
    screenshot(explorer.target(), output.resolve("explorer-result.png"));
    Files.writeString(output.resolve("explorer-output.txt"), result.get(), StandardCharsets.UTF_8);
    return result.get();
  }

  /** Types the value into the property's text field, or chooses it in the property's drop-down. */
  private static void set(Robot robot, DialogFixture dialog, String property, String value) throws Exception {
    JTextField field;
    try {
      field = fieldNextTo(dialog.target(), property);
    } catch (IllegalStateException noTextField) {
      new JComboBoxFixture(robot, WindowInspection.nextTo(dialog.target(), property, JComboBox.class)).selectItem(
        value);
      robot.waitForIdle();
      return;
    }
    new JTextComponentFixture(robot, field).deleteText().enterText(value).pressAndReleaseKeys(KeyEvent.VK_TAB);
  }
}
