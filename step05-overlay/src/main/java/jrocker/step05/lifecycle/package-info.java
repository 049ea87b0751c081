/**
 * Chapter 6, living with containers: what jrocker writes down about each container (its record, config,
 * state and name), how it tells whether the container still runs, and how it starts one under a monitor,
 * signals it, stops it and cleans up after it.
 */
package jrocker.step05.lifecycle;
