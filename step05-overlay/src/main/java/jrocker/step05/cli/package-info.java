/**
 * The {@code jrocker} commands of step05: {@code run} from an image, {@code pull}, {@code login},
 * {@code logout}, {@code load}, {@code import}, {@code images}, {@code image}, {@code rmi}, {@code commit} and
 * {@code export} (chapter 5); {@code run -d}, {@code ps}, {@code logs}, {@code inspect}, {@code exec},
 * {@code stop}, {@code kill} and {@code rm} (chapter 6); {@code --cap-add}, {@code --security-opt} and
 * {@code --user} (chapter 7). Each parses its options and hands the work to the packages of its chapter.
 */
package jrocker.step05.cli;
