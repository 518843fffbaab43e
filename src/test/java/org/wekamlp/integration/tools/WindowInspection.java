package org.wekamlp.integration.tools;

import java.awt.Component;
import java.awt.Container;
import java.awt.Rectangle;
import java.awt.Toolkit;
import java.awt.Window;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import javax.imageio.ImageIO;
import javax.swing.JLabel;
import javax.swing.JFrame;
import javax.swing.JTextField;
import javax.swing.SwingUtilities;

import org.assertj.swing.core.BasicRobot;
import org.assertj.swing.core.GenericTypeMatcher;
import org.assertj.swing.core.Robot;
import org.assertj.swing.finder.WindowFinder;
import org.assertj.swing.fixture.FrameFixture;
import org.assertj.swing.timing.Condition;
import org.assertj.swing.timing.Pause;
import org.assertj.swing.timing.Timeout;

/**
 * What the GUI drivers read off Weka's windows: components below a container, the text field in a
 * labelled row, waiting for a condition, and screenshots. Reads happen on the event dispatch thread.
 */
final class WindowInspection {

  private WindowInspection() {
  }

  /** What a driver does with the GUI; returns the text to print. */
  interface Scenario {

    String play(Robot robot) throws Exception;
  }

  /**
   * Runs a driver's scenario with an AssertJ Swing robot, prints the AWT toolkit's class ("toolkit: ...") and
   * what the scenario returns and exits with 0, or prints the failure, saves a screenshot of the whole screen as
   * failure.png and exits with 1.
   */
  static void runAndExit(Path output, Scenario scenario) {
    try {
      java.nio.file.Files.createDirectories(output);
      installPureJavaToolkit();
      System.out.println("toolkit: " + Toolkit.getDefaultToolkit().getClass().getName());
      Robot robot = BasicRobot.robotWithNewAwtHierarchy();
      robot.settings().delayBetweenEvents(60);
      System.out.println(scenario.play(robot));
      System.exit(0);
    } catch (Throwable e) {
      e.printStackTrace();
      try {
        screenshotOfScreen(output.resolve("failure.png"));
      } catch (Exception ignored) {
        // the stack trace above says what went wrong
      }
      System.exit(1);
    }
  }

  /**
   * When the JVM was started for Caciocavallo ({@code -Dawt.toolkit=...CTCToolkit}), puts its toolkit and
   * screen in place before any window opens. Java 17 picks its platform toolkit and graphics environment
   * itself; Cacio's set-up class (written for its JUnit extension) swaps them in its static initializer.
   */
  static void installPureJavaToolkit() throws ClassNotFoundException {
    if (System.getProperty("awt.toolkit", "").startsWith("com.github.caciocavallosilano.")) {
      try {
        Class.forName("com.github.caciocavallosilano.cacio.ctc.junit.CacioExtension", true,
          WindowInspection.class.getClassLoader());
      } catch (LinkageError e) {
        throw new IllegalStateException("Caciocavallo 1.18, the pure-Java AWT toolkit of the GUI tests, is built for "
          + "Java 17 and could not start on Java " + Runtime.version() + ": run 'mvn verify' with JDK 17", e);
      }
    }
  }

  /** Waits for the showing main window with this title and places it at the screen's corner. */
  static FrameFixture frame(Robot robot, String title, int width, int height) {
    FrameFixture frame = WindowFinder.findFrame(new GenericTypeMatcher<JFrame>(JFrame.class) {

      @Override
      protected boolean isMatching(JFrame f) {
        return title.equals(f.getTitle()) && f.isShowing();
      }
    }).withTimeout(120_000).using(robot);
    frame.resizeTo(new java.awt.Dimension(width, height));
    frame.moveTo(new java.awt.Point(0, 0));
    relayout(frame.target());
    return frame;
  }

  /**
   * Makes a window at most 95 % of the screen's height, the limit Weka's PropertyDialog sets itself when it opens.
   * Under the pure-Java toolkit the property dialog of the classifier opened taller than the screen (1066 pixels on
   * a screen of 1024), with its OK button off the screen.
   */
  static void fitOnScreen(Window window) throws Exception {
    onEdt(() -> {
      int limit = (int) (window.getGraphicsConfiguration().getBounds().height * 0.95);
      if (window.getHeight() > limit) {
        window.setSize(window.getWidth(), limit);
      }
      return null;
    });
    relayout(window);
  }

