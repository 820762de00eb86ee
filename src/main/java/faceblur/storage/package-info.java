/** Objects in S3 or an S3-compatible store: a client for reading and writing videos, and a local S3 endpoint over a folder. */
package faceblur.storage;
