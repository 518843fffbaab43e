package org.wekamlp.integration.tools;

import static org.wekamlp.integration.tools.WindowInspection.onEdt;
import static org.wekamlp.integration.tools.WindowInspection.screenshot;
import static org.wekamlp.integration.tools.WindowInspection.showing;
import static org.wekamlp.integration.tools.WindowInspection.waitFor;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

import javax.swing.JButton;
import javax.swing.JTextArea;
import javax.swing.JTree;

import org.assertj.swing.core.Robot;
import org.assertj.swing.core.matcher.JButtonMatcher;
import org.assertj.swing.finder.JOptionPaneFinder;
import org.assertj.swing.fixture.FrameFixture;
import org.assertj.swing.fixture.JOptionPaneFixture;
import org.assertj.swing.fixture.JTreeFixture;
import org.assertj.swing.timing.Pause;

/**
 * Drives the Explorer's Select attributes tab as a user would: opens a data set, chooses
 * PermutationImportanceAttributeEval as the attribute evaluator in the chooser's tree (the Explorer then offers to
 * switch the search method to Ranker: Yes), presses Start and waits for the ranking. Saves a screenshot and prints
 * the output panel's text.
 *
 * <p>{@code AttributeSelectionDriver <data set> <output folder>}; needs a screen (see WekaGuiIT), the package
 * installed in WEKA_HOME and AssertJ Swing on the class path.
 */
public final class AttributeSelectionDriver {

  private AttributeSelectionDriver() {
  }

  /**
   * @param args data set and output folder
   */
  public static void main(String[] args) {
    Path output = Paths.get(args[1]);
    WindowInspection.runAndExit(output, robot -> drive(robot, new File(args[0]).getAbsoluteFile(), output));
  }

  private static String drive(Robot robot, File dataset, Path output) throws Exception {
    FrameFixture explorer = ExplorerDriver.openExplorerWith(robot, dataset);
    explorer.tabbedPane().selectTab("Select attributes");
    robot.waitForIdle();

    // Two Choose buttons: the attribute evaluator's above the search method's
    List<JButton> chooseButtons = showing(explorer.target(), JButton.class).stream().filter(b -> "Choose".equals(b
      .getText())).sorted(Comparator.comparingInt(b -> b.getLocationOnScreen().y)).collect(Collectors.toList());
    robot.click(chooseButtons.get(0));
    new JTreeFixture(robot, robot.finder().findByType(JTree.class, true)).clickPath(
      "weka/attributeSelection/PermutationImportanceAttributeEval");
    robot.waitForIdle();
    // "You must use a Ranker search method ... Should I select it for you?"
    JOptionPaneFixture ranker = JOptionPaneFinder.findOptionPane().withTimeout(30_000).using(robot);
    System.out.println("dialog: " + String.valueOf(ranker.target().getMessage()).replace('\n', ' '));
    ranker.yesButton().click();
    robot.waitForIdle();

    JButton start = explorer.button(JButtonMatcher.withText("Start").andShowing()).target();
    robot.click(start);
    String[] result = {""};
    waitFor("the ranking in the attribute selection output", 300, () -> {
      for (JTextArea area : showing(explorer.target(), JTextArea.class)) {
        String text = onEdt(area::getText);
        if (text.contains("Ranked attributes:")) {
          result[0] = text;
        }
      }
      return result[0].contains("Selected attributes:") && onEdt(start::isEnabled);
    });
    robot.moveMouse(explorer.target(), 5, 5);
    Pause.pause(500);
    robot.waitForIdle();
    screenshot(explorer.target(), output.resolve("explorer-select-attributes.png"));
    Files.writeString(output.resolve("explorer-select-attributes.txt"), result[0], StandardCharsets.UTF_8);
    return result[0];
  }
}