  /**
   * Lays a resized window out again and repaints it. An X server's resize event does this; under the pure-Java
   * toolkit the Explorer kept the layout of its old size in its new frame.
   */
  private static void relayout(Window window) {
    try {
      onEdt(() -> {
        window.validate();
        window.repaint();
        return null;
      });
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** True when a showing label below root has exactly this text. */
  static boolean labelShowing(Container root, String text) throws Exception {
    return showing(root, JLabel.class).stream().anyMatch(l -> text.equals(l.getText()));
  }

  /** A query of Swing state, run on the event dispatch thread. */
  interface EdtQuery<T> {

    T get() throws Exception;
  }

  static <T> T onEdt(EdtQuery<T> query) throws Exception {
    AtomicReference<T> result = new AtomicReference<>();
    AtomicReference<Exception> failure = new AtomicReference<>();
    SwingUtilities.invokeAndWait(() -> {
      try {
        result.set(query.get());
      } catch (Exception e) {
        failure.set(e);
      }
    });
    if (failure.get() != null) {
      throw failure.get();
    }
    return result.get();
  }

  /** All components below a container, depth first. */
  static List<Component> descendants(Container root) {
    List<Component> all = new ArrayList<>();
    for (Component c : root.getComponents()) {
      all.add(c);
      if (c instanceof Container) {
        all.addAll(descendants((Container) c));
      }
    }
    return all;
  }

  /** The showing components of a type below a container, in depth-first order. */
  static <T extends Component> List<T> showing(Container root, Class<T> type) throws Exception {
    return onEdt(() -> {
      List<T> found = new ArrayList<>();
      for (Component c : descendants(root)) {
        if (type.isInstance(c) && c.isShowing()) {
          found.add(type.cast(c));
        }
      }
      return found;
    });
  }

  /** The text field in the row of the label with this text (forms lay labels and editors out in rows). */
  static JTextField fieldNextTo(Container root, String labelText) throws Exception {
    return nextTo(root, labelText, JTextField.class);
  }

  /**
   * @param root the window
   * @param labelText a label's text
   * @param type the kind of component wanted
   * @return the component of that kind in the label's row
   * @throws Exception when there is no such label or component
   */
  static <T extends Component> T nextTo(Container root, String labelText, Class<T> type) throws Exception {
    return onEdt(() -> {
      JLabel label = null;
      List<T> fields = new ArrayList<>();
      for (Component c : descendants(root)) {
        if (c instanceof JLabel && labelText.equals(((JLabel) c).getText()) && c.isShowing()) {
          label = (JLabel) c;
        } else if (type.isInstance(c) && c.isShowing()) {
          fields.add(type.cast(c));
        }
      }
      if (label == null) {
        throw new IllegalStateException("no label '" + labelText + "' showing");
      }
      int labelMiddle = label.getLocationOnScreen().y + label.getHeight() / 2;
      for (T f : fields) {
        int top = f.getLocationOnScreen().y;
        if (labelMiddle >= top && labelMiddle <= top + f.getHeight()) {
          return f;
        }
      }
      throw new IllegalStateException("no " + type.getSimpleName() + " in the row of '" + labelText + "'");
    });
  }

  /** A condition on the GUI. */
  interface Check {

    boolean holds() throws Exception;
  }

  static void waitFor(String what, int seconds, Check check) {
    Pause.pause(new Condition("Waiting for " + what) {

      @Override
      public boolean test() {
        try {
          return check.holds();
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }
    }, Timeout.timeout(seconds * 1000L));
  }

  static void screenshot(Window window, Path file) throws Exception {
    screenshot(onEdt(() -> new Rectangle(window.getLocationOnScreen(), window.getSize())), file);
  }

  static void screenshotOfScreen(Path file) throws Exception {
    screenshot(new Rectangle(Toolkit.getDefaultToolkit().getScreenSize()), file);
  }

  private static void screenshot(Rectangle area, Path file) throws Exception {
    BufferedImage image = new java.awt.Robot().createScreenCapture(area);
    ImageIO.write(image, "png", file.toFile());
  }
}
