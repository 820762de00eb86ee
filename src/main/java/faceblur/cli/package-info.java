/** The {@code faceblur} command line: parses options, names outputs, draws progress; calls the engine. */
package faceblur.cli;
