/** One video through the engine: analyse, track, render, with outputs that appear whole or not at all. */
package faceblur.engine;
