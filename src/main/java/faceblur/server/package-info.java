/** HTTP endpoints of {@code faceblur serve}. */
package faceblur.server;
