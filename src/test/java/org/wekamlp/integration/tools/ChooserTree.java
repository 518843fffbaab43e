package org.wekamlp.integration.tools;

import java.util.Enumeration;
import java.util.Hashtable;

import javax.swing.JTree;
import javax.swing.tree.DefaultMutableTreeNode;
import javax.swing.tree.TreeNode;

import weka.classifiers.Classifier;
import weka.core.WekaPackageManager;
import weka.gui.GenericObjectEditor;
import weka.gui.HierarchyPropertyParser;

/**
 * Prints the tree of classifiers that the Explorer's "Choose" button shows (Weka's GenericObjectEditor),
 * one leaf per line as {@code weka/classifiers/functions/SMO}, after loading the packages installed in
 * WEKA_HOME. Used by PackageInstallIT to check that an installed package's classes are listed.
 */
public final class ChooserTree extends GenericObjectEditor {

  private static final long serialVersionUID = 1L;

  private ChooserTree() {
    super(true);
    setClassType(Classifier.class);
  }

  /** The same tree the chooser's popup builds from Weka's class discovery. */
  private JTree tree() {
    Hashtable<String, HierarchyPropertyParser> classes = getClassesFromProperties();
    return createTree(classes);
  }

  private static void printLeaves(TreeNode node, String path) {
    String name = path.isEmpty() ? String.valueOf(((DefaultMutableTreeNode) node).getUserObject())
      : path + "/" + ((DefaultMutableTreeNode) node).getUserObject();
    if (node.isLeaf()) {
      System.out.println(name);
      return;
    }
    Enumeration<? extends TreeNode> children = node.children();
    while (children.hasMoreElements()) {
      printLeaves(children.nextElement(), name);
    }
  }

  /**
   * @param args none
   */
  public static void main(String[] args) {
    WekaPackageManager.loadPackages(false);
    GenericObjectEditor.determineClasses();
    JTree tree = new ChooserTree().tree();
    printLeaves((TreeNode) tree.getModel().getRoot(), "");
  }
}
